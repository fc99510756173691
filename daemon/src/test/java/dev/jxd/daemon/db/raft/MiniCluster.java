package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.CertificateTemplate;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.testing.LoopbackPorts;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Real cluster database members in this JVM: each has its own directory, SQLite file and Raft port on
 * 127.0.0.1, and all traffic between them is mutual TLS with one cluster certificate. Members can be
 * stopped abruptly and restarted from their storage.
 */
final class MiniCluster
        implements AutoCloseable
{
    static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);
    // Half the default election timeouts, for tests that do not measure fail-over: members in one JVM stall
    // together, so shorter timeouts cause no spurious elections here, and elections and joins go faster
    static final UnaryOperator<RaftSettings> QUICK = settings -> settings.withElectionTimeout(Duration.ofMillis(500), Duration.ofMillis(1000));
    // Every table a command writes, plus the replicated bookkeeping of request ids
    private static final List<String> REPLICATED_TABLES = List.of(
            "SELECT key, value FROM config ORDER BY key",
            "SELECT id, name, description FROM projects ORDER BY id",
            "SELECT name, seq FROM sqlite_sequence ORDER BY name",
            "SELECT request_id, log_index FROM raft_requests ORDER BY request_id");

    private final Path directory;
    private final CertificateAndKey certificate;
    private final StateCommandCodec codec;
    private final UnaryOperator<RaftSettings> tuning;
    private final Map<String, Member> members = new LinkedHashMap<>();

    MiniCluster(Path directory, UnaryOperator<RaftSettings> tuning)
    {
        this(directory, clusterCertificate(), tuning);
    }

    MiniCluster(Path directory, CertificateAndKey certificate, UnaryOperator<RaftSettings> tuning)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.certificate = requireNonNull(certificate, "certificate is null");
        this.tuning = requireNonNull(tuning, "tuning is null");
        this.codec = TestCommands.codec();
    }

    /** A cluster of {@code voters} voting members, the first bootstrapped, the others joined through it. */
    static MiniCluster start(Path directory, int voters, UnaryOperator<RaftSettings> tuning)
    {
        MiniCluster cluster = new MiniCluster(directory, tuning);
        try {
            cluster.bootstrap("m1", database -> {});
            for (int index = 2; index <= voters; index++) {
                cluster.join("m" + index, PeerRole.VOTER);
            }
            return cluster;
        }
        catch (RuntimeException | Error exception) {
            cluster.close();
            throw exception;
        }
    }

    /**
     * A server certificate as the daemon makes one, except that it names no address: members dial each other
     * by address, and nothing may depend on the address being named in the certificate.
     */
    static CertificateAndKey clusterCertificate()
    {
        return Certificates.generate(CertificateTemplate.of("jxd-cluster", false, Instant.now().minus(Duration.ofMinutes(1)), Certificates.DEFAULT_VALIDITY)
                .withSubjectAlternativeNames(List.of("cluster.invalid"), List.of()));
    }

    CertificateAndKey certificate()
    {
        return certificate;
    }

    Member bootstrap(String name, Consumer<Database> initialState)
    {
        Member member = reserve(name);
        Database database = member.openDatabase();
        initialState.accept(database);
        member.start(ReplicatedStateStore.bootstrap(member.settings(), database, codec), database);
        return member;
    }

    /** Starts a member with empty storage and has the leader add it with {@code role}. */
    Member join(String name, PeerRole role)
    {
        return join(name, role, database -> {}, store -> {});
    }

    /**
     * Starts a member with empty storage and has the leader add it with {@code role}; {@code beforeStart} sees
     * its freshly migrated database and {@code beforeAdded} its store before the leader knows about it.
     */
    Member join(String name, PeerRole role, Consumer<Database> beforeStart, Consumer<ReplicatedStateStore> beforeAdded)
    {
        Member member = reserve(name);
        List<RaftPeerAddress> current = running().stream().map(Member::address).toList();
        Database database = member.openDatabase();
        beforeStart.accept(database);
        member.start(ReplicatedStateStore.join(member.settings(), database, codec, current), database);
        beforeAdded.accept(member.store());
        leader().store().addPeer(member.address(), role);
        return member;
    }

    /** The member called {@code name}, with its port and directory, whether or not it ever ran. */
    Member reserve(String name)
    {
        Member member = members.computeIfAbsent(name, key -> new Member(key, LoopbackPorts.reservePair()));
        if (member.isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        return member;
    }

    /** Starts a member with empty storage that takes {@code peers} for the cluster; nobody adds it. */
    Member startJoining(String name, List<RaftPeerAddress> peers)
    {
        Member member = reserve(name);
        Database database = member.openDatabase();
        member.start(ReplicatedStateStore.join(member.settings(), database, codec, peers), database);
        return member;
    }

    Member member(String name)
    {
        return requireNonNull(members.get(name), () -> "No member " + name);
    }

    List<Member> running()
    {
        return members.values().stream().filter(Member::isRunning).toList();
    }

    /** The running member that is leader, once there is one. */
    Member leader()
    {
        await("a leader", () -> running().stream().anyMatch(member -> member.store().isLeader()));
        return running().stream().filter(member -> member.store().isLeader()).findFirst().orElseThrow();
    }

    List<Member> followers()
    {
        Member leader = leader();
        return running().stream().filter(member -> member != leader).toList();
    }

    /** Waits until every running member has applied as far as the one that applied most. */
    void awaitConvergence()
    {
        awaitConvergence(running());
    }

    void awaitConvergence(List<Member> members)
    {
        await("members to apply the same entries", () -> {
            long highest = members.stream().mapToLong(member -> member.store().appliedIndex()).max().orElse(-1);
            return members.stream().allMatch(member -> member.store().appliedIndex() == highest);
        });
    }

    /** The rows of every replicated table on {@code member}. */
    List<List<String>> contents(Member member)
    {
        return member.store().read(connection -> {
            List<List<String>> tables = new ArrayList<>();
            for (String query : REPLICATED_TABLES) {
                tables.add(Sql.query(connection, query, row -> {
                    StringBuilder line = new StringBuilder();
                    for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                        line.append(row.getString(column)).append('|');
                    }
                    return line.toString();
                }));
            }
            return tables;
        });
    }

    /** A Ratis client outside any store, which presents {@code presented} and trusts {@code trusted}. */
    static RaftClient rawClient(Member member, CertificateAndKey presented, X509Certificate trusted)
    {
        RaftGroup group = RaftGroup.valueOf(member.store().groupId(), RatisConfiguration.peer(member.address(), PeerRole.VOTER));
        return RaftClient.newBuilder()
                .setRaftGroup(group)
                .setProperties(RatisConfiguration.clientProperties(Duration.ofSeconds(1)))
                .setParameters(RatisConfiguration.tlsParameters(presented, trusted))
                .setRetryPolicy(RatisConfiguration.retryPolicy(Duration.ofSeconds(1)))
                .build();
    }

    /** A log entry as a member's store submits it. */
    static Message entry(String requestId, StateCommand<?> command)
    {
        return Message.valueOf(ByteString.copyFrom(TestCommands.codec().encodeEntry(requestId, command)));
    }

    static void await(String what, BooleanSupplier condition)
    {
        long deadline = System.nanoTime() + AWAIT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new AssertionError(exception);
            }
        }
    }

    @Override
    public void close()
    {
        stop(running());
    }

    /** Stops members in parallel: each takes up to a second of Ratis shutting down its threads. */
    static void stop(List<Member> members)
    {
        List<Thread> stopping = new ArrayList<>();
        for (Member member : members) {
            stopping.add(Thread.ofPlatform().start(member::stop));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            }
            catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    final class Member
    {
        private final String name;
        private final int port;
        private Optional<ReplicatedStateStore> store = Optional.empty();
        private Optional<Database> database = Optional.empty();

        private Member(String name, int port)
        {
            this.name = name;
            this.port = port;
        }

        String name()
        {
            return name;
        }

        RaftPeerAddress address()
        {
            return new RaftPeerAddress(name, "127.0.0.1:" + port);
        }

        RaftSettings settings()
        {
            return tuning.apply(RaftSettings.defaults(name, address().address(), directory().resolve("raft"), certificate));
        }

        Path directory()
        {
            return directory.resolve(name);
        }

        ReplicatedStateStore store()
        {
            return store.orElseThrow(() -> new IllegalStateException(name + " is stopped"));
        }

        boolean isRunning()
        {
            return store.isPresent();
        }

        private Database openDatabase()
        {
            try {
                Files.createDirectories(directory());
            }
            catch (IOException exception) {
                throw new UncheckedIOException(exception);
            }
            return Database.open(directory().resolve("local.db"));
        }

        private void start(ReplicatedStateStore started, Database opened)
        {
            store = Optional.of(started);
            database = Optional.of(opened);
        }

        /** Stops the member without a snapshot: its restart replays the log, as after a crash. */
        void stop()
        {
            store.ifPresent(ReplicatedStateStore::close);
            database.ifPresent(Database::close);
            store = Optional.empty();
            database = Optional.empty();
        }

        void restart()
        {
            if (isRunning()) {
                throw new IllegalStateException(name + " is running");
            }
            Database opened = openDatabase();
            try {
                start(ReplicatedStateStore.restart(settings(), opened, codec), opened);
            }
            catch (RuntimeException exception) {
                opened.close();
                throw exception;
            }
        }

        @Override
        public String toString()
        {
            return name;
        }
    }
}
