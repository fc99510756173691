package dev.jxd.it.cluster;

import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Operation;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.LoopbackPorts;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster of jxd processes formed through the API as an operator forms one: the first member enables clustering
 * ({@code PUT /1.0/cluster}), each further member joins with a token from {@code POST /1.0/cluster/members}
 * ({@code jxd --join}). Every member's state directory lives under one directory in {@code /tmp} (unix socket paths
 * must stay short), which {@link #close} removes after keeping the daemons' logs in {@code it/target/cluster-logs}.
 */
final class ProcessCluster
        implements AutoCloseable
{
    static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);

    /** Where one member runs: its HTTPS address (its Raft address is the port after it) and its network namespace. */
    record Placement(String name, String httpsAddress, Optional<String> namespace)
    {
        Placement
        {
            requireNonNull(name, "name is null");
            requireNonNull(httpsAddress, "httpsAddress is null");
            requireNonNull(namespace, "namespace is null");
        }

        /** On loopback, with an HTTPS port whose successor (the Raft port) is free too. */
        static Placement loopback(String name)
        {
            return new Placement(name, "127.0.0.1:" + LoopbackPorts.reservePair(), Optional.empty());
        }
    }

    private final Path root;
    private final Path logDirectory;
    private final Map<String, DaemonProcess> members = new LinkedHashMap<>();
    private final List<DaemonProcess> standalone = new ArrayList<>();

    private ProcessCluster(Path root, Path logDirectory)
    {
        this.root = requireNonNull(root, "root is null");
        this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
    }

    /** Forms a cluster of the placements, the first one enabling clustering, and waits until every member is Online. */
    static ProcessCluster form(Class<?> testClass, List<Placement> placements)
    {
        ProcessCluster cluster = new ProcessCluster(newRoot(), Repository.logDirectory(testClass));
        try {
            Placement first = placements.getFirst();
            DaemonProcess founder = DaemonProcess.startStandalone(first.name(), cluster.root.resolve(first.name()), first.httpsAddress(), first.namespace());
            cluster.members.put(first.name(), founder);
            ApiResponse enabling = founder.admin().put("/1.0/cluster", ClusterPut.enable(first.name()), null);
            founder.admin().waitForSuccess(enabling.operationUrl(), OPERATION_TIMEOUT);
            for (Placement placement : placements.subList(1, placements.size())) {
                String token = joinToken(founder.admin(), placement.name());
                cluster.members.put(placement.name(),
                        DaemonProcess.join(placement.name(), cluster.root.resolve(placement.name()), placement.httpsAddress(), placement.namespace(), token));
            }
            cluster.awaitHealthy(cluster.members.values());
            return cluster;
        }
        catch (RuntimeException | Error failure) {
            cluster.close();
            throw failure;
        }
    }

    /** A standalone server beside the cluster (not a member), in the same directory and cleaned up with it. */
    DaemonProcess startStandalone(Placement placement)
    {
        DaemonProcess daemon = DaemonProcess.startStandalone(placement.name(), root.resolve(placement.name()), placement.httpsAddress(), placement.namespace());
        standalone.add(daemon);
        return daemon;
    }

    DaemonProcess member(String name)
    {
        DaemonProcess member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException("No member " + name + " in " + members.keySet());
        }
        return member;
    }

    List<DaemonProcess> members()
    {
        return List.copyOf(members.values());
    }

    List<DaemonProcess> membersExcept(DaemonProcess excluded)
    {
        return members.values().stream().filter(member -> member != excluded).toList();
    }

    /** {@code jxc cluster add <name>}: the token, encoded from the operation's metadata as LXD's client does. */
    static String joinToken(JxdClient admin, String newMember)
    {
        Operation operation = admin.post("/1.0/cluster/members", new ClusterMembersPost(newMember)).metadataAs(Operation.class);
        Map<String, Object> metadata = operation.metadata();
        @SuppressWarnings("unchecked")
        List<String> addresses = (List<String>) metadata.get("addresses");
        return ClusterJoinTokens.encode(new ClusterMemberJoinToken(
                (String) metadata.get("serverName"),
                (String) metadata.get("secret"),
                (String) metadata.get("fingerprint"),
                addresses,
                Instant.parse((String) metadata.get("expiresAt"))));
    }

    /** {@code GET /1.0/cluster/members?recursion=1} as {@code asked} answers it. */
    static List<ClusterMember> clusterMembers(DaemonProcess asked)
    {
        return Json.lenient().convertValue(asked.admin().get("/1.0/cluster/members?recursion=1").metadata(), new TypeReference<List<ClusterMember>>() {});
    }

    /** The member {@code asked} reports with the {@code database-leader} role, if any. */
    static Optional<String> leaderAccordingTo(DaemonProcess asked)
    {
        return clusterMembers(asked).stream()
                .filter(member -> member.roles().contains(ClusterMember.ROLE_DATABASE_LEADER))
                .map(ClusterMember::serverName)
                .findFirst();
    }

    /** Waits until every one of {@code asked} names the same leader, one of them, and returns it. */
    DaemonProcess awaitLeader(Collection<DaemonProcess> asked)
    {
        Set<String> names = asked.stream().map(DaemonProcess::name).collect(Collectors.toSet());
        // While a member has no leader, its member list (a linearizable read) fails after the write timeout
        String leader = await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            Set<Optional<String>> leaders = asked.stream().map(ProcessCluster::leaderAccordingTo).collect(Collectors.toSet());
            if (leaders.size() != 1) {
                return null;
            }
            return leaders.iterator().next().filter(names::contains).orElse(null);
        }, Objects::nonNull);
        return member(leader);
    }

    /** Waits until the leader (which alone knows liveness) reports every one of {@code expected} Online, all voters. */
    void awaitHealthy(Collection<DaemonProcess> expected)
    {
        List<String> names = expected.stream().map(DaemonProcess::name).toList();
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            String leaderName = leaderAccordingTo(expected.iterator().next()).orElseThrow(() -> new AssertionError("no leader"));
            List<ClusterMember> reported = clusterMembers(member(leaderName));
            assertThat(reported).filteredOn(member -> member.roles().contains(ClusterMember.ROLE_DATABASE_LEADER))
                    .extracting(ClusterMember::serverName).as("the leader names itself").containsExactly(leaderName);
            assertThat(reported).extracting(ClusterMember::serverName).containsExactlyInAnyOrderElementsOf(names);
            assertThat(reported).allSatisfy(member -> {
                assertThat(member.status()).as(member.serverName()).isEqualTo(ClusterMember.STATUS_ONLINE);
                assertThat(member.roles()).as(member.serverName()).contains(ClusterMember.ROLE_DATABASE);
            });
        });
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        List<DaemonProcess> everyProcess = new ArrayList<>(members.values());
        everyProcess.addAll(standalone);
        for (DaemonProcess member : everyProcess) {
            try {
                member.close();
                member.copyLogTo(logDirectory);
            }
            catch (RuntimeException exception) {
                failure = failure == null ? exception : failure;
            }
        }
        deleteRecursively(root);
        if (failure != null) {
            throw failure;
        }
    }

    private static Path newRoot()
    {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "jxd-it-");
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    static void deleteRecursively(Path directory)
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot delete " + directory, exception);
        }
    }
}
