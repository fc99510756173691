package dev.jxd.daemon.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.cluster.membership.DatabaseRole;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.raft.PeerRole;
import dev.jxd.daemon.db.raft.RaftPeerAddress;
import dev.jxd.daemon.db.raft.RaftPeerStatus;
import dev.jxd.daemon.db.raft.RaftSettings;
import dev.jxd.daemon.db.raft.ReplicatedStateStore;
import dev.jxd.daemon.db.raft.StateCommandCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Owns this member's replication engine: starts it for a member (after a restart or a join), bootstraps
 * it when clustering is enabled, and performs Raft membership changes. Features never see it; they hold
 * the {@link SwappableStateStore}, which it points at the replicated store.
 */
public final class ClusterReplication
        implements AutoCloseable
{
    private final Path stateDirectory;
    private final Database database;
    private final SwappableStateStore store;
    private final ClusterContext context;
    private final Supplier<StateCommandCodec> codec;
    private final CertificateAndKey networkCertificate;
    private volatile Optional<ReplicatedStateStore> replicated = Optional.empty();
    private volatile Optional<CertificateAndKey> clusterCertificate;

    /** What the leader knows about a peer. */
    public record PeerState(boolean voter, boolean online, Duration sinceLastContact) {}

    /** @param codec built on first use: a standalone server never needs it, and building it costs start-up time */
    ClusterReplication(Path stateDirectory, Database database, SwappableStateStore store, ClusterContext context, Supplier<StateCommandCodec> codec, CertificateAndKey networkCertificate)
    {
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
        this.database = requireNonNull(database, "database is null");
        this.store = requireNonNull(store, "store is null");
        this.context = requireNonNull(context, "context is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.networkCertificate = requireNonNull(networkCertificate, "networkCertificate is null");
        this.clusterCertificate = loadClusterCertificate(stateDirectory);
    }

    static Optional<CertificateAndKey> loadClusterCertificate(Path stateDirectory)
    {
        if (Files.exists(stateDirectory.resolve("cluster.crt")) && Files.exists(stateDirectory.resolve("cluster.key"))) {
            return Optional.of(Certificates.loadOrCreate(stateDirectory, "cluster", false));
        }
        return Optional.empty();
    }

    public CertificateAndKey clusterCertificate()
    {
        return clusterCertificate.orElse(networkCertificate);
    }

    /** Starts replication for a member that restarted; its Raft storage holds the log and snapshots. */
    void restart(LocalMember member)
    {
        CertificateAndKey certificate = clusterCertificate.orElseThrow(() -> new IllegalStateException("cluster.crt is missing from " + stateDirectory));
        ReplicatedStateStore started = ReplicatedStateStore.restart(settings(member, certificate), database, codec.get());
        replicated = Optional.of(started);
        store.swap(() -> started);
        context.becomeMember(member);
    }

    /** Starts replication for a member that was just accepted; its database fills from the leader. */
    void join(LocalMember member, List<JoinResponse.Peer> peers)
    {
        CertificateAndKey certificate = clusterCertificate.orElseThrow(() -> new IllegalStateException("cluster.crt is missing from " + stateDirectory));
        List<RaftPeerAddress> current = peers.stream().map(peer -> new RaftPeerAddress(peer.raftId(), peer.raftAddress())).toList();
        ReplicatedStateStore started = ReplicatedStateStore.join(settings(member, certificate), database, codec.get(), current);
        replicated = Optional.of(started);
        store.swap(() -> started);
        context.becomeMember(member);
    }

    /**
     * Turns this server into the first member: the network certificate becomes the cluster certificate,
     * the local state becomes the cluster's initial state, and the member row is the first replicated
     * command. Each step registers its undo first, so a failure leaves a standalone server behind.
     */
    void enable(ClusterStore.MemberRow first)
    {
        LocalMember member = new LocalMember(first.raftId(), first.raftAddress());
        dev.jxd.daemon.db.StateStore previous = store.current();
        try {
            Certificates.write(stateDirectory, "cluster", networkCertificate);
            clusterCertificate = Optional.of(networkCertificate);
            ReplicatedStateStore started = ReplicatedStateStore.bootstrap(settings(member, networkCertificate), database, codec.get());
            replicated = Optional.of(started);
            store.swap(() -> started);
            started.execute(new ClusterStore.EnableClustering(first));
            member.save(stateDirectory);
            context.becomeMember(member);
        }
        catch (RuntimeException exception) {
            replicated.ifPresent(ReplicatedStateStore::close);
            replicated = Optional.empty();
            store.swap(() -> previous);
            clusterCertificate = Optional.empty();
            deleteQuietly(stateDirectory.resolve("cluster.crt"));
            deleteQuietly(stateDirectory.resolve("cluster.key"));
            deleteRecursively(raftDirectory(stateDirectory));
            throw exception;
        }
    }

    void addPeer(ClusterStore.MemberRow member, DatabaseRole role)
    {
        engine().addPeer(new RaftPeerAddress(member.raftId(), member.raftAddress()), toPeerRole(role));
    }

    void setRole(ClusterStore.MemberRow member, DatabaseRole role)
    {
        engine().setRole(member.raftId(), toPeerRole(role));
    }

    void removePeer(ClusterStore.MemberRow member)
    {
        engine().removePeer(member.raftId());
    }

    boolean isLeader()
    {
        return replicated.map(ReplicatedStateStore::isLeader).orElse(false);
    }

    Optional<String> leaderRaftId()
    {
        return replicated.flatMap(ReplicatedStateStore::leader);
    }

    /** Peer states keyed by Raft id. Liveness is known on the leader only; elsewhere peers count as online. */
    Map<String, PeerState> peerStates()
    {
        Map<String, PeerState> states = new HashMap<>();
        if (replicated.isEmpty()) {
            return states;
        }
        String self = context.localMember().map(LocalMember::raftId).orElse("");
        for (RaftPeerStatus peer : replicated.get().peers()) {
            boolean voter = peer.role() == PeerRole.VOTER;
            Duration since = peer.sinceLastContact().orElse(Duration.ZERO);
            boolean online = peer.memberName().equals(self) || since.compareTo(ClusterService.OFFLINE_THRESHOLD) < 0;
            states.put(peer.memberName(), new PeerState(voter, online, since));
        }
        return states;
    }

    private ReplicatedStateStore engine()
    {
        return replicated.orElseThrow(() -> new IllegalStateException("This server is not clustered"));
    }

    private RaftSettings settings(LocalMember member, CertificateAndKey certificate)
    {
        return RaftSettings.defaults(member.raftId(), member.raftAddress(), raftDirectory(stateDirectory), certificate);
    }

    static Path raftDirectory(Path stateDirectory)
    {
        return stateDirectory.resolve("database").resolve("raft");
    }

    private static PeerRole toPeerRole(DatabaseRole role)
    {
        return role == DatabaseRole.VOTER ? PeerRole.VOTER : PeerRole.LISTENER;
    }

    private static void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // Best effort while undoing; the original failure is what the caller reports
        }
    }

    static void deleteRecursively(Path directory)
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot delete " + directory, exception);
        }
    }

    @Override
    public void close()
    {
        replicated.ifPresent(ReplicatedStateStore::close);
    }
}
