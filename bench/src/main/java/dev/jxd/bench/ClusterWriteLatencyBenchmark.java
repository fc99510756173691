package dev.jxd.bench;

import dev.jxd.client.JxdClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency of a write as an administrator sees it: one sample is the creation of an auth group plus its deletion, over
 * a member's unix socket, one client, one request at a time. Measured on real daemon processes ({@code bin/jxd}) on
 * loopback, one set-up after the other:
 * <ul>
 *     <li>{@code standalone}: a single server that never enabled clustering (writes go straight to SQLite);</li>
 *     <li>{@code cluster-1}: a single-member cluster (every write goes through the Raft log, no network);</li>
 *     <li>{@code cluster-3-leader} and {@code cluster-3-follower}: a three-member cluster, through the leader and
 *     through a follower (whose writes go to the leader first), samples alternating between the two.</li>
 * </ul>
 * Prints, per set-up, the median, p90, p99 and maximum in milliseconds, and the same for creations and deletions
 * alone. The target for the three-member cluster is p50 at most 10 ms and p99 at most 50 ms.
 *
 * <p>The warm-up is long on purpose: with a hundred warm-up samples the JIT compilers were still busy (a third of a
 * single member's CPU time) and every figure came out two to three times higher.
 *
 * <p>Usage: {@code ClusterWriteLatencyBenchmark [iterations=1000] [warmup-iterations=2000]}, with
 * {@code -Djxd.repository=<repository root>}; {@code -Djxd.bench.directory=/dev/shm} puts the state directories on a
 * tmpfs, where fsync costs nothing
 */
public final class ClusterWriteLatencyBenchmark
{
    private static final String GROUPS = "/1.0/auth/groups";

    private ClusterWriteLatencyBenchmark() {}

    public static void main(String[] arguments)
    {
        int iterations = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1000;
        int warmup = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2000;
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be at least 1, warm-up iterations at least 0");
        }
        try (ClusterOfProcesses standalone = ClusterOfProcesses.start(1, false)) {
            measure(standalone, Map.of("standalone", standalone.member("m1").admin()), iterations, warmup);
        }
        try (ClusterOfProcesses single = ClusterOfProcesses.start(1, true)) {
            measure(single, Map.of("cluster-1", single.member("m1").admin()), iterations, warmup);
        }
        try (ClusterOfProcesses cluster = ClusterOfProcesses.start(3, true)) {
            ClusterMemberProcess leader = cluster.awaitLeader(cluster.members());
            ClusterMemberProcess follower = cluster.members().stream().filter(member -> member != leader).findFirst().orElseThrow();
            Map<String, JxdClient> targets = new LinkedHashMap<>();
            targets.put("cluster-3-leader", leader.admin());
            targets.put("cluster-3-follower", follower.admin());
            measure(cluster, targets, iterations, warmup);
        }
    }

    /**
     * Alternates samples between the targets, so that a change of load on the machine affects them alike. Also prints
     * the CPU time all the set-up's daemons used per sample: on a small machine shared by several members, CPU is
     * what the members wait for when it is scarce.
     */
    private static void measure(ClusterOfProcesses processes, Map<String, JxdClient> targets, int iterations, int warmup)
    {
        Map<String, List<Long>> totals = new LinkedHashMap<>();
        Map<String, List<Long>> creations = new LinkedHashMap<>();
        Map<String, List<Long>> deletions = new LinkedHashMap<>();
        targets.keySet().forEach(name -> {
            totals.put(name, new ArrayList<>());
            creations.put(name, new ArrayList<>());
            deletions.put(name, new ArrayList<>());
        });
        Duration cpuBefore = Duration.ZERO;
        for (int iteration = -warmup; iteration < iterations; iteration++) {
            if (iteration == 0) {
                cpuBefore = processes.cpuTime();
            }
            for (Map.Entry<String, JxdClient> target : targets.entrySet()) {
                String group = "latency-" + (iteration + warmup);
                JxdClient admin = target.getValue();
                long start = System.nanoTime();
                admin.post(GROUPS, Map.of("name", group));
                long created = System.nanoTime();
                admin.delete(GROUPS + "/" + group);
                long end = System.nanoTime();
                if (iteration >= 0) {
                    totals.get(target.getKey()).add(end - start);
                    creations.get(target.getKey()).add(created - start);
                    deletions.get(target.getKey()).add(end - created);
                }
            }
        }
        double cpuMillisPerSample = processes.cpuTime().minus(cpuBefore).toNanos() / 1e6 / ((double) iterations * targets.size());
        for (String name : targets.keySet()) {
            System.out.printf(Locale.ROOT, "write_latency setup=%s iterations=%d warmup=%d %s %s %s daemons_cpu_ms_per_sample=%.1f%n",
                    name, iterations, warmup, summary(Samples.of(totals.get(name)), ""), summary(Samples.of(creations.get(name)), "create_"),
                    summary(Samples.of(deletions.get(name)), "delete_"), cpuMillisPerSample);
        }
    }

    private static String summary(Samples samples, String prefix)
    {
        return String.format(Locale.ROOT, "%1$sp50_ms=%2$.1f %1$sp90_ms=%3$.1f %1$sp99_ms=%4$.1f %1$smax_ms=%5$.1f",
                prefix, samples.medianMillis(), samples.percentileMillis(0.90), samples.percentileMillis(0.99), samples.maxMillis());
    }
}
