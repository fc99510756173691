package dev.jxd.daemon.link.peer;

import dev.jxd.api.link.ClusterLinkMemberState;

/** A remote member's status as {@code GET /1.0/cluster/links/{name}/state} reports it (spec §4.15). */
public enum ProbeStatus
{
    /** {@code GET /1.0} answered and the peer authenticated us ({@code auth: "trusted"}). */
    ACTIVE(ClusterLinkMemberState.ACTIVE),
    /** {@code GET /1.0} answered, but the peer treats us as untrusted (public link, or it deleted our identity). */
    UNAUTHENTICATED(ClusterLinkMemberState.UNAUTHENTICATED),
    /** No valid answer. */
    UNREACHABLE(ClusterLinkMemberState.UNREACHABLE);

    private final String apiName;

    ProbeStatus(String apiName)
    {
        this.apiName = apiName;
    }

    /** The wire name: {@code Active}, {@code Unauthenticated} or {@code Unreachable}. */
    public String apiName()
    {
        return apiName;
    }

    /** The peer answered at all. */
    public boolean answered()
    {
        return this != UNREACHABLE;
    }
}
