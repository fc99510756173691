package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.ForwardFailure;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Member-to-member messages with seeded delays, drops and partitions. A node is reachable from
 * another when both are up and in the same partition group.
 *
 * <p>A call models one HTTP exchange: if the connection cannot be made the caller learns
 * {@code NOT_DELIVERED} after the connect timeout (the request never arrived); once connected, a lost
 * request or a lost response looks the same to the caller ({@code OUTCOME_UNKNOWN} after the request
 * timeout), although in the second case the receiver has acted on it.
 */
final class SimulatedNetwork
{
    static final long CONNECT_TIMEOUT_MILLIS = 100;
    static final long REQUEST_TIMEOUT_MILLIS = 1_000;
    private static final int MIN_DELAY_MILLIS = 1;
    private static final int MAX_DELAY_MILLIS = 25;

    /** What the receiver of a call is given to answer it, at most once, now or later. */
    interface Responder
    {
        void respond(ForwardResponse response);
    }

    /** The caller's side: exactly one of the two is invoked, unless the caller is down by then. */
    interface CallCallback
    {
        void answered(ForwardResponse response);

        void failed(ForwardFailure.Reason reason);
    }

    private final EventScheduler scheduler;
    private final Random random;
    private final Predicate<String> isUp;
    private final Map<String, Integer> groups = new HashMap<>();
    private double dropProbability;
    private long topologyVersion;
    private long sent;
    private long dropped;

    SimulatedNetwork(EventScheduler scheduler, Random random, Predicate<String> isUp)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.random = requireNonNull(random, "random is null");
        this.isUp = requireNonNull(isUp, "isUp is null");
    }

    boolean canReach(String from, String to)
    {
        return isUp.test(from) && isUp.test(to) && group(from) == group(to);
    }

    void setDropProbability(double probability)
    {
        this.dropProbability = probability;
    }

    double dropProbability()
    {
        return dropProbability;
    }

    /** Cuts {@code isolated} off from every other node (they still reach each other). */
    void partition(Set<String> isolated)
    {
        topologyVersion++;
        groups.clear();
        isolated.forEach(name -> groups.put(name, 1));
    }

    void heal()
    {
        topologyVersion++;
        groups.clear();
    }

    /** Reports that a node went down or came up. */
    void nodeChanged()
    {
        topologyVersion++;
    }

    /** Changes whenever reachability may have changed. */
    long topologyVersion()
    {
        return topologyVersion;
    }

    boolean partitioned()
    {
        return !groups.isEmpty();
    }

    long sentMessages()
    {
        return sent;
    }

    long droppedMessages()
    {
        return dropped;
    }

    /** A one-way message, silently lost when the nodes cannot reach each other or by chance. */
    void send(String from, String to, String description, Runnable onDelivery)
    {
        sent++;
        if (!canReach(from, to) || lost()) {
            return;
        }
        scheduler.schedule(delay(), description, () -> {
            if (canReach(from, to)) {
                onDelivery.run();
            }
        });
    }

    /** A request/response exchange; {@code receiver} is handed a responder once the request arrives. */
    void call(String from, String to, String description, Consumer<Responder> receiver, CallCallback callback)
    {
        sent++;
        PendingCall call = new PendingCall(from, callback);
        if (!canReach(from, to)) {
            scheduler.schedule(CONNECT_TIMEOUT_MILLIS, "connect timeout " + description, () -> call.fail(ForwardFailure.Reason.NOT_DELIVERED));
            return;
        }
        scheduler.schedule(REQUEST_TIMEOUT_MILLIS, "request timeout " + description, () -> call.fail(ForwardFailure.Reason.OUTCOME_UNKNOWN));
        if (lost()) {
            return;
        }
        scheduler.schedule(delay(), "deliver " + description, () -> {
            // The sender may have gone down meanwhile: the request is on the wire and still acted upon.
            if (!isUp.test(to) || group(from) != group(to)) {
                return;
            }
            receiver.accept(response -> {
                sent++;
                if (!canReach(to, from) || lost()) {
                    return;
                }
                scheduler.schedule(delay(), "answer " + description, () -> {
                    if (canReach(to, from)) {
                        call.answer(response);
                    }
                });
            });
        });
    }

    private boolean lost()
    {
        boolean lost = dropProbability > 0 && random.nextDouble() < dropProbability;
        if (lost) {
            dropped++;
        }
        return lost;
    }

    private long delay()
    {
        return MIN_DELAY_MILLIS + random.nextInt(MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1);
    }

    private int group(String name)
    {
        return groups.getOrDefault(name, 0);
    }

    private final class PendingCall
    {
        private final String caller;
        private final CallCallback callback;
        private boolean completed;

        PendingCall(String caller, CallCallback callback)
        {
            this.caller = caller;
            this.callback = callback;
        }

        void answer(ForwardResponse response)
        {
            if (complete()) {
                callback.answered(response);
            }
        }

        void fail(ForwardFailure.Reason reason)
        {
            if (complete()) {
                callback.failed(reason);
            }
        }

        private boolean complete()
        {
            if (completed || !isUp.test(caller)) {
                completed = true;
                return false;
            }
            completed = true;
            return true;
        }
    }
}
