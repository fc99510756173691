package dev.jxd.daemon.db;

import java.sql.Connection;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single way state is written and read.
 *
 * <p>Writes go through {@link #execute}; reads are local. A single member applies commands directly;
 * a cluster replicates them first. Handlers and services never touch JDBC for writes.
 */
public interface StateStore
{
    <R> R execute(StateCommand<R> command);

    <R> R read(Function<Connection, R> query);

    /**
     * A read that sees every write acknowledged anywhere in the cluster before it started. A single member
     * reads locally; a cluster member first catches up with the leader's commit index.
     */
    default <R> R readLinearizable(Function<Connection, R> query)
    {
        return read(query);
    }

    /** Called after every applied command, on the applying thread, before {@code execute} returns. */
    void addListener(Consumer<StateCommand<?>> listener);
}
