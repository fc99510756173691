package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.StateUnavailableException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Hands the outcome of applying a log entry on this member to the thread on this member that submitted it.
 * Results never travel over the network: the submitter waits for its own state machine to apply the entry,
 * which also gives it read-your-writes.
 */
final class PendingResults
{
    /** What applying one command produced on this member. */
    sealed interface Outcome
    {
        Object value();
    }

    record Success(Object value)
            implements Outcome {}

    /** The command threw; it was rolled back on every member alike. */
    record Failure(RuntimeException exception)
            implements Outcome
    {
        @Override
        public Object value()
        {
            throw exception;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    // Entries up to this index reached this member inside a snapshot rather than one by one
    private volatile long installedThrough = -1;

    Pending register(String requestId)
    {
        Pending waiter = new Pending(requestId);
        if (pending.putIfAbsent(requestId, waiter) != null) {
            throw new IllegalStateException("Duplicate request id " + requestId);
        }
        return waiter;
    }

    void remove(Pending waiter)
    {
        pending.remove(waiter.requestId, waiter);
    }

    /** Called on the applying thread; a request submitted elsewhere has no waiter here. */
    void complete(String requestId, Outcome outcome)
    {
        Pending waiter = pending.get(requestId);
        if (waiter != null) {
            waiter.future.complete(outcome);
        }
    }

    /** Fails the waiters whose entries a snapshot covered: their results were never computed here. */
    void snapshotInstalled(long index)
    {
        installedThrough = Math.max(installedThrough, index);
        for (Pending waiter : pending.values()) {
            waiter.failIfInstalled();
        }
    }

    void failAll(RuntimeException failure)
    {
        for (Pending waiter : pending.values()) {
            waiter.future.completeExceptionally(failure);
        }
    }

    final class Pending
    {
        private final String requestId;
        private final CompletableFuture<Outcome> future = new CompletableFuture<>();
        private volatile long logIndex = Long.MAX_VALUE;

        private Pending(String requestId)
        {
            this.requestId = requireNonNull(requestId, "requestId is null");
        }

        /** Waits for this member to apply the entry the leader committed at {@code committedIndex}. */
        Outcome await(long committedIndex, Duration timeout)
        {
            // Publish the index before reading installedThrough; snapshotInstalled writes them in the other order
            logIndex = committedIndex;
            failIfInstalled();
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException exception) {
                if (exception.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(exception.getCause());
            }
            catch (TimeoutException exception) {
                throw new StateUnavailableException("Cluster database: the write was committed at index %d but this member has not applied it within %s"
                        .formatted(committedIndex, timeout), exception);
            }
            catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for the cluster database to apply a write", exception);
            }
        }

        private void failIfInstalled()
        {
            if (logIndex <= installedThrough) {
                future.completeExceptionally(new IllegalStateException(
                        "Cluster database: the write was committed at index %d, which this member received inside a snapshot; its result is unknown here".formatted(logIndex)));
            }
        }
    }
}
