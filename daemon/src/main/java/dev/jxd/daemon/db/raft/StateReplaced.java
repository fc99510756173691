package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.StateCommand;

import java.sql.Connection;

/**
 * What listeners receive when the leader's snapshot replaced this member's whole database instead of
 * commands applied one by one: anything cached from the database must be reloaded. It is never executed.
 *
 * @param logIndex the last log index the snapshot holds
 */
public record StateReplaced(long term, long logIndex)
        implements StateCommand<Void>
{
    @Override
    public Void apply(Connection transaction)
    {
        throw new UnsupportedOperationException("StateReplaced is a notification, not a command");
    }
}
