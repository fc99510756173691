package dev.jxd.bench;

import dev.jxd.client.JxdClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * How long a new member takes to join a cluster that holds a lot of state. A cluster of real daemon processes
 * ({@code bin/jxd}, loopback) is filled through the API: {@code links} pending bidirectional cluster links (each makes
 * its pending identity) and pending TLS identities ({@code POST /1.0/auth/identities/tls} with {@code "token": true})
 * up to {@code identities} identities in all, written by parallel clients spread over the members' unix sockets. Then
 * {@code jxd --join} starts a new member; the figures are the time from launching it until it answers on its unix
 * socket (admitted, the leader's snapshot installed) and until the leader reports it Online. Its copy of the state is
 * then counted.
 *
 * <p>Usage: {@code ClusterJoinBenchmark [identities=10000] [links=1000] [members=3] [clients=8]}, with
 * {@code -Djxd.repository=<repository root>}
 */
public final class ClusterJoinBenchmark
{
    private ClusterJoinBenchmark() {}

    public static void main(String[] arguments)
            throws Exception
    {
        int identities = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 10_000;
        int links = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 1_000;
        int members = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 3;
        int clients = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 8;
        if (links > identities || members < 1 || clients < 1) {
            throw new IllegalArgumentException("links are at most identities (each link makes one), members and clients at least 1");
        }
        try (ClusterOfProcesses cluster = ClusterOfProcesses.start(members, true)) {
            long seedStart = System.nanoTime();
            seed(cluster, identities, links, clients);
            long seedNanos = System.nanoTime() - seedStart;
            JxdClient first = cluster.member("m1").admin();
            check(count(first, "/1.0/auth/identities") == identities, "the cluster holds " + count(first, "/1.0/auth/identities") + " identities");
            check(count(first, "/1.0/cluster/links") == links, "the cluster holds " + count(first, "/1.0/cluster/links") + " links");
            System.out.printf(Locale.ROOT, "seeded identities=%d links=%d members=%d clients=%d seconds=%.1f writes_per_second=%.0f%n",
                    identities, links, members, clients, seedNanos / 1e9, identities / (seedNanos / 1e9));

            String name = "m" + (members + 1);
            long launched = System.nanoTime();
            ClusterMemberProcess joiner = cluster.launchJoin(name);
            joiner.awaitReady();
            long answering = System.nanoTime() - launched;
            cluster.awaitOnline(List.of(name));
            long online = System.nanoTime() - launched;
            int joinedIdentities = count(joiner.admin(), "/1.0/auth/identities");
            int joinedLinks = count(joiner.admin(), "/1.0/cluster/links");
            check(joinedIdentities == identities && joinedLinks == links, "the new member holds " + joinedIdentities + " identities and " + joinedLinks + " links");
            System.out.printf(Locale.ROOT, "join member=%s answering_ms=%.0f online_ms=%.0f database_kib=%d%n",
                    name, answering / 1e6, online / 1e6, databaseBytes(cluster.member("m1")) / 1024);
        }
    }

    /** Links first (each with its pending identity), then plain pending identities, from parallel clients. */
    private static void seed(ClusterOfProcesses cluster, int identities, int links, int clients)
            throws Exception
    {
        List<ClusterMemberProcess> members = cluster.members();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                JxdClient admin = members.get(client % members.size()).admin();
                int offset = client;
                work.add(threads.submit(() -> {
                    for (int index = offset; index < identities; index += clients) {
                        if (index < links) {
                            admin.post("/1.0/cluster/links", Map.of("name", "seed-link-" + index, "type", "bidirectional"));
                        }
                        else {
                            admin.post("/1.0/auth/identities/tls", Map.of("name", "seed-identity-" + index, "token", true));
                        }
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static int count(JxdClient admin, String collection)
    {
        return admin.get(collection).metadata().size();
    }

    /** The size of a member's SQLite files: roughly what a snapshot sent to a new member weighs. */
    private static long databaseBytes(ClusterMemberProcess member)
    {
        Path directory = member.stateDirectory().resolve("database");
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                }
                catch (IOException exception) {
                    throw new UncheckedIOException(exception);
                }
            }).sum();
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static void check(boolean condition, String failure)
    {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
