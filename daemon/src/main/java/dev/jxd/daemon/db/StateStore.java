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

    /** Called after every applied command, on the applying thread, before {@code execute} returns. */
    void addListener(Consumer<StateCommand<?>> listener);
}
