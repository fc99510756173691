package dev.jxd.api.cluster;

import java.util.List;
import java.util.Map;

/** The writable part of a member (LXD's {@code api.ClusterMemberPut}); the source of its ETag. */
public record ClusterMemberPut(List<String> roles, String failureDomain, String description, Map<String, String> config, List<String> groups)
{
    public ClusterMemberPut
    {
        roles = roles == null ? List.of() : List.copyOf(roles);
        failureDomain = failureDomain == null ? "" : failureDomain;
        description = description == null ? "" : description;
        config = config == null ? Map.of() : Map.copyOf(config);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
