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
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.jxd.daemon.db.raft.TestReplicatedStateStore.config;
import static dev.jxd.daemon.db.raft.TestReplicatedStateStore.configLinearizable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three members shared by the tests of this class, each using keys of its own: replication from every
 * member, results and failures, linearizable reads, and last, a member that cannot apply an entry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class TestThreeMembers
{
    private static final Logger LOG = LoggerFactory.getLogger(TestThreeMembers.class);

    private MiniCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path directory)
    {
        cluster = new MiniCluster(directory, settings -> settings);
        // The first member's state from before clustering becomes the cluster's; a joiner's own is replaced
        cluster.bootstrap("m1", database -> new LocalStateStore(database).execute(new PutConfig("before.clustering", "kept")));
        cluster.join("m2", PeerRole.VOTER, database -> new LocalStateStore(database).execute(new PutConfig("joiner.junk", "dropped")), store -> {});
        cluster.join("m3", PeerRole.VOTER);
    }

    @AfterAll
    void stopCluster()
    {
        cluster.close();
    }

    @Test
    void testTheFirstMembersStateBecomesTheClusters()
    {
        cluster.awaitConvergence();
        for (Member member : cluster.running()) {
            assertThat(config(member, "before.clustering")).contains("kept");
            assertThat(config(member, "joiner.junk")).isEmpty();
        }
    }

    @Test
    void testCommandsFromEveryMemberAreAppliedEverywhere()
            throws Exception
    {
        Map<String, AtomicInteger> notified = new ConcurrentHashMap<>();
        for (Member member : cluster.running()) {
            AtomicInteger count = notified.computeIfAbsent(member.name(), name -> new AtomicInteger());
            member.store().addListener(command -> {
                if (command instanceof Increment increment && increment.key().equals("everywhere")) {
                    count.incrementAndGet();
                }
            });
        }

        int perThread = 8;
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(6)) {
            for (Member member : cluster.running()) {
                for (int thread = 0; thread < 2; thread++) {
                    writers.add(executor.submit(() -> {
                        for (int write = 0; write < perThread; write++) {
                            member.store().execute(new Increment("everywhere"));
                        }
                    }));
                }
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        int increments = 3 * 2 * perThread;

        cluster.awaitConvergence();
        List<List<String>> expected = cluster.contents(cluster.member("m1"));
        for (Member member : cluster.running()) {
            assertThat(cluster.contents(member)).isEqualTo(expected);
            assertThat(config(member, "everywhere")).contains(String.valueOf(increments));
            assertThat(notified.get(member.name())).hasValue(increments);
        }
    }

    @Test
    void testResultsAndFailuresReturnToTheSubmitter()
    {
        // Earlier tests' entries reach the leader's listeners no more
        cluster.awaitConvergence();
        Member leader = cluster.leader();
        Member follower = cluster.followers().getFirst();
        List<StateCommand<?>> appliedOnLeader = new CopyOnWriteArrayList<>();
        leader.store().addListener(appliedOnLeader::add);

        long first = follower.store().execute(new CreateProject("alpha", ""));
        long second = leader.store().execute(new CreateProject("beta", ""));
        assertThat(second).isEqualTo(first + 1);
        assertThat(follower.store().execute(new StoreResult("results.stored", new Increment("results")))).isEqualTo(1);
        assertThat(follower.store().execute(new Increment("results"))).isEqualTo(2);

        // The command's own exception, thrown where it was submitted; its write is rolled back everywhere
        assertThatThrownBy(() -> follower.store().execute(new FailAfterWriting("results.failed", "no such thing")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such thing");
        follower.store().execute(new PutConfig("results.unique", "1"));
        assertThatThrownBy(() -> follower.store().execute(new PutConfig("results.unique", "2")))
                .isInstanceOfSatisfying(DatabaseException.class, exception -> assertThat(exception.isUniqueViolation()).isTrue());
        assertThatThrownBy(() -> leader.store().execute(new PutConfig("results.unique", "3")))
                .isInstanceOfSatisfying(DatabaseException.class, exception -> assertThat(exception.isUniqueViolation()).isTrue());
        assertThat(leader.store().execute(new Increment("results"))).isEqualTo(3);

        cluster.awaitConvergence();
        List<List<String>> expected = cluster.contents(leader);
        for (Member member : cluster.running()) {
            assertThat(cluster.contents(member)).isEqualTo(expected);
            assertThat(config(member, "results.failed")).isEmpty();
            assertThat(config(member, "results.unique")).contains("1");
            assertThat(config(member, "results.stored")).contains("1");
        }
        // Listeners hear about applied commands only, not about failed ones
        assertThat(appliedOnLeader).hasSize(6);
        assertThat(appliedOnLeader).noneMatch(command -> command instanceof FailAfterWriting);
    }

    @Test
    void testLinearizableReadsOnFollowersSeeAcknowledgedWrites()
    {
        for (int round = 0; round < 5; round++) {
            String value = "v" + round;
            long start = System.nanoTime();
            cluster.leader().store().execute(new PutConfig("linearizable." + round, value));
            LOG.info("One write on the leader of three members: {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            for (Member follower : cluster.followers()) {
                assertThat(configLinearizable(follower, "linearizable." + round)).contains(value);
            }
        }
    }

    @Test
    void testAnEntryRepeatingARequestIsAppliedOnce()
            throws Exception
    {
        // What a client retry can produce when a leader dies between appending and committing: two entries
        // carrying one request. Both are committed; only the first is applied, on every member alike
        Member leader = cluster.leader();
        try (RaftClient client = MiniCluster.rawClient(leader, cluster.certificate(), cluster.certificate().certificate())) {
            for (int attempt = 0; attempt < 2; attempt++) {
                RaftClientReply reply = client.io().send(MiniCluster.entry("retried:1", new Increment("retried")));
                assertThat(reply.isSuccess()).isTrue();
            }
        }
        assertThat(leader.store().execute(new Increment("retried"))).isEqualTo(2);
        cluster.awaitConvergence();
        for (Member member : cluster.running()) {
            assertThat(config(member, "retried")).contains("2");
        }
    }

    @Test
    void testStateListenersCannotWaitForTheCluster()
    {
        Member member = cluster.followers().getFirst();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        member.store().addListener(command -> {
            if (command instanceof PutConfig put && put.key().equals("listener.trigger")) {
                try {
                    member.store().execute(new PutConfig("listener.nested", "x"));
                }
                catch (RuntimeException exception) {
                    failures.add(exception);
                }
            }
        });
        member.store().execute(new PutConfig("listener.trigger", "x"));
        assertThat(failures).singleElement().satisfies(failure -> assertThat(failure)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A state listener cannot write to or wait for the cluster database"));
        assertThat(config(member, "listener.nested")).isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void testMemberThatCannotApplyAnEntryStops()
    {
        // Last: it leaves one member stopped
        Member healthy = cluster.leader();
        Member broken = cluster.followers().getFirst();
        Member other = cluster.followers().getLast();
        // A disk error on one member only: applying it as a failure there would let the members diverge
        healthy.store().execute(new FailOnMember(broken.name(), "fatal.written"));

        MiniCluster.await("the broken member to stop", () -> broken.store().failure().isPresent());
        assertThatThrownBy(() -> broken.store().execute(new Increment("fatal")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped after failing to apply a log entry");
        assertThat(config(broken, "fatal.written")).isEmpty();
        assertThat(broken.store().isLeader()).isFalse();

        // The two others still make a quorum
        assertThat(other.store().execute(new Increment("fatal"))).isEqualTo(1);
        cluster.awaitConvergence(List.of(healthy, other));
        assertThat(config(other, "fatal.written")).contains("x");
        assertThat(cluster.contents(other)).isEqualTo(cluster.contents(healthy));
    }

    /** Fails as a disk error would, on one member only. */
    record FailOnMember(String member, String key)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            try {
                if (transaction.getMetaData().getURL().contains("/" + member + "/")) {
                    throw new DatabaseException("INSERT", new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR));
                }
            }
            catch (SQLException exception) {
                throw new DatabaseException("metadata", exception);
            }
            Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, 'x')", key);
            return null;
        }
    }
}
