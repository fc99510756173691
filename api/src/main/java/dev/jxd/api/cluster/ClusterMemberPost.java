package dev.jxd.api.cluster;

/** {@code POST /1.0/cluster/members/{name}}: rename a member. */
public record ClusterMemberPost(String serverName)
{
}
