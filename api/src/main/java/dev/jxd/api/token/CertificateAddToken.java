package dev.jxd.api.token;

import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.List;

/**
 * LXD's trust token (spec §3.1). On the wire it is the standard base64 of this record's JSON;
 * the REST API returns the record itself as {@code metadata}.
 *
 * @param expiresAt Go's zero time ({@link #NO_EXPIRY}) when the token never expires; written in Go's
 *         {@code time.Time} JSON form (see {@link GoTime})
 * @param type {@code Client certificate}, {@code Cluster link certificate}, or empty for legacy tokens
 */
public record CertificateAddToken(
        String clientName,
        String fingerprint,
        List<String> addresses,
        String secret,
        @JsonSerialize(using = GoTime.Serializer.class) @JsonDeserialize(using = GoTime.Deserializer.class) Instant expiresAt,
        String type)
{
    public static final Instant NO_EXPIRY = Instant.parse("0001-01-01T00:00:00Z");
    public static final String TYPE_CLIENT = "Client certificate";
    public static final String TYPE_CLUSTER_LINK = "Cluster link certificate";

    @Override
    public String toString()
    {
        // The secret grants trust; keep it out of logs and assertion messages
        return "CertificateAddToken[clientName=" + clientName + ", fingerprint=" + fingerprint + ", addresses=" + addresses
                + ", secret=" + (secret == null || secret.isEmpty() ? secret : "<redacted>") + ", expiresAt=" + expiresAt + ", type=" + type + "]";
    }
}
