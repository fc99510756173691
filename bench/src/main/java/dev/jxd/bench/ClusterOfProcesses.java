package dev.jxd.bench;

import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Operation;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Real jxd processes on loopback forming a cluster through the API, as an operator forms one: the first enables
 * clustering, the others join with tokens. State directories live under one directory in {@code /tmp} that
 * {@link #close} removes. With one member and {@code clustered} false it is a standalone server, for comparison.
 */
final class ClusterOfProcesses
        implements AutoCloseable
{
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path repository;
    private final Path root;
    private final Map<String, ClusterMemberProcess> members = new LinkedHashMap<>();

    private ClusterOfProcesses(Path repository, Path root)
    {
        this.repository = requireNonNull(repository, "repository is null");
        this.root = requireNonNull(root, "root is null");
    }

    /** The repository, whose {@code bin/jxd} starts the daemons: the {@code jxd.repository} system property the scripts set. */
    static Path repository()
    {
        String repository = System.getProperty("jxd.repository");
        if (repository == null) {
            throw new IllegalStateException("Set -Djxd.repository=<repository root> (the bench/cluster-*.sh scripts do)");
        }
        return Path.of(repository);
    }

    /**
     * @param size members, named {@code m1}, {@code m2}, ...
     * @param clustered false only for a single standalone server
     */
    static ClusterOfProcesses start(int size, boolean clustered)
    {
        if (size < 1 || (!clustered && size != 1)) {
            throw new IllegalArgumentException("a standalone server is one member; a cluster has at least one");
        }
        ClusterOfProcesses cluster = new ClusterOfProcesses(repository(), newRoot());
        try {
            ClusterMemberProcess first = ClusterMemberProcess.startStandalone(cluster.repository, "m1", cluster.root.resolve("m1"), "127.0.0.1:" + freePortPair());
            cluster.members.put(first.name(), first);
            if (clustered) {
                ApiResponse enabling = first.admin().put("/1.0/cluster", ClusterPut.enable("m1"), null);
                first.admin().waitForSuccess(enabling.operationUrl(), TIMEOUT);
                for (int index = 2; index <= size; index++) {
                    ClusterMemberProcess member = cluster.launchJoin("m" + index);
                    member.awaitReady();
                }
                cluster.awaitOnline(cluster.members.keySet());
            }
            return cluster;
        }
        catch (RuntimeException exception) {
            cluster.close();
            throw exception;
        }
    }

    /** Starts a new member with a join token from the first member, and returns without waiting. */
    ClusterMemberProcess launchJoin(String name)
    {
        String token = joinToken(members.values().iterator().next().admin(), name);
        ClusterMemberProcess member = ClusterMemberProcess.launchJoin(repository, name, root.resolve(name), "127.0.0.1:" + freePortPair(), token);
        members.put(name, member);
        return member;
    }

    /** CPU time every member process has used so far. */
    Duration cpuTime()
    {
        Duration total = Duration.ZERO;
        for (ClusterMemberProcess member : members.values()) {
            total = total.plus(member.cpuTime());
        }
        return total;
    }

    List<ClusterMemberProcess> members()
    {
        return List.copyOf(members.values());
    }

    ClusterMemberProcess member(String name)
    {
        return requireNonNull(members.get(name), () -> "no member " + name);
    }

    static List<ClusterMember> clusterMembers(JxdClient admin)
    {
        return Json.lenient().convertValue(admin.get("/1.0/cluster/members?recursion=1").metadata(), new TypeReference<List<ClusterMember>>() {});
    }

    /** The leader every one of {@code asked} names, once they agree on one of themselves. */
    ClusterMemberProcess awaitLeader(Collection<ClusterMemberProcess> asked)
    {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> names = new HashSet<>();
        asked.forEach(member -> names.add(member.name()));
        while (System.nanoTime() - deadline < 0) {
            Set<Optional<String>> leaders = new HashSet<>();
            try {
                for (ClusterMemberProcess member : asked) {
                    leaders.add(leaderAccordingTo(member.admin()));
                }
            }
            catch (JxdClientException exception) {
                leaders.add(Optional.empty());
            }
            if (leaders.size() == 1) {
                Optional<String> leader = leaders.iterator().next();
                if (leader.isPresent() && names.contains(leader.get())) {
                    return members.get(leader.get());
                }
            }
            ClusterMemberProcess.sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("The members " + names + " did not agree on a leader within " + TIMEOUT);
    }

    /** Until the leader (which alone knows liveness) reports each of {@code names} Online with a database role. */
    void awaitOnline(Collection<String> names)
    {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!isOnline(names)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(names + " did not come online within " + TIMEOUT);
            }
            ClusterMemberProcess.sleep(Duration.ofMillis(20));
        }
    }

    /** Whether the leader, asked through any member that answers, reports each of {@code names} Online with a database role. */
    boolean isOnline(Collection<String> names)
    {
        for (ClusterMemberProcess asked : members.values()) {
            try {
                Optional<String> leader = leaderAccordingTo(asked.admin());
                if (leader.isEmpty()) {
                    continue;
                }
                List<ClusterMember> reported = clusterMembers(member(leader.get()).admin());
                return names.stream().allMatch(name -> reported.stream().anyMatch(member -> member.serverName().equals(name)
                        && member.status().equals(ClusterMember.STATUS_ONLINE)
                        && (member.roles().contains(ClusterMember.ROLE_DATABASE) || member.roles().contains(ClusterMember.ROLE_DATABASE_STANDBY))));
            }
            catch (JxdClientException exception) {
                // this member is down or the leader just changed: ask another
            }
        }
        return false;
    }

    static Optional<String> leaderAccordingTo(JxdClient admin)
    {
        return clusterMembers(admin).stream()
                .filter(candidate -> candidate.roles().contains(ClusterMember.ROLE_DATABASE_LEADER))
                .map(ClusterMember::serverName)
                .findFirst();
    }

    @Override
    public void close()
    {
        for (ClusterMemberProcess member : members.values()) {
            member.close();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a leftover directory under /tmp is harmless
        }
    }

    /** {@code jxc cluster add <name>}: the token, encoded from the operation's metadata. */
    static String joinToken(JxdClient admin, String newMember)
    {
        Operation operation = admin.post("/1.0/cluster/members", new ClusterMembersPost(newMember)).metadataAs(Operation.class);
        Map<String, Object> metadata = operation.metadata();
        @SuppressWarnings("unchecked")
        List<String> addresses = (List<String>) metadata.get("addresses");
        return ClusterJoinTokens.encode(new ClusterMemberJoinToken((String) metadata.get("serverName"), (String) metadata.get("secret"),
                (String) metadata.get("fingerprint"), new ArrayList<>(addresses), Instant.parse((String) metadata.get("expiresAt"))));
    }

    /**
     * Under {@code /tmp}, or under the directory the {@code jxd.bench.directory} system property names: on a tmpfs such
     * as {@code /dev/shm}, fsync costs nothing, which shows how much of a write's latency is the disk's.
     */
    private static Path newRoot()
    {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("jxd.bench.directory", "/tmp")), "jxd-bench-cluster-");
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** A free loopback port whose successor (the member's Raft port) is free too. */
    private static int freePortPair()
    {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket _ = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    }
                    catch (IOException taken) {
                        // another pair
                    }
                }
            }
            catch (IOException exception) {
                throw new UncheckedIOException(exception);
            }
        }
        throw new IllegalStateException("No two consecutive free loopback ports");
    }
}
