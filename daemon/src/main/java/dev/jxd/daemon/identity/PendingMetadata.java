package dev.jxd.daemon.identity;

import dev.jxd.api.json.Json;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.GoTime;
import dev.jxd.daemon.auth.IdentityType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a pending TLS identity keeps in its {@code metadata} column: the SHA-256 of its token's secret
 * (never the secret; LXD stores the secret itself) and the expiry, which governs whether the token is
 * still good (the token's own {@code expires_at} is not trusted, spec §3.3).
 *
 * @param expiry {@link CertificateAddToken#NO_EXPIRY} when the token never expires
 * @param activatesAs the type redemption gives the identity when it is not the pending type's usual active
 *         type: a legacy token for a restricted certificate makes a {@code Client certificate (restricted)}
 */
public record PendingMetadata(String secretHash, Instant expiry, Optional<IdentityType> activatesAs)
{
    static final String SECRET_HASH = "secret_hash";
    static final String EXPIRY = "expiry";
    static final String ACTIVATES_AS = "activates_as";
    private static final int SHA_256_BYTES = 32;

    public PendingMetadata
    {
        requireNonNull(secretHash, "secretHash is null");
        requireNonNull(expiry, "expiry is null");
        requireNonNull(activatesAs, "activatesAs is null");
    }

    public PendingMetadata(String secretHash, Instant expiry)
    {
        this(secretHash, expiry, Optional.empty());
    }

    public String toJson()
    {
        ObjectNode node = Json.lenient().createObjectNode();
        node.put(SECRET_HASH, secretHash);
        node.put(EXPIRY, GoTime.format(expiry));
        activatesAs.ifPresent(type -> node.put(ACTIVATES_AS, type.apiName()));
        return Json.write(node);
    }

    public boolean expiredAt(Instant now)
    {
        return !expiry.equals(CertificateAddToken.NO_EXPIRY) && now.isAfter(expiry);
    }

    /** The hash as bytes, for a constant-time comparison. */
    public byte[] secretHashBytes()
    {
        return HexFormat.of().parseHex(secretHash);
    }

    /** Empty when the metadata is not valid pending-identity metadata (such rows are pruned). */
    public static Optional<PendingMetadata> parse(String json)
    {
        try {
            JsonNode node = Json.lenient().readTree(json);
            JsonNode hash = node.get(SECRET_HASH);
            JsonNode expiry = node.get(EXPIRY);
            if (hash == null || !hash.isString() || expiry == null || !expiry.isString()) {
                return Optional.empty();
            }
            String hashText = hash.asString();
            if (hashText.length() != 2 * SHA_256_BYTES || !hashText.chars().allMatch(HexFormat::isHexDigit)) {
                return Optional.empty();
            }
            Optional<IdentityType> activatesAs = Optional.empty();
            JsonNode activation = node.get(ACTIVATES_AS);
            if (activation != null) {
                if (!activation.isString()) {
                    return Optional.empty();
                }
                activatesAs = IdentityType.fromApiName(activation.asString());
                if (activatesAs.isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new PendingMetadata(hashText, GoTime.parse(expiry.asString()), activatesAs));
        }
        catch (JacksonException | IllegalArgumentException exception) {
            return Optional.empty();
        }
    }

    /** The metadata an activated identity keeps: everything except the token bookkeeping. */
    static String withoutTokenFields(String json)
    {
        try {
            JsonNode node = Json.lenient().readTree(json);
            if (node instanceof ObjectNode object) {
                object.remove(SECRET_HASH);
                object.remove(EXPIRY);
                object.remove(ACTIVATES_AS);
                return Json.write(object);
            }
        }
        catch (JacksonException exception) {
            // unreadable metadata carries nothing worth keeping
        }
        return "{}";
    }

    @Override
    public String toString()
    {
        // Not secret, but there is no reason to spread the hash into logs either
        return "PendingMetadata[expiry=" + GoTime.format(expiry) + activatesAs.map(type -> ", activatesAs=" + type.apiName()).orElse("") + "]";
    }
}
