package dev.jxd.daemon.cluster;

import static java.util.Objects.requireNonNull;

/**
 * What the leader sends a member it has just removed. It names the member by its Raft id, so a notice
 * that reaches another server (one that took over the address) changes nothing there.
 */
public record LeaveNotice(String raftId)
{
    public LeaveNotice
    {
        requireNonNull(raftId, "raftId is null");
    }
}
