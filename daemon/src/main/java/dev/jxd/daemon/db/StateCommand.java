package dev.jxd.daemon.db;

import java.sql.Connection;

/**
 * One typed, replicable write. Every change to the daemon's persistent state is a command.
 *
 * <p>A command must be a record of plain data, and {@link #apply} must be deterministic: anything
 * random or time-dependent (ids, secrets, expiry times) is computed before the command is built.
 * That is what lets a cluster replicate the same command through Raft and apply it on every member.
 * {@code apply} runs inside one transaction; throwing rolls it back.
 *
 * @param <R> the result, which must be plain data too
 */
public interface StateCommand<R>
{
    R apply(Connection transaction);
}
