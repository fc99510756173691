package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.RequestKind;
import dev.jxd.daemon.cluster.membership.RequestRouter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Every client request of a run and what happened to it. The request invariants are asserted the moment
 * something happens: a leader request runs at most once and only on the leader of that moment, a
 * targeted request only on its target, a request is answered once, and no request is forwarded beyond
 * {@link RequestRouter#MAX_HOPS}.
 */
final class History
{
    /**
     * Every request is answered within this time: the retry budget (six attempts, 3.1 s of backoff) plus
     * connect timeouts and one request timeout, with margin. A request left hanging fails the run.
     */
    static final long MAX_ANSWER_MILLIS = 6_000;

    enum OperationType
    {
        READ, WRITE, TARGETED_READ, JOIN, REMOVE;

        RequestKind kind(Optional<String> subject)
        {
            return switch (this) {
                case READ -> RequestKind.local();
                case WRITE, JOIN, REMOVE -> RequestKind.leader();
                case TARGETED_READ -> RequestKind.target(subject.orElseThrow());
            };
        }
    }

    static final class SimulatedRequest
    {
        private final long id;
        private final OperationType type;
        private final Optional<String> subject;
        private final boolean force;
        private final String entryMember;
        private final RequestKind kind;
        private final long createdAt;
        private final List<String> executedOn = new ArrayList<>();
        private boolean completed;
        private int status;
        private String message = "";

        private SimulatedRequest(long id, OperationType type, Optional<String> subject, boolean force, String entryMember, long createdAt)
        {
            this.createdAt = createdAt;
            this.id = id;
            this.type = type;
            this.subject = subject;
            this.force = force;
            this.entryMember = entryMember;
            this.kind = type.kind(subject);
        }

        OperationType type()
        {
            return type;
        }

        RequestKind kind()
        {
            return kind;
        }

        Optional<String> subject()
        {
            return subject;
        }

        boolean force()
        {
            return force;
        }

        boolean completed()
        {
            return completed;
        }

        boolean succeeded()
        {
            return completed && status == 200;
        }

        int status()
        {
            return status;
        }

        String message()
        {
            return message;
        }

        @Override
        public String toString()
        {
            return "request " + id + " " + type + subject.map(value -> "(" + value + (force ? ", force" : "") + ")").orElse("") + " at " + entryMember;
        }
    }

    private final EventScheduler scheduler;
    private final Map<Long, SimulatedRequest> requests = new LinkedHashMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long nextId;
    private long forwards;
    private long retries;
    private long executions;
    private long removalsExecuted;
    private long forcedRemovalsExecuted;
    private long removalsRefused;
    private long joinsCommitted;
    private long maxLatency;

    History(EventScheduler scheduler)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    SimulatedRequest create(OperationType type, Optional<String> subject, boolean force, String entryMember)
    {
        SimulatedRequest request = new SimulatedRequest(nextId++, type, subject, force, entryMember, scheduler.now());
        requests.put(request.id, request);
        return request;
    }

    void executed(SimulatedRequest request, String member, boolean leaderAtThisMoment)
    {
        executions++;
        request.executedOn.add(member);
        switch (request.kind) {
            case RequestKind.Leader _ -> {
                check(request.executedOn.size() == 1, "%s executed %d times, on %s", request, request.executedOn.size(), request.executedOn);
                check(leaderAtThisMoment, "%s executed on %s, which is not the leader", request, member);
            }
            case RequestKind.Target target -> check(target.member().equals(member), "%s executed on %s", request, member);
            case RequestKind.Local _ -> check(request.entryMember.equals(member), "local %s executed on %s", request, member);
        }
    }

    void forwarded(SimulatedRequest request, String from, String to, int hops)
    {
        forwards++;
        check(hops <= RequestRouter.MAX_HOPS, "%s forwarded from %s to %s with %d hops", request, from, to, hops);
        check(!from.equals(to), "%s forwarded from %s to itself", request, from);
    }

    void completed(SimulatedRequest request, int status, String message)
    {
        check(!request.completed, "%s answered twice: %d %s after %d %s", request, status, message, request.status, request.message);
        long latency = scheduler.now() - request.createdAt;
        check(latency <= MAX_ANSWER_MILLIS, "%s answered after %d ms: %d %s", request, latency, status, message);
        maxLatency = Math.max(maxLatency, latency);
        request.completed = true;
        request.status = status;
        request.message = message;
        outcomes.merge(request.type + " " + status, 1L, Long::sum);
    }

    void retried()
    {
        retries++;
    }

    void removalExecuted(boolean forced)
    {
        removalsExecuted++;
        if (forced) {
            forcedRemovalsExecuted++;
        }
    }

    void removalRefused()
    {
        removalsRefused++;
    }

    void joinCommitted()
    {
        joinsCommitted++;
    }

    List<SimulatedRequest> pending()
    {
        return requests.values().stream().filter(request -> !request.completed).toList();
    }

    long requestCount()
    {
        return requests.size();
    }

    String summary()
    {
        return "requests=" + requests.size() + " executions=" + executions + " forwards=" + forwards + " retries=" + retries
                + " joins=" + joinsCommitted + " removals=" + removalsExecuted + " (forced " + forcedRemovalsExecuted + ", refused "
                + removalsRefused + ") maxLatency=" + maxLatency + "ms outcomes=" + outcomes;
    }

    Map<String, Long> outcomes()
    {
        return outcomes;
    }

    long forwards()
    {
        return forwards;
    }

    long retries()
    {
        return retries;
    }

    long maxLatency()
    {
        return maxLatency;
    }

    void check(boolean condition, String format, Object... arguments)
    {
        if (!condition) {
            throw new AssertionError("Invariant violated at " + scheduler.now() + " ms: " + format.formatted(arguments));
        }
    }
}
