package dev.jxd.api.cluster;

/** {@code POST /1.0/cluster/members}: ask for a join token for a new member of this name. */
public record ClusterMembersPost(String serverName)
{
}
