package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.StateUnavailableException;

/**
 * A write or linearizable read that could not reach a leader with a quorum in the bounded time. The
 * outcome of a write is then unknown: it may still be committed once a quorum is back.
 */
public final class NoQuorumException
        extends StateUnavailableException
{
    static final String MESSAGE = "Cluster database unavailable: no leader (lost quorum?)";

    public NoQuorumException(Throwable cause)
    {
        super(MESSAGE, cause);
    }
}
