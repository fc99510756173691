package dev.jxd.daemon.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.daemon.cluster.membership.ClusterView;
import dev.jxd.daemon.cluster.membership.MemberEndpoint;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.LocalStateStore;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.db.StateUnavailableException;
import dev.jxd.daemon.db.raft.StateCommandCodec;
import dev.jxd.daemon.http.RouteProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Wires clustering into a daemon. It is built before the other features because it owns the store they
 * all hold: a member's store is replicated from the start, and a standalone server's store becomes
 * replicated when clustering is enabled.
 */
public final class ClusterFeature
        implements AutoCloseable
{
    private final Path stateDirectory;
    private final SwappableStateStore store;
    private final ClusterContext context;
    private final ClusterReplication replication;
    private final CompletableFuture<Void> removed = new CompletableFuture<>();
    private volatile Optional<ClusterEventMesh> eventMesh = Optional.empty();
    private volatile Optional<ClusterService> service = Optional.empty();

    public ClusterFeature(Path stateDirectory, Database database, CertificateAndKey networkCertificate, Supplier<StateCommandCodec> codec)
    {
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
        this.store = new SwappableStateStore(new LocalStateStore(database));
        this.context = new ClusterContext(store, LocalMember.load(stateDirectory));
        this.replication = new ClusterReplication(stateDirectory, database, store, context, codec, networkCertificate);
    }

    public StateStore store()
    {
        return store;
    }

    public ClusterContext context()
    {
        return context;
    }

    /** Whether this state directory belongs to a cluster member. */
    public boolean member()
    {
        return LocalMember.load(stateDirectory).isPresent();
    }

    /** The certificate this server presents: the cluster's on a member, its own otherwise. */
    public CertificateAndKey servedCertificate()
    {
        return replication.clusterCertificate();
    }

    /** The members as the request router sees them: addresses, liveness, and the Raft leader by name. */
    public ClusterView view()
    {
        Map<String, ClusterReplication.PeerState> peers = replication.peerStates();
        Optional<String> leaderRaftId = replication.leaderRaftId();
        List<MemberEndpoint> endpoints = new ArrayList<>();
        Optional<String> leader = Optional.empty();
        for (ClusterStore.MemberRow row : context.members()) {
            ClusterReplication.PeerState peer = peers.get(row.raftId());
            endpoints.add(new MemberEndpoint(row.name(), row.address(), peer == null || peer.online()));
            if (leaderRaftId.isPresent() && leaderRaftId.get().equals(row.raftId())) {
                leader = Optional.of(row.name());
            }
        }
        return new ClusterView(endpoints, leader);
    }

    /** Completes when the leader tells this member that it was removed from the cluster. */
    public CompletableFuture<Void> removedFromCluster()
    {
        return removed;
    }

    /**
     * Deletes what made this state directory a member's: the cluster's key and state, and the server
     * certificate too, because the first member's is the cluster's own. The directory then starts as a
     * new standalone server. Call it with the daemon stopped.
     */
    public static void forgetCluster(Path stateDirectory)
    {
        ClusterJoiner.removeMemberFiles(stateDirectory, true);
    }

    public Optional<String> clusterFingerprint()
    {
        return context.clustered() ? Optional.of(replication.clusterCertificate().fingerprint()) : Optional.empty();
    }

    /** Starts replication for a member that restarted. */
    public void restartMember()
    {
        replication.restart(LocalMember.load(stateDirectory).orElseThrow());
    }

    /** Starts replication for a member the cluster has just accepted. */
    public void startJoinedMember(ClusterJoiner.Accepted accepted)
    {
        replication.join(accepted.member(), accepted.response().peers());
    }

    /** Completes a join once this member's API is up: the cluster adds it to Raft and it catches up. */
    public void activateJoinedMember(ClusterJoiner.Accepted accepted, Duration catchUpTimeout)
    {
        ClusterJoiner.activate(accepted, replication.clusterCertificate());
        // A linearizable read returns once this member has applied everything the leader committed, the
        // member row the cluster wrote on accepting it included; a large snapshot may take several reads
        String raftId = accepted.member().raftId();
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (true) {
            try {
                if (store.readLinearizable(ClusterStore::members).stream().anyMatch(row -> row.raftId().equals(raftId))) {
                    return;
                }
            }
            catch (StateUnavailableException exception) {
                // Still installing the leader's snapshot; try again until the deadline
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ClusterJoiner.JoinFailedException("Joined the cluster but did not receive its state within " + catchUpTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                throw new ClusterJoiner.JoinFailedException("Interrupted while catching up with the cluster");
            }
        }
    }

    public List<RouteProvider> routes(DaemonServices services)
    {
        ClusterService created = new ClusterService(services, replication, context, () -> removed.complete(null));
        service = Optional.of(created);
        services.tasks().every("cluster-rebalance", Duration.ofSeconds(2), Duration.ofSeconds(5), created::rebalance);
        services.tasks().every("cluster-join-token-prune", Duration.ofMinutes(1), Duration.ofMinutes(10), created::pruneExpiredJoinTokens);
        services.tasks().every("cluster-membership-check", Duration.ofSeconds(5), Duration.ofSeconds(5), created::leaveIfRemovedWhileAway);
        ClusterEventMesh mesh = new ClusterEventMesh(this);
        eventMesh = Optional.of(mesh);
        services.events().addRelay(mesh);
        return List.of(new ClusterHandler(created, services.events()));
    }

    @Override
    public void close()
    {
        eventMesh.ifPresent(ClusterEventMesh::close);
        service.ifPresent(ClusterService::close);
        replication.close();
    }
}
