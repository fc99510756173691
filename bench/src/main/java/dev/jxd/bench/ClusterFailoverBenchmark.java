package dev.jxd.bench;

import dev.jxd.client.JxdClientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a three-member cluster of real daemon processes ({@code bin/jxd}, loopback) cannot take writes after its
 * leader dies. Each round SIGKILLs the leader and, from that instant, has one writer per surviving member create auth
 * groups over that member's unix socket, back to back, each write waiting as long as the member makes it wait; the
 * figure is the time from the kill to the first write either survivor acknowledges. A third thread polls the survivors'
 * {@code GET /1.0/cluster/members?recursion=1} to tell when they first name a new leader, which splits the figure into
 * the election and what comes after it. The killed member is then restarted from its state directory, and the round
 * ends when the leader reports all three members Online again; how long that takes is printed too.
 *
 * <p>Usage: {@code ClusterFailoverBenchmark [rounds=10]}, with {@code -Djxd.repository=<repository root>}. The target is
 * a median of at most 3 s from the kill to the first acknowledged write.
 */
public final class ClusterFailoverBenchmark
{
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(10);

    private ClusterFailoverBenchmark() {}

    private record Round(String killed, long firstWriteNanos, String firstWriteMember, long restartReadyNanos, long restartOnlineNanos) {}

    public static void main(String[] arguments)
            throws Exception
    {
        int rounds = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        List<Round> results = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ClusterOfProcesses cluster = ClusterOfProcesses.start(3, true)) {
            for (int round = 1; round <= rounds; round++) {
                Round result = round(cluster, threads, round);
                results.add(result);
                System.out.printf(Locale.ROOT, "round=%d killed=%s first_write_ms=%.0f through=%s restart_answering_ms=%.0f restart_online_ms=%.0f%n",
                        round, result.killed(), result.firstWriteNanos() / 1e6, result.firstWriteMember(), result.restartReadyNanos() / 1e6, result.restartOnlineNanos() / 1e6);
            }
        }
        finally {
            threads.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "failover rounds=%d %s %s%n", rounds,
                Samples.of(results.stream().map(Round::firstWriteNanos).toList()).summary("first_write_"),
                Samples.of(results.stream().map(Round::restartOnlineNanos).toList()).summary("restart_online_"));
    }

    private static Round round(ClusterOfProcesses cluster, ExecutorService threads, int round)
            throws Exception
    {
        ClusterMemberProcess leader = cluster.awaitLeader(cluster.members());
        cluster.awaitOnline(cluster.members().stream().map(ClusterMemberProcess::name).toList());
        List<ClusterMemberProcess> survivors = cluster.members().stream().filter(member -> member != leader).toList();
        // A write through each survivor first, so that no figure includes a cold connection
        for (ClusterMemberProcess survivor : survivors) {
            survivor.admin().post("/1.0/auth/groups", Map.of("name", "warm-" + round + "-" + survivor.name()));
        }

        AtomicBoolean written = new AtomicBoolean();
        AtomicLong firstWrite = new AtomicLong();
        List<String> firstWriter = new CopyOnWriteArrayList<>();
        long killedAt = System.nanoTime();
        leader.kill();
        List<Future<?>> writers = new ArrayList<>();
        for (ClusterMemberProcess survivor : survivors) {
            writers.add(threads.submit(() -> writeUntilAcknowledged(survivor, "failover-" + round + "-" + survivor.name(), killedAt, written, firstWrite, firstWriter)));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }

        long restartedAt = System.nanoTime();
        leader.launchRestart();
        leader.awaitReady();
        long answering = System.nanoTime() - restartedAt;
        cluster.awaitOnline(cluster.members().stream().map(ClusterMemberProcess::name).toList());
        long online = System.nanoTime() - restartedAt;
        return new Round(leader.name(), firstWrite.get() - killedAt, firstWriter.getFirst(), answering, online);
    }

    /** Creates groups through {@code member} until one is acknowledged by it or, first, by the other writer. */
    private static void writeUntilAcknowledged(ClusterMemberProcess member, String prefix, long killedAt, AtomicBoolean written, AtomicLong firstWrite, List<String> firstWriter)
    {
        long deadline = killedAt + GIVE_UP.toNanos();
        for (int attempt = 0; !written.get(); attempt++) {
            try {
                member.admin().post("/1.0/auth/groups", Map.of("name", prefix + "-" + attempt));
                long now = System.nanoTime();
                if (written.compareAndSet(false, true)) {
                    firstWrite.set(now);
                    firstWriter.add(member.name());
                }
                return;
            }
            catch (JxdClientException exception) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(member.name() + " took no write within " + GIVE_UP + " of the kill: " + exception.getMessage(), exception);
                }
                ClusterMemberProcess.sleep(POLL);
            }
        }
    }
}
