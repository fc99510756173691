package dev.jxd.daemon.cluster.membership;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** Whether a member may be removed, and what has to happen first. */
public sealed interface RemovalDecision
        permits RemovalDecision.Allowed, RemovalDecision.Refused
{
    default boolean allowed()
    {
        return this instanceof Allowed;
    }

    /**
     * The removal may go ahead once {@code changesFirst} (in order) are committed: when the removed
     * member is a voter, an online non-voter is promoted first so the voter count, and with it the
     * failures the cluster tolerates, does not drop while the member leaves.
     */
    record Allowed(List<RoleChange> changesFirst)
            implements RemovalDecision
    {
        public Allowed
        {
            changesFirst = List.copyOf(requireNonNull(changesFirst, "changesFirst is null"));
        }
    }

    /** The removal is refused with this HTTP status and message. */
    record Refused(int status, String message)
            implements RemovalDecision
    {
        public Refused
        {
            requireNonNull(message, "message is null");
        }
    }
}
