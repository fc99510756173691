package dev.jxd.api.cluster;

import java.util.List;

/**
 * {@code GET /1.0/cluster} (LXD's {@code api.Cluster}).
 *
 * @param serverName this member's name, empty when the server is not clustered
 * @param memberConfig keys a joining member must supply; jxd has none yet, so it is always empty
 */
public record Cluster(String serverName, boolean enabled, List<ClusterMemberConfigKey> memberConfig)
{
    public Cluster
    {
        memberConfig = memberConfig == null ? List.of() : List.copyOf(memberConfig);
    }
}
