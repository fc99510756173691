package dev.jxd.daemon.cluster.membership.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

import static java.util.Objects.requireNonNull;

/**
 * A simulated clock and a single-threaded event queue. Events run in time order, ties in scheduling
 * order, so a run is a pure function of its seed. Invariants run after every event.
 */
final class EventScheduler
{
    private static final int TRACE_LENGTH = 40;

    private record Event(long time, long sequence, String description, Runnable action) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
    private final List<Runnable> invariants = new ArrayList<>();
    private final Deque<Event> trace = new ArrayDeque<>(TRACE_LENGTH);
    private long now;
    private long sequence;
    private long executed;

    long now()
    {
        return now;
    }

    long executedEvents()
    {
        return executed;
    }

    void schedule(long delayMillis, String description, Runnable action)
    {
        requireNonNull(description, "description is null");
        requireNonNull(action, "action is null");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        queue.add(new Event(now + delayMillis, sequence++, description, action));
    }

    void addInvariant(Runnable invariant)
    {
        invariants.add(requireNonNull(invariant, "invariant is null"));
    }

    void runUntil(long time)
    {
        while (!queue.isEmpty() && queue.peek().time() <= time) {
            Event event = queue.poll();
            now = event.time();
            if (trace.size() == TRACE_LENGTH) {
                trace.removeFirst();
            }
            trace.addLast(event);
            event.action().run();
            executed++;
            invariants.forEach(Runnable::run);
        }
        now = Math.max(now, time);
    }

    /** The latest events, oldest first, for failure reports. */
    List<String> recentEvents()
    {
        return trace.stream().map(event -> event.time() + " ms: " + event.description()).toList();
    }
}
