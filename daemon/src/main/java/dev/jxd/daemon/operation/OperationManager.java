package dev.jxd.daemon.operation;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.operation.Requestor;
import dev.jxd.daemon.http.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Background operations (spec §1.2). Each task runs on its own virtual thread; finished operations stay
 * visible for a while so clients can read their result.
 *
 * <p>Token operations (LXD's class {@code token}) have no work of their own: they stand for a token until it
 * is used, revoked or expires. Whoever reads them sees their current state: expiry and the token's fate are
 * checked on every read, so no timer has to fire first; {@link #endExpiredTokens} does the same for operations
 * nobody reads, and wakes their waiters.
 */
public final class OperationManager
{
    private static final Logger LOG = LoggerFactory.getLogger(OperationManager.class);
    private static final Duration RETENTION = Duration.ofMinutes(5);
    private static final String TOKEN_CLASS = "token";
    /** The metadata key holding a token's secret, which an ended token operation no longer shows. */
    public static final String SECRET = "secret";
    public static final String TOKEN_EXPIRED = "Token expired";
    public static final String TOKEN_REVOKED = "Token revoked";

    private final InstantSource clock;
    private final String location;
    private final Map<String, RunningOperation> operations = new ConcurrentHashMap<>();

    public OperationManager(InstantSource clock, String location)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.location = requireNonNull(location, "location is null");
    }

    /** The work of a task operation; it may add to the operation's metadata. */
    @FunctionalInterface
    public interface Task
    {
        void run(Map<String, Object> metadata)
                throws Exception;
    }

    /** What became of the token a token operation stands for, as far as its owner can tell. */
    public enum TokenState
    {
        /** Not used yet: the operation keeps running until it expires. */
        PENDING,
        /** Used: the operation succeeds. */
        USED,
        /** Gone without being used (deleted another way): the operation is cancelled. */
        WITHDRAWN
    }

    /**
     * How a token operation ends.
     *
     * @param expiresAt when the token stops working; the operation is then cancelled with {@value #TOKEN_EXPIRED}
     * @param revoke run when a caller cancels the operation, with that caller; it makes the token unusable, or
     *         throws (and the operation keeps its state) when it cannot
     * @param state asked on every read, so that a token used or withdrawn elsewhere (another entry point, another
     *         cluster member) ends its operation too
     */
    public record TokenLifecycle(Optional<Instant> expiresAt, Consumer<Requestor> revoke, Supplier<TokenState> state)
    {
        public TokenLifecycle
        {
            requireNonNull(expiresAt, "expiresAt is null");
            requireNonNull(revoke, "revoke is null");
            requireNonNull(state, "state is null");
        }

        /** A token whose use is reported through {@link #completeToken}, not observed. */
        public static TokenLifecycle reported(Optional<Instant> expiresAt, Consumer<Requestor> revoke)
        {
            return new TokenLifecycle(expiresAt, revoke, () -> TokenState.PENDING);
        }
    }

    /**
     * A secret in operation metadata: written to clients as the plain string, but never by {@code toString},
     * so an operation that ends up in a log message or an assertion failure does not carry it there.
     */
    public record Secret(String value)
    {
        public Secret
        {
            requireNonNull(value, "value is null");
        }

        @JsonValue
        @Override
        public String value()
        {
            return value;
        }

        @Override
        public String toString()
        {
            return "<redacted>";
        }
    }

    public Operation startTask(String description, Map<String, List<String>> resources, Requestor requestor, Task task)
    {
        RunningOperation operation = new RunningOperation(UUID.randomUUID().toString(), description, resources, requestor, "task", null);
        operations.put(operation.id, operation);
        Thread.ofVirtual().name("operation-" + operation.id).start(() -> operation.run(task));
        prune();
        return operation.snapshot();
    }

    /**
     * A token operation: it carries the token in its metadata from the start and stays running until the
     * token is used, revoked by cancelling the operation, withdrawn, or expires.
     */
    public Operation createToken(String description, Map<String, Object> metadata, Map<String, List<String>> resources, Requestor requestor, TokenLifecycle lifecycle)
    {
        requireNonNull(lifecycle, "lifecycle is null");
        RunningOperation operation = new RunningOperation(UUID.randomUUID().toString(), description, resources, requestor, TOKEN_CLASS, lifecycle);
        operation.metadata.putAll(metadata);
        operations.put(operation.id, operation);
        prune();
        return operation.snapshot();
    }

    /** Marks the running token operations whose metadata has {@code key = value} as used. */
    public void completeToken(String key, Object value)
    {
        for (RunningOperation operation : operations.values()) {
            if (operation.lifecycle != null && value.equals(operation.metadata.get(key))) {
                operation.finish(OperationStatus.SUCCESS, "");
            }
        }
    }

    /** Ends the token operations whose token expired, was used or was withdrawn; a periodic task calls it. */
    public void endExpiredTokens()
    {
        operations.values().forEach(this::refresh);
        prune();
    }

    public List<Operation> list()
    {
        List<Operation> result = new ArrayList<>();
        for (RunningOperation operation : operations.values()) {
            refresh(operation);
            result.add(operation.snapshot());
        }
        result.sort(Comparator.comparing(Operation::createdAt));
        return result;
    }

    public Optional<Operation> get(String id)
    {
        RunningOperation operation = operations.get(id);
        if (operation == null) {
            return Optional.empty();
        }
        refresh(operation);
        return Optional.of(operation.snapshot());
    }

    /** Waits until the operation finishes or the timeout passes; a negative timeout waits forever. */
    public Operation await(String id, Duration timeout)
    {
        RunningOperation operation = operations.get(id);
        if (operation == null) {
            throw HttpStatusException.notFound("Operation not found");
        }
        refresh(operation);
        try {
            if (timeout.isNegative()) {
                operation.done.await();
            }
            else {
                operation.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
        return operation.snapshot();
    }

    /**
     * Cancels a token operation on behalf of {@code requestor}: its token is revoked first, so a cancelled
     * token operation never leaves a usable token behind.
     */
    public void cancel(String id, Requestor requestor)
    {
        RunningOperation operation = operations.get(id);
        if (operation == null) {
            throw HttpStatusException.notFound("Operation not found");
        }
        refresh(operation);
        if (operation.lifecycle == null || !operation.running()) {
            throw HttpStatusException.badRequest("This operation can't be cancelled");
        }
        operation.lifecycle.revoke().accept(requestor);
        operation.finish(OperationStatus.CANCELLED, "");
    }

    /** Ends a running token operation whose token expired, was used or was withdrawn. */
    private void refresh(RunningOperation operation)
    {
        TokenLifecycle lifecycle = operation.lifecycle;
        if (lifecycle == null || !operation.running()) {
            return;
        }
        TokenState state;
        try {
            state = lifecycle.state().get();
        }
        catch (RuntimeException exception) {
            // The state is unknown for now (e.g. the database is unavailable): decide on the next read
            LOG.debug("Cannot tell the state of the token of operation {}: {}", operation.id, exception.getMessage());
            state = TokenState.PENDING;
        }
        // A token used before it expired stays used, however late this read comes
        if (state == TokenState.USED) {
            operation.finish(OperationStatus.SUCCESS, "");
        }
        else if (lifecycle.expiresAt().isPresent() && clock.instant().isAfter(lifecycle.expiresAt().get())) {
            operation.finish(OperationStatus.CANCELLED, TOKEN_EXPIRED);
        }
        else if (state == TokenState.WITHDRAWN) {
            operation.finish(OperationStatus.CANCELLED, TOKEN_REVOKED);
        }
    }

    private void prune()
    {
        operations.values().removeIf(operation -> !operation.running()
                && operation.updatedAt.plus(RETENTION).isBefore(clock.instant()));
    }

    private final class RunningOperation
    {
        private final String id;
        private final String description;
        private final Map<String, List<String>> resources;
        private final Requestor requestor;
        private final Instant createdAt;
        private final String operationClass;
        private final TokenLifecycle lifecycle;
        private final Map<String, Object> metadata = new ConcurrentHashMap<>();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Instant updatedAt;
        private volatile OperationStatus status = OperationStatus.RUNNING;
        private volatile String error = "";

        RunningOperation(String id, String description, Map<String, List<String>> resources, Requestor requestor, String operationClass, TokenLifecycle lifecycle)
        {
            this.id = id;
            this.description = description;
            this.resources = resources == null ? Map.of() : Map.copyOf(resources);
            this.requestor = requestor;
            this.operationClass = operationClass;
            this.lifecycle = lifecycle;
            this.createdAt = clock.instant();
            this.updatedAt = createdAt;
        }

        void run(Task task)
        {
            try {
                task.run(metadata);
                finish(OperationStatus.SUCCESS, "");
            }
            catch (Exception exception) {
                LOG.warn("Operation {} ({}) failed: {}", id, description, exception.getMessage());
                finish(OperationStatus.FAILURE, exception.getMessage() == null ? exception.toString() : exception.getMessage());
            }
        }

        boolean running()
        {
            return done.getCount() > 0;
        }

        /** The first end wins: a token used while it is being cancelled ends once, in one state. */
        private synchronized void finish(OperationStatus finalStatus, String message)
        {
            if (!running()) {
                return;
            }
            if (lifecycle != null) {
                // The token is of no use any more; there is no reason to keep showing its secret
                metadata.remove(SECRET);
            }
            error = message;
            status = finalStatus;
            updatedAt = clock.instant();
            done.countDown();
        }

        Operation snapshot()
        {
            OperationStatus current = status;
            return new Operation(id, operationClass, description, createdAt, updatedAt, current.text(), current.code(),
                    resources, Map.copyOf(metadata), lifecycle != null && current == OperationStatus.RUNNING, error,
                    current == OperationStatus.FAILURE ? 500 : 0, 0, location, requestor);
        }
    }
}
