package dev.jxd.daemon.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** Applies commands directly to this member's database, one at a time, each in its own transaction. */
public final class LocalStateStore
        implements StateStore
{
    private final Database database;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<Consumer<StateCommand<?>>> listeners = new CopyOnWriteArrayList<>();

    public LocalStateStore(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public <R> R execute(StateCommand<R> command)
    {
        requireNonNull(command, "command is null");
        writeLock.lock();
        try {
            Connection connection = database.writer();
            R result;
            try {
                connection.setAutoCommit(false);
                result = command.apply(connection);
                connection.commit();
            }
            catch (RuntimeException exception) {
                rollback(connection, exception);
                throw exception;
            }
            finally {
                restoreAutoCommit(connection);
            }
            for (Consumer<StateCommand<?>> listener : listeners) {
                listener.accept(command);
            }
            return result;
        }
        catch (SQLException exception) {
            throw new DatabaseException(command.getClass().getSimpleName(), exception);
        }
        finally {
            writeLock.unlock();
        }
    }

    @Override
    public <R> R read(Function<Connection, R> query)
    {
        return database.read(query);
    }

    @Override
    public void addListener(Consumer<StateCommand<?>> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    private static void rollback(Connection connection, RuntimeException cause)
    {
        try {
            connection.rollback();
        }
        catch (SQLException exception) {
            cause.addSuppressed(exception);
        }
    }

    private static void restoreAutoCommit(Connection connection)
    {
        try {
            connection.setAutoCommit(true);
        }
        catch (SQLException ignored) {
            // The connection is unusable anyway; the next command will report it.
        }
    }
}
