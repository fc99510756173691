package dev.jxd.it.cluster;

import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.client.JxdClient;
import dev.jxd.it.cluster.WriteLoad.Acknowledgement;
import dev.jxd.it.cluster.WriteLoad.Expected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jxd.it.cluster.ProcessCluster.CONVERGENCE;
import static dev.jxd.it.cluster.ProcessCluster.Placement.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A three-member cluster of jxd processes on loopback loses its leader to SIGKILL while a client writes steadily
 * through every member. The two others take writes again, nothing the cluster acknowledged is lost or applied twice,
 * and the killed member, restarted from its state directory, catches up until all three serve the same state.
 * Then one member is removed while it runs, and leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestLeaderKilled
{
    // A liveness bound, not a performance target (bench/cluster-failover.sh measures that): far above the 1-2 s
    // election timeout, so that a loaded machine cannot fail the test, yet a cluster that never recovers does
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int WRITES_PER_PHASE = 20;

    private ProcessCluster cluster;

    @BeforeAll
    void formCluster()
    {
        cluster = ProcessCluster.form(getClass(), List.of(loopback("m1"), loopback("m2"), loopback("m3")));
    }

    @AfterAll
    void stopCluster()
    {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theOthersTakeOverWithoutLosingAcknowledgedWritesAndTheRestartedMemberCatchesUp()
    {
        DaemonProcess leader = cluster.awaitLeader(cluster.members());
        List<DaemonProcess> survivors = cluster.membersExcept(leader);
        Map<String, JxdClient> everyMember = new LinkedHashMap<>();
        cluster.members().forEach(member -> everyMember.put(member.name(), member.admin()));

        WriteLoad load = new WriteLoad(everyMember);
        try (load) {
            load.start();
            await().atMost(CONVERGENCE).until(() -> load.acknowledgements().size() >= WRITES_PER_PHASE);

            long killedAt = System.nanoTime();
            leader.kill();
            // The load sends every write to the next member in turn, the dead one included: it must be retried on the
            // others, and they must take it once they elected a new leader
            await().atMost(RECOVERY).until(() -> load.firstAcknowledgedAfter(killedAt).isPresent());
            Acknowledgement firstAfterKill = load.firstAcknowledgedAfter(killedAt).orElseThrow();
            assertThat(firstAfterKill.member()).isNotEqualTo(leader.name());
            System.out.printf("%s: first write acknowledged %d ms after SIGKILL of the leader %s, through %s%n",
                    getClass().getSimpleName(), (firstAfterKill.nanoTime() - killedAt) / 1_000_000, leader.name(), firstAfterKill.member());
            await().atMost(RECOVERY).until(() -> acknowledgedSince(load, killedAt) >= WRITES_PER_PHASE);
            DaemonProcess newLeader = cluster.awaitLeader(survivors);
            assertThat(newLeader).isNotSameAs(leader);

            long restartedAt = System.nanoTime();
            leader.restart();
            // The restarted member takes its share of the writes again
            await().atMost(CONVERGENCE).until(() -> load.acknowledgements().stream()
                    .anyMatch(acknowledgement -> acknowledgement.nanoTime() - restartedAt > 0 && acknowledgement.member().equals(leader.name())));
        }
        assertThat(load.anomalies()).as("answers that only a write applied twice or lost could explain").isEmpty();

        // All three converge on one state, the restarted member included
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            Map<String, ReplicatedState> states = ReplicatedState.ofEach(cluster.members());
            assertThat(states.values()).as("state per member: %s", states.keySet()).allSatisfy(state -> assertThat(state).isEqualTo(states.get(survivors.getFirst().name())));
        });
        ReplicatedState state = ReplicatedState.of(leader);
        assertMatches(state.groupNames(), WriteLoad.GROUP_PREFIX, load.groups());
        assertMatches(state.linkNames(), WriteLoad.LINK_PREFIX, load.links());
        // Each pending link made exactly one pending identity, and deleting the link deleted it
        assertThat(state.pendingLinkIdentityNames()).containsExactlyInAnyOrderElementsOf(state.linkNames());
        cluster.awaitHealthy(cluster.members());
    }

    @Test
    @Order(2)
    void aRemovedMemberLeavesTheClusterAndRunsOnAsAStandaloneServer()
    {
        DaemonProcess leader = cluster.awaitLeader(cluster.members());
        DaemonProcess removed = cluster.membersExcept(leader).getFirst();
        leader.admin().delete("/1.0/cluster/members/" + removed.name());

        // The same process on the same address: told by the leader, it stopped, forgot the cluster and started again
        await().atMost(CONVERGENCE).ignoreExceptions().untilAsserted(() -> assertThat(removed.admin().get("/1.0/cluster").metadata().path("enabled").asBoolean()).isFalse());
        assertThat(removed.running()).isTrue();
        assertThat(removed.stateDirectory().resolve("cluster.crt")).doesNotExist();
        assertThat(removed.admin().get("/1.0/auth/groups").metadata().toString()).doesNotContain(WriteLoad.GROUP_PREFIX);
        assertThat(removed.admin().get("/1.0").metadata().path("config").path("core.https_address").asString()).isEqualTo(removed.httpsAddress());
        assertThat(ProcessCluster.clusterMembers(leader)).extracting(ClusterMember::serverName).doesNotContain(removed.name()).hasSize(2);
    }

    /**
     * The names the load wrote are listed once each: every acknowledged create not followed by an acknowledged delete,
     * none acknowledged deleted, and of the writes whose answer was lost, whichever the cluster applied.
     */
    private static void assertMatches(List<String> listed, String prefix, Map<String, Expected> expected)
    {
        List<String> written = listed.stream().filter(name -> name.startsWith(prefix)).toList();
        assertThat(written).as("listed once each").doesNotHaveDuplicates();
        assertThat(expected.keySet()).as("names the load wrote").containsAll(written);
        List<String> present = expected.entrySet().stream().filter(entry -> entry.getValue() == Expected.PRESENT).map(Map.Entry::getKey).toList();
        List<String> absent = expected.entrySet().stream().filter(entry -> entry.getValue() == Expected.ABSENT).map(Map.Entry::getKey).toList();
        assertThat(written).containsAll(present).doesNotContainAnyElementsOf(absent);
        assertThat(present).as("the load kept some alive").isNotEmpty();
        assertThat(absent).as("the load deleted some").isNotEmpty();
    }

    private static long acknowledgedSince(WriteLoad load, long nanoTime)
    {
        return load.acknowledgements().stream().filter(acknowledgement -> acknowledgement.nanoTime() - nanoTime > 0).count();
    }
}
