package dev.jxd.it.cluster;

import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.jxd.it.cluster.ProcessCluster.CONVERGENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A three-member cluster, each member in its own network namespace on a private bridge, loses the link between its
 * leader and the two others. The two elect a leader of their own and keep taking writes; the isolated leader refuses
 * writes instead of accepting what it cannot commit; once the link is back, all three converge on the majority's
 * state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestLeaderPartitioned
{
    private static final String NO_QUORUM = "Cluster database unavailable: no leader (lost quorum?)";
    private static final int HTTPS_PORT = 8443;

    private NetworkNamespaces network;
    private ProcessCluster cluster;

    @BeforeAll
    void formCluster()
    {
        network = NetworkNamespaces.create(3);
        try {
            List<ProcessCluster.Placement> placements = new ArrayList<>();
            for (int index = 0; index < 3; index++) {
                placements.add(new ProcessCluster.Placement("m" + (index + 1), NetworkNamespaces.address(index) + ":" + HTTPS_PORT, Optional.of(network.namespace(index))));
            }
            cluster = ProcessCluster.form(getClass(), placements);
        }
        catch (RuntimeException | Error failure) {
            network.close();
            throw failure;
        }
    }

    @AfterAll
    void removeCluster()
    {
        try {
            if (cluster != null) {
                cluster.close();
            }
        }
        finally {
            network.close();
        }
    }

    @Test
    void theMajorityCarriesOnTheIsolatedLeaderRefusesWritesAndAllConvergeAfterHealing()
    {
        DaemonProcess leader = cluster.awaitLeader(cluster.members());
        int leaderIndex = cluster.members().indexOf(leader);
        List<DaemonProcess> majority = cluster.membersExcept(leader);
        createGroup(leader, "before-partition");
        awaitConverged(List.of("before-partition"), List.of());

        List<String> duringPartition = new ArrayList<>();
        network.disconnect(leaderIndex);
        try {
            DaemonProcess newLeader = cluster.awaitLeader(majority);
            assertThat(newLeader).isNotSameAs(leader);
            for (int index = 0; index < 6; index++) {
                String name = "during-partition-" + index;
                createGroup(majority.get(index % majority.size()), name);
                duringPartition.add(name);
            }

            // The isolated leader cannot commit: the write fails after its bounded retries, and is not applied there
            assertThatThrownBy(() -> leader.admin().post("/1.0/auth/groups", Map.of("name", "on-isolated-leader")))
                    .isInstanceOfSatisfying(ApiException.class, exception -> {
                        assertThat(exception.statusCode()).as("status of a write without quorum").isEqualTo(503);
                        assertThat(exception.getMessage()).isEqualTo(NO_QUORUM);
                    });
            // It still answers reads from what it holds, which is none of the majority's writes
            assertThat(ReplicatedState.of(leader).groupNames()).contains("before-partition").doesNotContainAnyElementsOf(duringPartition).doesNotContain("on-isolated-leader");
        }
        finally {
            network.reconnect(leaderIndex);
        }

        // Raft never commits an entry that only the deposed leader held: its refused write is gone everywhere
        List<String> expected = new ArrayList<>(duringPartition);
        expected.add("before-partition");
        awaitConverged(expected, List.of("on-isolated-leader"));
        cluster.awaitHealthy(cluster.members());
        // The old leader is a member like the others again, and takes writes
        createGroup(leader, "after-healing");
        expected.add("after-healing");
        awaitConverged(expected, List.of("on-isolated-leader"));
    }

    /**
     * Creates a group through {@code member}, sending it again while the member has no leader to commit it; a 409 on a
     * repeat means the earlier attempt was applied.
     */
    private static void createGroup(DaemonProcess member, String name)
    {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        boolean attempted = false;
        while (true) {
            try {
                member.admin().post("/1.0/auth/groups", Map.of("name", name));
                return;
            }
            catch (ApiException exception) {
                if (attempted && exception.statusCode() == 409) {
                    return;
                }
                if (exception.statusCode() < 500 || System.nanoTime() - deadline > 0) {
                    throw exception;
                }
            }
            catch (JxdClientException exception) {
                if (System.nanoTime() - deadline > 0) {
                    throw exception;
                }
            }
            attempted = true;
            DaemonProcess.sleep(Duration.ofMillis(200));
        }
    }

    /** Waits until every member serves the same state, holding {@code present} and none of {@code absent}. */
    private void awaitConverged(List<String> present, List<String> absent)
    {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            Map<String, ReplicatedState> states = ReplicatedState.ofEach(cluster.members());
            ReplicatedState first = states.values().iterator().next();
            assertThat(states.values()).as("state per member: %s", states.keySet()).allSatisfy(state -> assertThat(state).isEqualTo(first));
            assertThat(first.groupNames()).containsAll(present);
            assertThat(first.groupNames()).filteredOn(absent::contains).isEmpty();
        });
    }
}
