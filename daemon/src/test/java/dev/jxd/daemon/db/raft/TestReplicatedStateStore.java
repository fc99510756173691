package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.MiniCluster.Member;
import dev.jxd.daemon.db.raft.TestCommands.Increment;
import dev.jxd.daemon.db.raft.TestCommands.PutConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.db.raft.MiniCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Failures, restarts and membership changes on real members: Ratis over mutual TLS on 127.0.0.1, each member
 * with its own SQLite file.
 */
final class TestReplicatedStateStore
{
    private static final Logger LOG = LoggerFactory.getLogger(TestReplicatedStateStore.class);

    @Test
    void testNewLeaderTakesOverAndStoppedMembersCatchUp(@TempDir Path directory)
    {
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> settings)) {
            int acknowledged = 0;
            for (int write = 0; write < 5; write++) {
                cluster.leader().store().execute(new Increment("counter"));
                acknowledged++;
            }

            Member oldLeader = cluster.leader();
            Member survivor = cluster.followers().getFirst();
            oldLeader.stop();
            long stopped = System.nanoTime();
            survivor.store().execute(new Increment("counter"));
            acknowledged++;
            LOG.info("First write through a survivor succeeded {} ms after the leader stopped", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
            assertThat(cluster.leader()).isNotSameAs(oldLeader);
            for (Member member : cluster.running()) {
                for (int write = 0; write < 3; write++) {
                    member.store().execute(new Increment("counter"));
                    acknowledged++;
                }
            }

            // The old leader restarts from its log, skips what its database holds, and catches up
            oldLeader.restart();
            cluster.awaitConvergence();
            assertEverywhere(cluster, "counter", acknowledged);

            // Every member at once, as after a power cut: nothing is lost and nothing is applied twice
            MiniCluster.stop(cluster.running());
            for (Member member : List.of(cluster.member("m1"), cluster.member("m2"), cluster.member("m3"))) {
                member.restart();
            }
            cluster.leader().store().execute(new Increment("counter"));
            acknowledged++;
            cluster.awaitConvergence();
            assertEverywhere(cluster, "counter", acknowledged);
        }
    }

    @Test
    void testSnapshotsBoundTheLogAndBringMembersUpToDate(@TempDir Path directory)
            throws Exception
    {
        // Tiny segments and a low threshold, so that a few dozen writes snapshot and purge several times
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> MiniCluster.QUICK.apply(settings).withSnapshotThreshold(10).withLogSegmentSize(2048))) {
            Member lagging = cluster.followers().getFirst();
            lagging.stop();
            int writes = 60;
            try (ExecutorService executor = Executors.newFixedThreadPool(3)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int thread = 0; thread < 3; thread++) {
                    writers.add(executor.submit(() -> {
                        for (int write = 0; write < writes / 3; write++) {
                            cluster.leader().store().execute(new Increment("counter"));
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            }
            Member leader = cluster.leader();
            await("the leader to purge its log", () -> leader.store().logStartIndex() > 1);

            // The stopped member's next entry is no longer in the leader's log: it receives a snapshot
            lagging.restart();
            cluster.awaitConvergence();
            assertThat(cluster.contents(lagging)).isEqualTo(cluster.contents(leader));

            // A new member starts from the leader's latest snapshot, and listeners hear that the state was replaced
            List<StateCommand<?>> notifications = new CopyOnWriteArrayList<>();
            Member newcomer = cluster.join("m4", PeerRole.VOTER, database -> {}, store -> store.addListener(notifications::add));
            cluster.awaitConvergence();
            assertThat(newcomer.store().logStartIndex()).isGreaterThan(1);
            assertThat(notifications).first().isInstanceOf(StateReplaced.class);
            assertThat(newcomer.store().execute(new Increment("counter"))).isEqualTo(writes + 1);
            cluster.awaitConvergence();
            for (Member member : cluster.running()) {
                assertThat(cluster.contents(member)).isEqualTo(cluster.contents(newcomer));
            }
        }
    }

    @Test
    void testListenersApplyEverythingButDoNotVote(@TempDir Path directory)
    {
        try (MiniCluster cluster = new MiniCluster(directory, settings -> MiniCluster.QUICK.apply(settings).withWriteTimeout(Duration.ofSeconds(2)))) {
            cluster.bootstrap("m1", database -> {});
            cluster.join("m2", PeerRole.VOTER);
            Member standby = cluster.join("m3", PeerRole.LISTENER);
            Member leader = cluster.leader();
            assertThat(leader.store().peers())
                    .extracting(RaftPeerStatus::memberName, RaftPeerStatus::role, RaftPeerStatus::leader)
                    .containsExactlyInAnyOrder(
                            tuple("m1", PeerRole.VOTER, leader.name().equals("m1")),
                            tuple("m2", PeerRole.VOTER, leader.name().equals("m2")),
                            tuple("m3", PeerRole.LISTENER, false));
            // The leader knows when it last heard from the others
            assertThat(leader.store().peers()).allSatisfy(peer -> assertThat(peer.sinceLastContact().isPresent()).isEqualTo(!peer.memberName().equals(leader.name())));
            assertThat(standby.store().peers()).allSatisfy(peer -> assertThat(peer.sinceLastContact()).isEmpty());
            assertThat(standby.store().leader()).contains(leader.name());

            leader.store().execute(new Increment("counter"));
            assertThat(configLinearizable(standby, "counter")).contains("1");
            cluster.awaitConvergence();
            assertThat(cluster.contents(standby)).isEqualTo(cluster.contents(leader));

            // Two of three members run, but only one of two voters: no quorum
            Member otherVoter = cluster.member(leader.name().equals("m1") ? "m2" : "m1");
            otherVoter.stop();
            assertThatThrownBy(() -> standby.store().execute(new PutConfig("unacknowledged", "maybe")))
                    .isInstanceOf(NoQuorumException.class);

            otherVoter.restart();
            cluster.leader().store().setRole("m3", PeerRole.VOTER);
            assertThat(cluster.leader().store().peers()).filteredOn(peer -> peer.memberName().equals("m3")).extracting(RaftPeerStatus::role).containsExactly(PeerRole.VOTER);

            // Now the former listener's vote makes a quorum with any other voter
            Member stopped = cluster.followers().stream().filter(member -> member != standby).findFirst().orElseThrow();
            stopped.stop();
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(2);

            cluster.leader().store().removePeer(stopped.name());
            assertThat(cluster.leader().store().peers()).extracting(RaftPeerStatus::memberName).doesNotContain(stopped.name()).hasSize(2);
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(3);

            cluster.leader().store().transferLeadership(standby.name());
            await("the leadership transfer", () -> standby.store().isLeader());
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(4);
        }
    }

    @Test
    void testWritesFailWithinTheWriteTimeoutWithoutQuorum(@TempDir Path directory)
    {
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> MiniCluster.QUICK.apply(settings).withWriteTimeout(Duration.ofMillis(1500)))) {
            Member survivor = cluster.leader();
            survivor.store().execute(new Increment("counter"));
            MiniCluster.stop(cluster.followers());

            long start = System.nanoTime();
            assertThatThrownBy(() -> survivor.store().execute(new PutConfig("unacknowledged", "maybe")))
                    .isInstanceOf(NoQuorumException.class)
                    .hasMessage("Cluster database unavailable: no leader (lost quorum?)");
            LOG.info("A write without quorum failed after {} ms (write timeout 1.5 s)", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThatThrownBy(() -> configLinearizable(survivor, "counter"))
                    .isInstanceOf(NoQuorumException.class);
            // Local reads still work
            assertThat(config(survivor, "counter")).contains("1");
        }
    }

    static void assertEverywhere(MiniCluster cluster, String key, int value)
    {
        List<List<String>> expected = cluster.contents(cluster.leader());
        for (Member member : cluster.running()) {
            assertThat(config(member, key)).contains(String.valueOf(value));
            assertThat(cluster.contents(member)).isEqualTo(expected);
        }
    }

    static Optional<String> config(Member member, String key)
    {
        return member.store().read(connection -> config(connection, key));
    }

    static Optional<String> configLinearizable(Member member, String key)
    {
        return member.store().readLinearizable(connection -> config(connection, key));
    }

    private static Optional<String> config(Connection connection, String key)
    {
        return Sql.queryOne(connection, "SELECT value FROM config WHERE key = ?", row -> row.getString(1), key);
    }
}
