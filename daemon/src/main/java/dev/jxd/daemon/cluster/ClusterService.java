package dev.jxd.daemon.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cluster.Cluster;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberPut;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.api.validate.ExpiryExpression;
import dev.jxd.api.validate.NetworkAddresses;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.client.ApiException;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClientException;
import dev.jxd.daemon.cluster.membership.DatabaseRole;
import dev.jxd.daemon.cluster.membership.MemberView;
import dev.jxd.daemon.cluster.membership.MembershipPlanner;
import dev.jxd.daemon.cluster.membership.RemovalDecision;
import dev.jxd.daemon.cluster.membership.RoleChange;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.db.Schema;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.operation.OperationManager;
import dev.jxd.daemon.server.ListenAddress;
import dev.jxd.daemon.server.ServerConfigKeys;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Cluster formation and membership: enabling clustering, join tokens, accepting joiners, and the
 * member list with live status. Every change is a replicated command; Raft membership changes go
 * through the replication engine, with the member rows following them.
 */
public final class ClusterService
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterService.class);
    /** A member the leader has not heard from for this long is reported offline. */
    static final Duration OFFLINE_THRESHOLD = Duration.ofSeconds(5);

    static final String LEAVE_PATH = "/internal/cluster/leave";
    static final String MEMBERSHIP_PATH = "/internal/cluster/membership/";
    // A member that does not answer at once is down or cut off; neither a removal nor a membership check waits for it
    private static final ClientOptions MEMBER_CALL_OPTIONS = new ClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(5), "jxd-membership", Optional.of(Duration.ofSeconds(5)));

    private final DaemonServices services;
    private final ClusterReplication replication;
    private final ClusterContext context;
    private final Runnable removedFromCluster;
    private final MembershipPlanner planner = new MembershipPlanner();
    // The membership check asks every 5 s while no leader is known: one pooled client per member, not one per call
    private final MemberClients members;

    /** @param removedFromCluster run when the leader tells this member it was removed */
    public ClusterService(DaemonServices services, ClusterReplication replication, ClusterContext context, Runnable removedFromCluster)
    {
        this.services = requireNonNull(services, "services is null");
        this.replication = requireNonNull(replication, "replication is null");
        this.context = requireNonNull(context, "context is null");
        this.removedFromCluster = requireNonNull(removedFromCluster, "removedFromCluster is null");
        this.members = new MemberClients(replication::clusterCertificate, MEMBER_CALL_OPTIONS);
    }

    public Cluster info()
    {
        return new Cluster(context.memberName().orElse(""), context.clustered(), List.of());
    }

    /** {@code PUT /1.0/cluster}: enabling turns this server into the first member of a new cluster. */
    public Operation update(ClusterPut body, Requestor requestor)
    {
        if (body.clusterToken() != null && !body.clusterToken().isEmpty()) {
            throw HttpStatusException.badRequest("Joining a cluster through the API is not supported; start the new member with: jxd --join <token> --address <host:port>");
        }
        if (!body.enabled()) {
            if (context.clustered()) {
                throw HttpStatusException.badRequest("Clustering cannot be disabled; remove the member from the cluster instead");
            }
            return services.operations().startTask("Updating cluster", Map.of(), requestor, _ -> {});
        }
        if (context.clustered()) {
            throw HttpStatusException.badRequest("This server is already clustered");
        }
        String name = body.serverName() == null ? "" : body.serverName();
        ClusterNames.validateMemberName(name);
        String httpsAddress = services.config().value(ServerConfigKeys.HTTPS_ADDRESS);
        ListenAddress listen = httpsAddress.isEmpty() ? null : ListenAddress.parse(httpsAddress, ServerConfigService.DEFAULT_PORT);
        if (listen == null || listen.wildcard() || listen.port() == 0) {
            throw HttpStatusException.badRequest("Clustering needs core.https_address set to a specific address and port that other members can reach (it is \""
                    + httpsAddress + "\")");
        }
        String raftAddress = body.clusterAddress() == null || body.clusterAddress().isEmpty()
                ? ListenAddress.join(listen.host(), listen.port() + 1)
                : body.clusterAddress();
        ClusterStore.MemberRow first = new ClusterStore.MemberRow(name, UUID.randomUUID().toString(), ListenAddress.join(listen.host(), listen.port()),
                raftAddress, DatabaseRole.VOTER.name(), "", "default", Map.of(), ServerHandler.architecture(), services.clock().instant().toString());
        return services.operations().startTask("Enabling clustering", Map.of(), requestor, _ -> {
            replication.enable(first);
            services.config().invalidate();
            services.events().lifecycle("cluster-enabled", "/1.0/cluster", Map.of(), requestor, null);
        });
    }

    /** {@code POST /1.0/cluster/members}: a one-time, expiring join token for a new member. */
    public Operation createJoinToken(String name, Requestor requestor)
    {
        requireClustered();
        ClusterNames.validateMemberName(name);
        String secret = TrustTokens.newSecret();
        Instant now = services.clock().instant();
        Instant expiresAt = ExpiryExpression.apply(now, services.config().value(ServerConfigKeys.CLUSTER_JOIN_TOKEN_EXPIRY))
                .orElseThrow(() -> HttpStatusException.badRequest("cluster.join_token_expiry must be a positive expiry"));
        services.store().execute(new ClusterStore.CreateJoinToken(name, TrustTokens.hashSecret(secret), expiresAt, now));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("serverName", name);
        metadata.put("secret", secret);
        metadata.put("fingerprint", replication.clusterCertificate().fingerprint());
        metadata.put("addresses", context.memberAddresses());
        metadata.put("expiresAt", expiresAt.toString());
        services.events().lifecycle("cluster-token-created", "/1.0/cluster/members", Map.of(), requestor, null);
        // The operation ends when the token is used (acceptJoin), revoked, or expires
        return services.operations().createToken("Join token for member " + name, metadata, Map.of("cluster", List.of("/1.0/cluster")), requestor,
                OperationManager.TokenLifecycle.reported(Optional.of(expiresAt), _ -> services.store().execute(new ClusterStore.DeleteJoinToken(name))));
    }

    /**
     * Accepts a joiner presenting a valid token: consumes the token and records the member in one
     * command, then hands over the cluster certificate and the Raft peers. The joiner becomes a Raft peer
     * only when it calls back ({@link #activateMember}) with its Raft server running.
     */
    public JoinResponse acceptJoin(JoinRequest request)
    {
        requireClustered();
        if (request.schemaVersion() != Schema.latestVersion()) {
            throw HttpStatusException.badRequest("The joining member's schema version " + request.schemaVersion()
                    + " differs from the cluster's " + Schema.latestVersion() + "; run the same jxd version on every member");
        }
        ClusterNames.validateMemberName(request.serverName());
        validateAddress("address", request.address());
        validateAddress("raft_address", request.raftAddress());
        List<MemberView> views = memberViews();
        DatabaseRole role = planner.roleForJoiningMember(views);
        ClusterStore.MemberRow member = new ClusterStore.MemberRow(request.serverName(), request.raftId(), request.address(), request.raftAddress(),
                role.name(), "", "default", Map.of(), request.architecture(), services.clock().instant().toString());
        services.store().execute(new ClusterStore.AcceptJoin(TrustTokens.hashSecret(request.secret()), services.clock().instant(), member));
        services.operations().completeToken("serverName", request.serverName());
        List<JoinResponse.Peer> peers = new ArrayList<>();
        for (ClusterStore.MemberRow row : context.members()) {
            if (!row.raftId().equals(request.raftId())) {
                peers.add(new JoinResponse.Peer(row.raftId(), row.raftAddress()));
            }
        }
        CertificateAndKey cluster = replication.clusterCertificate();
        return new JoinResponse(cluster.certificatePem(), cluster.privateKeyPem(), peers);
    }

    private static void validateAddress(String field, String address)
    {
        try {
            NetworkAddresses.validateHostPort(address);
            ListenAddress listen = ListenAddress.parse(address, ServerConfigService.DEFAULT_PORT);
            if (listen.wildcard() || listen.port() == 0) {
                throw new IllegalArgumentException("not a specific host and port");
            }
        }
        catch (IllegalArgumentException | ValidationException exception) {
            throw HttpStatusException.badRequest("Invalid " + field + " \"" + address + "\": " + exception.getMessage());
        }
    }

    /** Called by a joiner whose Raft server runs: adds it to the Raft configuration in its planned role. */
    public void activateMember(String raftId, Requestor requestor)
    {
        ClusterStore.MemberRow member = context.members().stream()
                .filter(row -> row.raftId().equals(raftId))
                .findFirst()
                .orElseThrow(() -> HttpStatusException.notFound("Cluster member not found"));
        try {
            replication.addPeer(member, DatabaseRole.valueOf(member.databaseRole()));
        }
        catch (RuntimeException exception) {
            // A joiner that cannot be added must not linger as a member that never answers
            services.store().execute(new ClusterStore.RemoveMember(member.name()));
            throw exception;
        }
        services.events().lifecycle("cluster-member-added", "/1.0/cluster/members/" + member.name(), Map.of(), requestor, null);
        rebalanceQuietly();
    }

    public List<ClusterMember> members()
    {
        requireClusteredForRead();
        // Linearizable: a member that just joined through another member is listed here too. Read before the
        // peer states, which the wait for the leader can make stale (a dead leader still named as leader).
        List<ClusterStore.MemberRow> rows = services.store().readLinearizable(ClusterStore::members);
        Map<String, ClusterReplication.PeerState> peers = replication.peerStates();
        Optional<String> leader = replication.leaderRaftId();
        List<ClusterMember> members = new ArrayList<>();
        for (ClusterStore.MemberRow row : rows) {
            members.add(toApi(row, peers.get(row.raftId()), leader));
        }
        return members;
    }

    public ClusterMember member(String name)
    {
        requireClusteredForRead();
        ClusterStore.MemberRow row = context.member(name).orElseThrow(() -> HttpStatusException.notFound("Cluster member not found"));
        return toApi(row, replication.peerStates().get(row.raftId()), replication.leaderRaftId());
    }

    public void updateMember(String name, ClusterMemberPut put, Requestor requestor)
    {
        ClusterMember current = member(name);
        if (!put.roles().isEmpty() && !new java.util.TreeSet<>(put.roles()).equals(new java.util.TreeSet<>(current.roles()))) {
            throw HttpStatusException.badRequest("Database roles are managed automatically and cannot be edited");
        }
        services.store().execute(new ClusterStore.UpdateMember(name, put.description(), put.failureDomain().isEmpty() ? "default" : put.failureDomain(), put.config()));
        services.events().lifecycle("cluster-member-updated", "/1.0/cluster/members/" + name, Map.of(), requestor, null);
    }

    public void renameMember(String name, String newName, Requestor requestor)
    {
        requireClustered();
        ClusterNames.validateMemberName(newName);
        services.store().execute(new ClusterStore.RenameMember(name, newName));
        services.events().lifecycle("cluster-member-renamed", "/1.0/cluster/members/" + newName, Map.of("old_name", name), requestor, null);
    }

    public void removeMember(String name, boolean force, Requestor requestor)
    {
        requireClustered();
        ClusterStore.MemberRow row = context.member(name).orElseThrow(() -> HttpStatusException.notFound("Cluster member not found"));
        Map<String, ClusterStore.MemberRow> byRaftId = new LinkedHashMap<>();
        context.members().forEach(member -> byRaftId.put(member.raftId(), member));
        switch (planner.checkRemoval(memberViews(), row.raftId(), force)) {
            case RemovalDecision.Refused refused -> throw new HttpStatusException(refused.status(), refused.message().replace(row.raftId(), name));
            case RemovalDecision.Allowed allowed -> {
                // Promote a replacement first, so the cluster tolerates as many failures while the member leaves
                for (RoleChange change : allowed.changesFirst()) {
                    ClusterStore.MemberRow changed = byRaftId.get(change.member());
                    replication.setRole(changed, change.to());
                    services.store().execute(new ClusterStore.SetDatabaseRole(changed.raftId(), change.to().name()));
                }
            }
        }
        // Raft first: a member still in the configuration but without a row would be invisible to operators
        replication.removePeer(row);
        services.store().execute(new ClusterStore.RemoveMember(name));
        services.events().lifecycle("cluster-member-removed", "/1.0/cluster/members/" + name, Map.of(), requestor, null);
        tellRemovedMember(row);
        rebalanceQuietly();
    }

    /**
     * Tells a removed member that it is out, as LXD does, so that it forgets the cluster's state and key
     * instead of calling elections nobody answers. Best effort: a member that is down or cut off is not told
     * now, and finds out itself when it knows no leader ({@link #leaveIfRemovedWhileAway}).
     */
    private void tellRemovedMember(ClusterStore.MemberRow row)
    {
        try {
            members.forAddress(row.address()).post(LEAVE_PATH, new LeaveNotice(row.raftId()));
            LOG.info("Told the removed member {} at {} to leave the cluster", row.name(), row.address());
        }
        catch (JxdClientException exception) {
            LOG.warn("Could not tell the removed member {} at {} to leave the cluster ({}); it leaves when it runs again and finds it was removed",
                    row.name(), row.address(), exception.getMessage());
        }
    }

    /**
     * The leader's notice that this member was removed. Only another member may send it (it holds the
     * cluster key), and only for this member's Raft id; the member then leaves once the answer is sent.
     */
    public void leave(LeaveNotice notice, Caller caller)
    {
        if (!Caller.PROTOCOL_CLUSTER.equals(caller.protocol())) {
            throw HttpStatusException.forbidden("Only a member of this cluster can tell this member it was removed");
        }
        LocalMember self = context.localMember().orElseThrow(() -> HttpStatusException.badRequest("This server is not clustered"));
        if (!self.raftId().equals(notice.raftId())) {
            throw HttpStatusException.badRequest("The removed member is " + notice.raftId() + ", not this member (" + self.raftId() + ")");
        }
        leaveCluster();
    }

    private void leaveCluster()
    {
        LOG.warn("The cluster removed this member; it leaves the cluster, forgets the cluster's state and starts again as a standalone server");
        removedFromCluster.run();
    }

    /**
     * The leader's answer to a member asking whether it still belongs to the cluster: 404 once neither the
     * member rows (read linearizably, so a leader that has not applied everything yet cannot miss a new
     * member) nor the Raft configuration hold {@code raftId}. Other members answer 503.
     */
    public void checkMembership(String raftId, Caller caller)
    {
        if (!Caller.PROTOCOL_CLUSTER.equals(caller.protocol())) {
            throw HttpStatusException.forbidden("Only a member of this cluster can ask whether it is still a member");
        }
        if (!replication.isLeader()) {
            throw new HttpStatusException(503, "This member is not the cluster's leader");
        }
        boolean row = services.store().readLinearizable(ClusterStore::members).stream().anyMatch(member -> member.raftId().equals(raftId));
        if (!row && !replication.peerStates().containsKey(raftId)) {
            throw HttpStatusException.notFound("Cluster member not found");
        }
    }

    /**
     * A member that was down when the cluster removed it was not told, and no leader will ever contact it
     * again. So a member that knows no leader asks the members it knows whether it still belongs; the
     * leader's 404 stands for the notice it missed. During an ordinary election the leader answers that it
     * does (or nobody answers), and nothing happens.
     */
    public void leaveIfRemovedWhileAway()
    {
        Optional<LocalMember> self = context.localMember();
        if (self.isEmpty() || replication.leaderRaftId().isPresent()) {
            return;
        }
        String raftId = self.get().raftId();
        for (ClusterStore.MemberRow row : context.members()) {
            if (row.raftId().equals(raftId)) {
                continue;
            }
            try {
                members.forAddress(row.address()).get(MEMBERSHIP_PATH + raftId);
                return;
            }
            catch (ApiException exception) {
                if (exception.statusCode() == 404) {
                    LOG.warn("The cluster's leader at {} no longer counts this member in: it was removed while it was away", row.address());
                    leaveCluster();
                    return;
                }
                // Not the leader (503): ask the next
            }
            catch (JxdClientException exception) {
                // Down, cut off, or another cluster's certificate: ask the next
            }
        }
    }

    @Override
    public void close()
    {
        members.close();
    }

    /** Expired join tokens are useless; the leader deletes them (a new token for the same name replaces one anyway). */
    public void pruneExpiredJoinTokens()
    {
        if (context.clustered() && replication.isLeader()) {
            services.store().execute(new ClusterStore.PruneJoinTokens(services.clock().instant()));
        }
    }

    /** Restores the planned shape (an odd number of voters, standbys ready) after members come and go. */
    public void rebalance()
    {
        if (!context.clustered() || !replication.isLeader()) {
            return;
        }
        Map<String, ClusterStore.MemberRow> byRaftId = new LinkedHashMap<>();
        context.members().forEach(row -> byRaftId.put(row.raftId(), row));
        String leader = context.localMember().orElseThrow().raftId();
        for (RoleChange change : planner.rebalance(memberViews(), leader)) {
            ClusterStore.MemberRow row = byRaftId.get(change.member());
            if (row == null) {
                continue;
            }
            LOG.info("Changing the database role of member {} from {} to {}", row.name(), change.from(), change.to());
            replication.setRole(row, change.to());
            services.store().execute(new ClusterStore.SetDatabaseRole(row.raftId(), change.to().name()));
        }
    }

    private void rebalanceQuietly()
    {
        try {
            rebalance();
        }
        catch (RuntimeException exception) {
            LOG.warn("Rebalancing database roles failed; the next periodic run retries: {}", exception.getMessage());
        }
    }

    /** Planner views keyed by Raft id, which never changes, so a concurrent rename cannot confuse them. */
    List<MemberView> memberViews()
    {
        Map<String, ClusterReplication.PeerState> peers = replication.peerStates();
        List<MemberView> views = new ArrayList<>();
        for (ClusterStore.MemberRow row : context.members()) {
            ClusterReplication.PeerState peer = peers.get(row.raftId());
            // A member accepted but not yet in the Raft configuration cannot take a role yet
            views.add(new MemberView(row.raftId(), DatabaseRole.valueOf(row.databaseRole()), peer != null && peer.online()));
        }
        return views;
    }

    private ClusterMember toApi(ClusterStore.MemberRow row, ClusterReplication.PeerState peer, Optional<String> leader)
    {
        List<String> roles = new ArrayList<>();
        boolean voter = peer != null ? peer.voter() : row.databaseRole().equals(DatabaseRole.VOTER.name());
        if (voter) {
            roles.add(ClusterMember.ROLE_DATABASE);
        }
        else if (row.databaseRole().equals(DatabaseRole.STANDBY.name())) {
            roles.add(ClusterMember.ROLE_DATABASE_STANDBY);
        }
        if (leader.isPresent() && leader.get().equals(row.raftId())) {
            roles.addFirst(ClusterMember.ROLE_DATABASE_LEADER);
        }
        boolean online = peer == null || peer.online();
        String message = peer == null ? "Joining the cluster" : online ? "Fully operational" : "No heartbeat for " + peer.sinceLastContact().toSeconds() + "s";
        return new ClusterMember(row.name(), "https://" + row.address(), voter, online && peer != null ? ClusterMember.STATUS_ONLINE : ClusterMember.STATUS_OFFLINE,
                message, row.architecture(), roles, row.failureDomain(), row.description(), row.config(), List.of());
    }

    /**
     * Reading the members of a standalone server: LXD answers 500 with this message (spec §4.13); it is not a
     * server failure, so jxd answers 404; jxd's link peers then read the addresses from {@code GET /1.0}, and
     * LXD's fail their refresh as they do against a standalone LXD.
     */
    private void requireClusteredForRead()
    {
        if (!context.clustered()) {
            throw HttpStatusException.notFound("Server is not clustered");
        }
    }

    private void requireClustered()
    {
        if (!context.clustered()) {
            throw HttpStatusException.badRequest("This server is not clustered");
        }
    }
}
