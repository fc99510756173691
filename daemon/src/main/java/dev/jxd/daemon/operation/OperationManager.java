package dev.jxd.daemon.operation;

import dev.jxd.api.operation.Operation;
import dev.jxd.api.operation.Requestor;
import dev.jxd.daemon.http.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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

import static java.util.Objects.requireNonNull;

/**
 * Background operations (spec §1.2). Each runs on its own virtual thread; finished operations stay
 * visible for a while so clients can read their result.
 */
public final class OperationManager
{
    private static final Logger LOG = LoggerFactory.getLogger(OperationManager.class);
    private static final Duration RETENTION = Duration.ofMinutes(5);

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

    public Operation startTask(String description, Map<String, List<String>> resources, Requestor requestor, Task task)
    {
        RunningOperation operation = new RunningOperation(UUID.randomUUID().toString(), description, resources, requestor);
        operations.put(operation.id, operation);
        Thread.ofVirtual().name("operation-" + operation.id).start(() -> operation.run(task));
        prune();
        return operation.snapshot();
    }

    /**
     * A token operation (LXD's class {@code token}): it carries the token in its metadata from the start
     * and stays running until the token is used ({@link #completeToken}) or revoked by cancelling it.
     */
    public Operation createToken(String description, Map<String, Object> metadata, Map<String, List<String>> resources, Requestor requestor, Runnable onRevoke)
    {
        RunningOperation operation = new RunningOperation(UUID.randomUUID().toString(), description, resources, requestor);
        operation.operationClass = "token";
        operation.onCancel = requireNonNull(onRevoke, "onRevoke is null");
        operation.metadata.putAll(metadata);
        operations.put(operation.id, operation);
        prune();
        return operation.snapshot();
    }

    /** Marks the token operations whose metadata has {@code key = value} as used. */
    public void completeToken(String key, Object value)
    {
        for (RunningOperation operation : operations.values()) {
            if (operation.onCancel != null && value.equals(operation.metadata.get(key)) && operation.done.getCount() > 0) {
                operation.finish(OperationStatus.SUCCESS, "");
            }
        }
    }

    public List<Operation> list()
    {
        List<Operation> result = new ArrayList<>();
        for (RunningOperation operation : operations.values()) {
            result.add(operation.snapshot());
        }
        result.sort(Comparator.comparing(Operation::createdAt));
        return result;
    }

    public Optional<Operation> get(String id)
    {
        RunningOperation operation = operations.get(id);
        return operation == null ? Optional.empty() : Optional.of(operation.snapshot());
    }

    /** Waits until the operation finishes or the timeout passes; a negative timeout waits forever. */
    public Operation await(String id, Duration timeout)
    {
        RunningOperation operation = operations.get(id);
        if (operation == null) {
            throw HttpStatusException.notFound("Operation not found");
        }
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

    public void cancel(String id)
    {
        RunningOperation operation = operations.get(id);
        if (operation == null) {
            throw HttpStatusException.notFound("Operation not found");
        }
        if (operation.onCancel == null || operation.done.getCount() == 0) {
            throw HttpStatusException.badRequest("This operation can't be cancelled");
        }
        operation.onCancel.run();
        operation.finish(OperationStatus.CANCELLED, "");
    }

    private void prune()
    {
        operations.values().removeIf(operation -> operation.done.getCount() == 0
                && operation.updatedAt.plus(RETENTION).isBefore(clock.instant()));
    }

    private final class RunningOperation
    {
        private final String id;
        private final String description;
        private final Map<String, List<String>> resources;
        private final Requestor requestor;
        private final java.time.Instant createdAt;
        private final Map<String, Object> metadata = new ConcurrentHashMap<>();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile java.time.Instant updatedAt;
        private volatile OperationStatus status = OperationStatus.RUNNING;
        private volatile String error = "";
        private volatile String operationClass = "task";
        private volatile Runnable onCancel;

        RunningOperation(String id, String description, Map<String, List<String>> resources, Requestor requestor)
        {
            this.id = id;
            this.description = description;
            this.resources = resources == null ? Map.of() : Map.copyOf(resources);
            this.requestor = requestor;
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

        private void finish(OperationStatus finalStatus, String message)
        {
            error = message;
            status = finalStatus;
            updatedAt = clock.instant();
            done.countDown();
        }

        Operation snapshot()
        {
            OperationStatus current = status;
            return new Operation(id, operationClass, description, createdAt, updatedAt, current.text(), current.code(),
                    resources, Map.copyOf(metadata), onCancel != null && current == OperationStatus.RUNNING, error, current == OperationStatus.FAILURE ? 500 : 0, 0, location, requestor);
        }
    }

}
