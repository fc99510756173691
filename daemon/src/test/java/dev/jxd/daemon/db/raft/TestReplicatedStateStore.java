package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.LocalStateStore;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.MiniCluster.Member;
import dev.jxd.daemon.db.raft.TestCommands.CreateProject;
import dev.jxd.daemon.db.raft.TestCommands.FailAfterWriting;
import dev.jxd.daemon.db.raft.TestCommands.Increment;
import dev.jxd.daemon.db.raft.TestCommands.PutConfig;
import dev.jxd.daemon.db.raft.TestCommands.StoreResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.jxd.daemon.db.raft.MiniCluster.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Scenarios on real members: Ratis over mutual TLS on 127.0.0.1, each member with its own SQLite file. */
final class TestReplicatedStateStore
{
    @Test
    void testCommandsFromEveryMemberAreAppliedEverywhere(@TempDir Path directory)
            throws Exception
    {
        try (MiniCluster cluster = new MiniCluster(directory, settings -> settings)) {
            // The first member's state from before clustering becomes the cluster's; a joiner's own is replaced
            cluster.bootstrap("m1", database -> new LocalStateStore(database).execute(new PutConfig("before.clustering", "kept")));
            cluster.join("m2", PeerRole.VOTER, database -> new LocalStateStore(database).execute(new PutConfig("joiner.junk", "dropped")), store -> {});
            cluster.join("m3", PeerRole.VOTER);

            Map<String, AtomicInteger> notified = new ConcurrentHashMap<>();
            for (Member member : cluster.running()) {
                AtomicInteger count = notified.computeIfAbsent(member.name(), name -> new AtomicInteger());
                member.store().addListener(command -> count.incrementAndGet());
            }

            int perThread = 8;
            List<Future<?>> writers = new ArrayList<>();
            try (ExecutorService executor = Executors.newFixedThreadPool(6)) {
                for (Member member : cluster.running()) {
                    for (int thread = 0; thread < 2; thread++) {
                        writers.add(executor.submit(() -> {
                            for (int write = 0; write < perThread; write++) {
                                member.store().execute(new Increment("counter"));
                            }
                        }));
                    }
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            }
            int increments = 3 * 2 * perThread;
            long latency = System.nanoTime();
            cluster.leader().store().execute(new PutConfig("fresh", "yes"));
            System.err.printf("One write on the leader of three members: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - latency));

            // A linearizable read on a follower sees the write the leader just acknowledged
            for (Member follower : cluster.followers()) {
                assertThat(configLinearizable(follower, "fresh")).contains("yes");
            }

            cluster.awaitConvergence();
            List<List<String>> expected = cluster.contents(cluster.member("m1"));
            for (Member member : cluster.running()) {
                assertThat(cluster.contents(member)).isEqualTo(expected);
                assertThat(config(member, "counter")).contains(String.valueOf(increments));
                assertThat(config(member, "before.clustering")).contains("kept");
                assertThat(config(member, "joiner.junk")).isEmpty();
                assertThat(notified.get(member.name())).hasValue(increments + 1);
            }
        }
    }

    @Test
    void testResultsAndFailuresReturnToTheSubmitter(@TempDir Path directory)
    {
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> settings)) {
            Member leader = cluster.leader();
            Member follower = cluster.followers().getFirst();
            List<StateCommand<?>> appliedOnLeader = new CopyOnWriteArrayList<>();
            leader.store().addListener(appliedOnLeader::add);

            long first = follower.store().execute(new CreateProject("alpha", ""));
            long second = leader.store().execute(new CreateProject("beta", ""));
            assertThat(second).isEqualTo(first + 1);
            assertThat(follower.store().execute(new StoreResult("stored", new Increment("counter")))).isEqualTo(1);
            assertThat(follower.store().execute(new Increment("counter"))).isEqualTo(2);

            // The command's own exception, thrown where it was submitted; its write is rolled back everywhere
            assertThatThrownBy(() -> follower.store().execute(new FailAfterWriting("failed", "no such thing")))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no such thing");
            follower.store().execute(new PutConfig("unique", "1"));
            assertThatThrownBy(() -> follower.store().execute(new PutConfig("unique", "2")))
                    .isInstanceOfSatisfying(DatabaseException.class, exception -> assertThat(exception.isUniqueViolation()).isTrue());
            assertThatThrownBy(() -> leader.store().execute(new PutConfig("unique", "3")))
                    .isInstanceOfSatisfying(DatabaseException.class, exception -> assertThat(exception.isUniqueViolation()).isTrue());
            assertThat(leader.store().execute(new Increment("counter"))).isEqualTo(3);

            cluster.awaitConvergence();
            List<List<String>> expected = cluster.contents(leader);
            for (Member member : cluster.running()) {
                assertThat(cluster.contents(member)).isEqualTo(expected);
                assertThat(config(member, "failed")).isEmpty();
                assertThat(config(member, "unique")).contains("1");
                assertThat(config(member, "stored")).contains("1");
            }
            // Listeners hear about applied commands only, not about failed ones
            assertThat(appliedOnLeader).hasSize(6);
            assertThat(appliedOnLeader).noneMatch(command -> command instanceof FailAfterWriting);
        }
    }

    @Test
    void testNewLeaderTakesOverAndStoppedMembersCatchUp(@TempDir Path directory)
    {
        long t0 = System.nanoTime();
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> settings)) {
            int acknowledged = 0;
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " int acknowledged = 0;");
            for (int write = 0; write < 5; write++) {
                cluster.leader().store().execute(new Increment("counter"));
                acknowledged++;
            }

            Member oldLeader = cluster.leader();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member oldLeader = cluster.leader();");
            Member survivor = cluster.followers().getFirst();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member survivor = cluster.followers().getFirst();");
            oldLeader.stop();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " oldLeader.stop();");
            long stopped = System.nanoTime();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " long stopped = System.nanoTime();");
            survivor.store().execute(new Increment("counter"));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " survivor.store().execute(new Increment('counter'));");
            acknowledged++;
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " acknowledged++;");
            System.err.printf("First write through a survivor succeeded %d ms after the leader stopped%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " System.err.printf('First write through a survivor succeeded ");
            assertThat(cluster.leader()).isNotSameAs(oldLeader);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(cluster.leader()).isNotSameAs(oldLeader);");
            for (Member member : cluster.running()) {
                for (int write = 0; write < 3; write++) {
                    member.store().execute(new Increment("counter"));
                    acknowledged++;
                }
            }

            // The old leader restarts from its log, skips what its database holds, and catches up
            oldLeader.restart();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " oldLeader.restart();");
            cluster.awaitConvergence();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.awaitConvergence();");
            assertEverywhere(cluster, "counter", acknowledged);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertEverywhere(cluster, 'counter', acknowledged);");

            // Every member at once, as after a power cut: nothing is lost and nothing is applied twice
            for (Member member : cluster.running()) {
                member.stop();
            }
            for (Member member : List.of(cluster.member("m1"), cluster.member("m2"), cluster.member("m3"))) {
                member.restart();
            }
            cluster.leader().store().execute(new Increment("counter"));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.leader().store().execute(new Increment('counter'));");
            acknowledged++;
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " acknowledged++;");
            cluster.awaitConvergence();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.awaitConvergence();");
            assertEverywhere(cluster, "counter", acknowledged);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertEverywhere(cluster, 'counter', acknowledged);");
        }
    }

    @Test
    void testSnapshotsBoundTheLogAndBringMembersUpToDate(@TempDir Path directory)
            throws Exception
    {
        // Tiny segments and a low threshold, so that a few dozen writes snapshot and purge several times
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> settings.withSnapshotThreshold(10).withLogSegmentSize(2048))) {
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
        long t0 = System.nanoTime();
        try (MiniCluster cluster = new MiniCluster(directory, settings -> settings.withWriteTimeout(Duration.ofSeconds(3)))) {
            cluster.bootstrap("m1", database -> {});
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.bootstrap('m1', database -> {});");
            cluster.join("m2", PeerRole.VOTER);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.join('m2', PeerRole.VOTER);");
            Member standby = cluster.join("m3", PeerRole.LISTENER);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member standby = cluster.join('m3', PeerRole.LISTENER);");
            Member leader = cluster.leader();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member leader = cluster.leader();");
            assertThat(leader.store().peers())
                    .extracting(RaftPeerStatus::memberName, RaftPeerStatus::role, RaftPeerStatus::leader)
                    .containsExactlyInAnyOrder(
                            tuple("m1", PeerRole.VOTER, leader.name().equals("m1")),
                            tuple("m2", PeerRole.VOTER, leader.name().equals("m2")),
                            tuple("m3", PeerRole.LISTENER, false));
            // The leader knows when it last heard from the others
            assertThat(leader.store().peers()).allSatisfy(peer -> assertThat(peer.sinceLastContact().isPresent()).isEqualTo(!peer.memberName().equals(leader.name())));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(leader.store().peers()).allSatisfy(peer -> assert");
            assertThat(standby.store().peers()).allSatisfy(peer -> assertThat(peer.sinceLastContact()).isEmpty());
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(standby.store().peers()).allSatisfy(peer -> asser");
            assertThat(standby.store().leader()).contains(leader.name());
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(standby.store().leader()).contains(leader.name())");

            standby.store().execute(new Increment("counter"));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " standby.store().execute(new Increment('counter'));");
            cluster.awaitConvergence();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.awaitConvergence();");
            assertThat(cluster.contents(standby)).isEqualTo(cluster.contents(leader));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(cluster.contents(standby)).isEqualTo(cluster.cont");

            // Two of three members run, but only one of two voters: no quorum
            Member otherVoter = cluster.member(leader.name().equals("m1") ? "m2" : "m1");
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member otherVoter = cluster.member(leader.name().equals('m1'");
            otherVoter.stop();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " otherVoter.stop();");
            assertThatThrownBy(() -> standby.store().execute(new PutConfig("unacknowledged", "maybe")))
                    .isInstanceOf(NoQuorumException.class);

            otherVoter.restart();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " otherVoter.restart();");
            cluster.leader().store().setRole("m3", PeerRole.VOTER);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.leader().store().setRole('m3', PeerRole.VOTER);");
            assertThat(cluster.leader().store().peers()).filteredOn(peer -> peer.memberName().equals("m3")).extracting(RaftPeerStatus::role).containsExactly(PeerRole.VOTER);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(cluster.leader().store().peers()).filteredOn(peer");

            // Now the former listener's vote makes a quorum with any other voter
            Member stopped = cluster.followers().stream().filter(member -> member != standby).findFirst().orElseThrow();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member stopped = cluster.followers().stream().filter(member ");
            stopped.stop();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " stopped.stop();");
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(2);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(standby.store().execute(new Increment('counter'))");

            cluster.leader().store().removePeer(stopped.name());
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.leader().store().removePeer(stopped.name());");
            assertThat(cluster.leader().store().peers()).extracting(RaftPeerStatus::memberName).doesNotContain(stopped.name()).hasSize(2);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(cluster.leader().store().peers()).extracting(Raft");
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(3);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(standby.store().execute(new Increment('counter'))");

            cluster.leader().store().transferLeadership(standby.name());
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.leader().store().transferLeadership(standby.name());");
            await("the leadership transfer", () -> standby.store().isLeader());
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " await('the leadership transfer', () -> standby.store().isLea");
            assertThat(standby.store().execute(new Increment("counter"))).isEqualTo(4);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(standby.store().execute(new Increment('counter'))");
        }
    }

    @Test
    void testWritesFailWithinTheWriteTimeoutWithoutQuorum(@TempDir Path directory)
    {
        long t0 = System.nanoTime();
        try (MiniCluster cluster = MiniCluster.start(directory, 3, settings -> settings.withWriteTimeout(Duration.ofSeconds(3)))) {
            Member survivor = cluster.leader();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " Member survivor = cluster.leader();");
            survivor.store().execute(new Increment("counter"));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " survivor.store().execute(new Increment('counter'));");
            for (Member follower : cluster.followers()) {
                follower.stop();
            }

            long start = System.nanoTime();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " long start = System.nanoTime();");
            assertThatThrownBy(() -> survivor.store().execute(new PutConfig("unacknowledged", "maybe")))
                    .isInstanceOf(NoQuorumException.class)
                    .hasMessage("Cluster database unavailable: no leader (lost quorum?)");
            System.err.printf("A write without quorum failed after %d ms (write timeout 3 s)%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " System.err.printf('A write without quorum failed after %d ms");
            assertThatThrownBy(() -> configLinearizable(survivor, "counter"))
                    .isInstanceOf(NoQuorumException.class);
            // Local reads still work
            assertThat(config(survivor, "counter")).contains("1");
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(config(survivor, 'counter')).contains('1');");

            cluster.member("m2").restart();
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " cluster.member('m2').restart();");
            assertThat(cluster.leader().store().execute(new Increment("counter"))).isEqualTo(2);
            System.err.println("STEP " + (System.nanoTime() - t0) / 1_000_000 + " assertThat(cluster.leader().store().execute(new Increment('c");
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
