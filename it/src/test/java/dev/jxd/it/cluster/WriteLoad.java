package dev.jxd.it.cluster;

import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One client writing steadily to a cluster: it creates auth groups and pending bidirectional cluster links under
 * names never used before, and deletes the ones it created, in turn. Each write goes to the next member round-robin;
 * a write that fails is sent again to the next member, until it is acknowledged or {@link #GIVE_UP_AFTER} passes.
 *
 * <p>What the cluster acknowledged is recorded per name, so that the final state can be checked exactly. A write whose
 * answer was lost (the member died mid-request, or answered that it had no quorum) may or may not have been applied;
 * when it is sent again, the cluster's answer tells: a create answered 409 and a delete answered 404 after such an
 * attempt mean the earlier attempt was applied. The same answers to a first attempt, or after attempts that never
 * reached a member, would mean the cluster applied one write twice (or invented one), and are recorded as anomalies.
 */
final class WriteLoad
        implements AutoCloseable
{
    static final String GROUP_PREFIX = "load-group-";
    static final String LINK_PREFIX = "load-link-";
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final Duration PAUSE_AFTER_FULL_ROUND = Duration.ofMillis(50);

    /** Whether a name must be in the cluster's final state, given what the cluster acknowledged. */
    enum Expected
    {
        PRESENT, ABSENT, EITHER
    }

    enum Kind
    {
        GROUP("/1.0/auth/groups"), LINK("/1.0/cluster/links");

        private final String collection;

        Kind(String collection)
        {
            this.collection = collection;
        }

        String collection()
        {
            return collection;
        }
    }

    /** One acknowledged write: when, and through which member. */
    record Acknowledgement(long nanoTime, String member) {}

    private final List<String> memberNames;
    private final List<JxdClient> clients;
    private final Thread thread;
    private final Map<String, Expected> groups = new LinkedHashMap<>();
    private final Map<String, Expected> links = new LinkedHashMap<>();
    private final Deque<String> deletableGroups = new ArrayDeque<>();
    private final Deque<String> deletableLinks = new ArrayDeque<>();
    private final List<Acknowledgement> acknowledgements = new ArrayList<>();
    private final List<String> anomalies = new ArrayList<>();
    private final AtomicReference<Throwable> crash = new AtomicReference<>();
    private volatile boolean stopping;
    private int nextMember;
    private long sequence;

    /** @param members names and administrator clients of the members, in the round-robin order */
    WriteLoad(Map<String, JxdClient> members)
    {
        requireNonNull(members, "members is null");
        this.memberNames = List.copyOf(members.keySet());
        this.clients = List.copyOf(members.values());
        this.thread = Thread.ofPlatform().name("cluster-write-load").daemon().unstarted(this::run);
    }

    void start()
    {
        thread.start();
    }

    /** Finishes the write in progress (with its retries) and stops. */
    void stop()
    {
        stopping = true;
        try {
            thread.join(GIVE_UP_AFTER.plusSeconds(30));
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
        if (thread.isAlive()) {
            throw new AssertionError("The write load did not stop");
        }
        Throwable failure = crash.get();
        if (failure != null) {
            throw new AssertionError("The write load failed", failure);
        }
    }

    synchronized Map<String, Expected> groups()
    {
        return Map.copyOf(groups);
    }

    synchronized Map<String, Expected> links()
    {
        return Map.copyOf(links);
    }

    synchronized List<Acknowledgement> acknowledgements()
    {
        return List.copyOf(acknowledgements);
    }

    /** The first write acknowledged after {@code nanoTime}, if any. */
    synchronized Optional<Acknowledgement> firstAcknowledgedAfter(long nanoTime)
    {
        return acknowledgements.stream().filter(acknowledgement -> acknowledgement.nanoTime() - nanoTime > 0).findFirst();
    }

    synchronized List<String> anomalies()
    {
        return List.copyOf(anomalies);
    }

    @Override
    public void close()
    {
        if (thread.isAlive()) {
            stop();
        }
    }

    private void run()
    {
        try {
            while (!stopping) {
                long step = sequence++;
                switch ((int) (step % 4)) {
                    case 0 -> create(Kind.GROUP, GROUP_PREFIX + step);
                    case 1 -> create(Kind.LINK, LINK_PREFIX + step);
                    case 2 -> deleteOldest(Kind.GROUP);
                    default -> deleteOldest(Kind.LINK);
                }
            }
        }
        catch (Throwable failure) {
            crash.set(failure);
        }
    }

    private void create(Kind kind, String name)
    {
        Map<String, Object> body = kind == Kind.GROUP
                ? Map.of("name", name, "description", "written under load")
                : Map.of("name", name, "type", "bidirectional");
        Expected expected = send(kind, name, true, client -> client.post(kind.collection(), body));
        synchronized (this) {
            expectations(kind).put(name, expected);
            if (expected == Expected.PRESENT) {
                deletables(kind).addLast(name);
            }
        }
    }

    private void deleteOldest(Kind kind)
    {
        String name;
        synchronized (this) {
            // Keep a few alive, so that the final state holds entries of both kinds
            if (deletables(kind).size() < 3) {
                return;
            }
            name = deletables(kind).removeFirst();
        }
        Expected expected = send(kind, name, false, client -> client.delete(kind.collection() + "/" + name));
        synchronized (this) {
            expectations(kind).put(name, expected);
        }
    }

    /**
     * Sends one write until a member acknowledges it, and returns whether its name must then exist: certain once the
     * write is acknowledged, either way when it was given up after attempts that may have been applied.
     */
    private Expected send(Kind kind, String name, boolean create, Consumer<JxdClient> request)
    {
        boolean mayHaveBeenApplied = false;
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int failuresInARow = 0;
        while (true) {
            int index = Math.floorMod(nextMember++, clients.size());
            try {
                request.accept(clients.get(index));
                acknowledged(index);
                return create ? Expected.PRESENT : Expected.ABSENT;
            }
            catch (ApiException exception) {
                int status = exception.statusCode();
                boolean alreadyDone = create ? status == 409 : status == 404;
                if (alreadyDone) {
                    if (!mayHaveBeenApplied) {
                        anomaly("%s %s %s: answered %d \"%s\" by %s to a write no earlier attempt can have applied"
                                .formatted(create ? "create" : "delete", kind, name, status, exception.getMessage(), memberNames.get(index)));
                    }
                    acknowledged(index);
                    return create ? Expected.PRESENT : Expected.ABSENT;
                }
                if (status < 500) {
                    anomaly("%s %s %s: answered %d \"%s\" by %s".formatted(create ? "create" : "delete", kind, name, status, exception.getMessage(), memberNames.get(index)));
                    return Expected.EITHER;
                }
                // The member took the write but could not say whether it was committed
                mayHaveBeenApplied = true;
            }
            catch (JxdClientException exception) {
                // A refused connection never reached the member; anything else may have been delivered
                if (!causedBy(exception, ConnectException.class)) {
                    mayHaveBeenApplied = true;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                if (!mayHaveBeenApplied) {
                    // Nothing reached a member: the write certainly did not happen
                    return create ? Expected.ABSENT : Expected.PRESENT;
                }
                return Expected.EITHER;
            }
            failuresInARow++;
            if (failuresInARow % clients.size() == 0) {
                DaemonProcess.sleep(PAUSE_AFTER_FULL_ROUND);
            }
        }
    }

    private synchronized void acknowledged(int index)
    {
        acknowledgements.add(new Acknowledgement(System.nanoTime(), memberNames.get(index)));
    }

    private synchronized void anomaly(String description)
    {
        anomalies.add(description);
    }

    private Map<String, Expected> expectations(Kind kind)
    {
        return kind == Kind.GROUP ? groups : links;
    }

    private Deque<String> deletables(Kind kind)
    {
        return kind == Kind.GROUP ? deletableGroups : deletableLinks;
    }

    private static boolean causedBy(Throwable throwable, Class<? extends Throwable> type)
    {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
