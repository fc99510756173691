package dev.jxd.api.link;

import java.util.List;

/** {@code GET /1.0/cluster/links/{name}/state}. */
public record ClusterLinkState(List<ClusterLinkMemberState> clusterLinkMembers)
{
}
