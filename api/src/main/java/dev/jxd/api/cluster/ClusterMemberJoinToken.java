package dev.jxd.api.cluster;

import dev.jxd.api.token.GoTime;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.List;

/**
 * LXD's {@code api.ClusterMemberJoinToken}: what {@code jxc cluster add} prints, as the standard base64
 * of this record's JSON. The operation that {@code POST /1.0/cluster/members} returns carries the same
 * fields as metadata.
 *
 * @param serverName the name the new member will have
 * @param fingerprint the cluster certificate's SHA-256 fingerprint, which the joiner pins
 * @param addresses the HTTPS addresses of the current members
 */
public record ClusterMemberJoinToken(
        String serverName,
        String secret,
        String fingerprint,
        List<String> addresses,
        @JsonSerialize(using = GoTime.Serializer.class) @JsonDeserialize(using = GoTime.Deserializer.class) Instant expiresAt)
{
    public ClusterMemberJoinToken
    {
        // List.copyOf refuses null entries, so a token naming a null address fails to decode
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    @Override
    public String toString()
    {
        // The secret admits a member to the cluster; keep it out of logs and assertion messages
        return "ClusterMemberJoinToken[serverName=" + serverName + ", fingerprint=" + fingerprint + ", addresses=" + addresses
                + ", secret=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
