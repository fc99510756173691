package dev.jxd.daemon.cluster;

import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.StateStore;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The store every feature holds. Enabling clustering swaps the member's local store for the replicated
 * one at run time, without features noticing; commands in flight finish on the old store first.
 */
final class SwappableStateStore
        implements StateStore
{
    private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
    private final List<Consumer<StateCommand<?>>> listeners = new CopyOnWriteArrayList<>();
    private volatile StateStore delegate;

    SwappableStateStore(StateStore initial)
    {
        this.delegate = requireNonNull(initial, "initial is null");
        initial.addListener(this::notifyListeners);
    }

    StateStore current()
    {
        return delegate;
    }

    /** Runs {@code swap} with no command in flight, and routes every later command to what it returns. */
    void swap(java.util.function.Supplier<StateStore> swap)
    {
        swapLock.writeLock().lock();
        try {
            StateStore next = requireNonNull(swap.get(), "next store is null");
            next.addListener(this::notifyListeners);
            delegate = next;
        }
        finally {
            swapLock.writeLock().unlock();
        }
    }

    @Override
    public <R> R execute(StateCommand<R> command)
    {
        swapLock.readLock().lock();
        try {
            return delegate.execute(command);
        }
        finally {
            swapLock.readLock().unlock();
        }
    }

    @Override
    public <R> R read(Function<Connection, R> query)
    {
        return delegate.read(query);
    }

    @Override
    public <R> R readLinearizable(Function<Connection, R> query)
    {
        return delegate.readLinearizable(query);
    }

    @Override
    public void addListener(Consumer<StateCommand<?>> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    private void notifyListeners(StateCommand<?> command)
    {
        for (Consumer<StateCommand<?>> listener : listeners) {
            listener.accept(command);
        }
    }
}
