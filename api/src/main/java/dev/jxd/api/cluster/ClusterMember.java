package dev.jxd.api.cluster;

import java.util.List;
import java.util.Map;

/**
 * One member of the cluster (LXD's {@code api.ClusterMember}, with the put fields flattened in).
 *
 * @param roles {@code database-leader}, {@code database} (a Raft voter), {@code database-standby} (a Raft
 *         listener that can be promoted), or none (a spare member that only applies the log)
 * @param url {@code https://<address>}
 * @param database whether the member is a Raft voter
 * @param status {@code Online} or {@code Offline}
 * @param message {@code Fully operational}, or why the member is offline
 */
public record ClusterMember(
        String serverName,
        String url,
        boolean database,
        String status,
        String message,
        String architecture,
        List<String> roles,
        String failureDomain,
        String description,
        Map<String, String> config,
        List<String> groups)
{
    public static final String STATUS_ONLINE = "Online";
    public static final String STATUS_OFFLINE = "Offline";
    public static final String ROLE_DATABASE = "database";
    public static final String ROLE_DATABASE_LEADER = "database-leader";
    public static final String ROLE_DATABASE_STANDBY = "database-standby";

    public ClusterMember
    {
        roles = roles == null ? List.of() : List.copyOf(roles);
        failureDomain = failureDomain == null ? "" : failureDomain;
        description = description == null ? "" : description;
        config = config == null ? Map.of() : Map.copyOf(config);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public ClusterMemberPut writable()
    {
        return new ClusterMemberPut(roles, failureDomain, description, config, groups);
    }
}
