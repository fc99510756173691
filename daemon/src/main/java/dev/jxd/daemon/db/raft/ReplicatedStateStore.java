package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.db.StateUnavailableException;
import dev.jxd.daemon.db.raft.PendingResults.Outcome;
import dev.jxd.daemon.db.raft.PendingResults.Pending;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage.StartupOption;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The state store of a cluster member: every command goes through the cluster's Raft log (Apache Ratis)
 * and is applied by every member to its own SQLite database, in log order.
 *
 * <p>{@link #execute} reaches the leader from any member, waits until the entry is committed and then until
 * this member has applied it, and returns what the command returned here (or throws what it threw): the
 * caller reads its own writes, and results never cross the network. Without a leader it fails with
 * {@link NoQuorumException} once the write timeout has passed (checked after each attempt, so at worst one
 * request timeout later). {@link #read} is local and may lag the leader;
 * {@link #readLinearizable} first catches up with the leader's commit index.
 *
 * <p>Membership changes go to the leader through Ratis' admin API and return once the new configuration
 * is committed. A listener member ({@link PeerRole#LISTENER}) applies everything but does not vote.
 */
public final class ReplicatedStateStore
        implements StateStore, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedStateStore.class);
    private static final int MEMBERSHIP_ATTEMPTS = 5;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final RaftSettings settings;
    private final RaftPeerId selfId;
    private final RaftGroupId groupId;
    private final Database database;
    private final PendingResults pending = new PendingResults();
    private final List<Consumer<StateCommand<?>>> listeners = new CopyOnWriteArrayList<>();
    private final StateCommandCodec codec;
    private final CommandStateMachine stateMachine;
    private final RaftServer server;
    private final RaftClient client;
    private final RaftClient adminClient;
    private volatile Throwable failure;
    private volatile boolean closed;

    private ReplicatedStateStore(RaftSettings settings, Database database, StateCommandCodec codec, RaftGroup initialGroup, StartupOption startupOption)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.database = requireNonNull(database, "database is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.selfId = RaftPeerId.valueOf(settings.memberName());
        this.groupId = initialGroup.getGroupId();
        RaftLogging.configure();
        this.stateMachine = new CommandStateMachine(database, codec, pending, listeners, this::stopAfterFailure);
        Parameters tls = RatisConfiguration.tlsParameters(settings.clusterCertificate(), settings.clusterCertificate().certificate());
        RaftServer startedServer = null;
        RaftClient startedClient = null;
        RaftClient startedAdminClient = null;
        try {
            startedServer = RaftServer.newBuilder()
                    .setServerId(selfId)
                    .setGroup(initialGroup)
                    .setStateMachine(stateMachine)
                    .setProperties(RatisConfiguration.serverProperties(settings))
                    .setParameters(tls)
                    .setOption(startupOption)
                    .build();
            startedServer.start();
            RaftGroup group = currentGroup(startedServer.getDivision(groupId).getRaftConf(), startedServer.getPeer());
            startedClient = newClient(group, tls, settings.requestTimeout(), settings.writeTimeout());
            startedAdminClient = newClient(group, tls, settings.membershipTimeout(), settings.membershipTimeout());
        }
        catch (IOException | RuntimeException exception) {
            closeQuietly(startedAdminClient);
            closeQuietly(startedClient);
            closeQuietly(startedServer);
            throw exception instanceof IOException io ? new UncheckedIOException("Cannot start the cluster database member " + settings.memberName(), io) : (RuntimeException) exception;
        }
        this.server = startedServer;
        this.client = startedClient;
        this.adminClient = startedAdminClient;
    }

    /**
     * Starts a new cluster whose only member is this one. The database keeps what it holds, which becomes the
     * cluster's initial state: a snapshot of it is taken before this returns, so that members that join later
     * receive it whole instead of a log that does not contain it.
     */
    public static ReplicatedStateStore bootstrap(RaftSettings settings, Database database, StateCommandCodec codec)
    {
        requireNoStorage(settings);
        RaftPeer self = RatisConfiguration.peer(new RaftPeerAddress(settings.memberName(), settings.raftAddress()), PeerRole.VOTER);
        ReplicatedStateStore store = new ReplicatedStateStore(settings, database, codec, RaftGroup.valueOf(RatisConfiguration.groupId(settings.clusterCertificate()), self), StartupOption.FORMAT);
        try {
            store.awaitLeadership(settings.writeTimeout());
            store.snapshot();
            return store;
        }
        catch (RuntimeException exception) {
            store.close();
            throw exception;
        }
    }

    /**
     * Starts a member that is about to be added to a running cluster, with empty Raft storage. It waits as
     * a non-voting member until the leader adds it ({@link #addPeer} there); the leader then sends it a
     * snapshot, which replaces whatever this member's database holds, and the log after it.
     */
    public static ReplicatedStateStore join(RaftSettings settings, Database database, StateCommandCodec codec, List<RaftPeerAddress> currentPeers)
    {
        requireNonNull(currentPeers, "currentPeers is null");
        requireNoStorage(settings);
        List<RaftPeer> peers = new ArrayList<>();
        for (RaftPeerAddress peer : currentPeers) {
            if (!peer.memberName().equals(settings.memberName())) {
                peers.add(RatisConfiguration.peer(peer, PeerRole.VOTER));
            }
        }
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("A joining member needs the current members of the cluster");
        }
        // As a listener, the member holds no elections until the leader's configuration includes it
        peers.add(RatisConfiguration.peer(new RaftPeerAddress(settings.memberName(), settings.raftAddress()), PeerRole.LISTENER));
        return new ReplicatedStateStore(settings, database, codec, RaftGroup.valueOf(RatisConfiguration.groupId(settings.clusterCertificate()), peers), StartupOption.FORMAT);
    }

    /** Starts a member again from its Raft storage, after a restart or a crash. */
    public static ReplicatedStateStore restart(RaftSettings settings, Database database, StateCommandCodec codec)
    {
        RaftGroupId groupId = RatisConfiguration.groupId(settings.clusterCertificate());
        if (!Files.isDirectory(groupDirectory(settings, groupId))) {
            throw new IllegalStateException("No cluster database storage for this cluster certificate in " + settings.storageDirectory());
        }
        // The configuration comes from the storage
        ReplicatedStateStore store = new ReplicatedStateStore(settings, database, codec, RaftGroup.valueOf(groupId), StartupOption.RECOVER);
        try {
            if (store.stateMachine.getLatestSnapshot() == null && store.isOnlyVoter()) {
                // The first member stopped before its initial snapshot: take it now, before anyone joins
                store.awaitLeadership(settings.writeTimeout());
                store.snapshot();
            }
            return store;
        }
        catch (RuntimeException exception) {
            store.close();
            throw exception;
        }
    }

    @Override
    public <R> R execute(StateCommand<R> command)
    {
        requireNonNull(command, "command is null");
        checkUsable();
        String requestId = settings.memberName() + ":" + UUID.randomUUID();
        byte[] entry = codec.encodeEntry(requestId, command);
        Pending waiter = pending.register(requestId);
        try {
            RaftClientReply reply;
            try {
                reply = client.io().send(Message.valueOf(ByteString.copyFrom(entry)));
            }
            catch (IOException exception) {
                throw translate(exception);
            }
            if (!reply.isSuccess()) {
                throw translate(reply.getException());
            }
            Outcome outcome = waiter.await(reply.getLogIndex(), settings.writeTimeout());
            @SuppressWarnings("unchecked")
            R result = (R) outcome.value();
            return result;
        }
        finally {
            pending.remove(waiter);
        }
    }

    @Override
    public <R> R read(Function<Connection, R> query)
    {
        return database.read(query);
    }

    /**
     * Reads after catching up with the cluster: Ratis asks the leader for its commit index (a read index,
     * confirmed by a heartbeat round) and waits until this member has applied that far.
     */
    @Override
    public <R> R readLinearizable(Function<Connection, R> query)
    {
        requireNonNull(query, "query is null");
        checkUsable();
        RaftClientReply reply;
        try {
            reply = client.io().sendReadOnly(Message.EMPTY, selfId);
        }
        catch (IOException exception) {
            throw translate(exception);
        }
        if (!reply.isSuccess()) {
            throw translate(reply.getException());
        }
        if (!selfId.equals(reply.getServerId())) {
            // Another member answered (this one could not serve the read): catch up with what it had applied
            awaitApplied(Long.parseLong(reply.getMessage().getContent().toStringUtf8()), settings.writeTimeout());
        }
        return database.read(query);
    }

    @Override
    public void addListener(Consumer<StateCommand<?>> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Adds a member; the member must be running ({@link #join}). Returns once the configuration is committed. */
    public void addPeer(RaftPeerAddress peer, PeerRole role)
    {
        requireNonNull(peer, "peer is null");
        requireNonNull(role, "role is null");
        changeMembership(configuration -> {
            Optional<PeerRole> existing = configuration.roleOf(peer.memberName());
            if (existing.isPresent()) {
                RaftPeer current = configuration.peer(peer.memberName());
                if (existing.get() == role && current.getAddress().equals(peer.address())) {
                    return Optional.empty();
                }
                throw new IllegalArgumentException("%s is already a cluster database member with role %s at %s".formatted(peer.memberName(), existing.get(), current.getAddress()));
            }
            return Optional.of(configuration.with(RatisConfiguration.peer(peer, role), role));
        });
    }

    /** Makes a member a voter or a listener. Returns once the configuration is committed. */
    public void setRole(String memberName, PeerRole role)
    {
        requireNonNull(memberName, "memberName is null");
        requireNonNull(role, "role is null");
        changeMembership(configuration -> {
            PeerRole existing = configuration.roleOf(memberName).orElseThrow(() -> new IllegalArgumentException("Not a cluster database member: " + memberName));
            if (existing == role) {
                return Optional.empty();
            }
            RaftPeer current = configuration.peer(memberName);
            RaftPeerAddress address = new RaftPeerAddress(memberName, current.getAddress());
            return Optional.of(configuration.without(memberName).with(RatisConfiguration.peer(address, role), role));
        });
    }

    /** Removes a member; removing one that is not a member does nothing. Returns once the configuration is committed. */
    public void removePeer(String memberName)
    {
        requireNonNull(memberName, "memberName is null");
        changeMembership(configuration -> {
            if (configuration.roleOf(memberName).isEmpty()) {
                return Optional.empty();
            }
            Membership next = configuration.without(memberName);
            if (next.voters().isEmpty()) {
                throw new IllegalArgumentException("Cannot remove the last voting member " + memberName);
            }
            return Optional.of(next);
        });
    }

    /** Asks the leader to hand leadership to {@code memberName}, a voter; returns once it has. */
    public void transferLeadership(String memberName)
    {
        requireNonNull(memberName, "memberName is null");
        checkUsable();
        try {
            RaftClientReply reply = adminClient.admin().transferLeadership(RaftPeerId.valueOf(memberName), settings.membershipTimeout().toMillis());
            if (!reply.isSuccess()) {
                throw translateMembership(reply.getException());
            }
        }
        catch (IOException exception) {
            throw translateMembership(exception);
        }
    }

    /** The members of the current configuration, as this member knows it. */
    public List<RaftPeerStatus> peers()
    {
        RaftServer.Division division = division();
        Membership membership = Membership.of(division.getRaftConf());
        Optional<String> leader = leader();
        Map<String, Duration> contact = new HashMap<>();
        if (division.getInfo().isLeader()) {
            RoleInfoProto role = division.getInfo().getRoleInfoProto();
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                contact.put(follower.getId().getId().toStringUtf8(), Duration.ofMillis(follower.getLastRpcElapsedTimeMs()));
            }
        }
        List<RaftPeerStatus> peers = new ArrayList<>();
        for (RaftPeer peer : membership.voters()) {
            String name = peer.getId().toString();
            peers.add(new RaftPeerStatus(name, peer.getAddress(), PeerRole.VOTER, leader.filter(name::equals).isPresent(), Optional.ofNullable(contact.get(name))));
        }
        for (RaftPeer peer : membership.listeners()) {
            String name = peer.getId().toString();
            peers.add(new RaftPeerStatus(name, peer.getAddress(), PeerRole.LISTENER, false, Optional.ofNullable(contact.get(name))));
        }
        return List.copyOf(peers);
    }

    /** The member this one currently follows (or itself), if it knows one; empty once this member stopped. */
    public Optional<String> leader()
    {
        return runningDivision().flatMap(division -> Optional.ofNullable(division.getInfo().getLeaderId())).map(RaftPeerId::toString);
    }

    public boolean isLeader()
    {
        return runningDivision().map(division -> division.getInfo().isLeader()).orElse(false);
    }

    /** The last log index this member has applied to its database. */
    public long appliedIndex()
    {
        return stateMachine.getLastAppliedTermIndex().getIndex();
    }

    public String memberName()
    {
        return settings.memberName();
    }

    /** Stops the member. Its storage stays, for {@link #restart}; the database is the caller's to close. */
    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(adminClient);
        closeQuietly(client);
        closeQuietly(server);
        pending.failAll(new IllegalStateException("The cluster database member " + settings.memberName() + " is stopped"));
    }

    /** The first index still in this member's log; everything before it is in a snapshot only. */
    long logStartIndex()
    {
        return division().getRaftLog().getStartIndex();
    }

    RaftGroupId groupId()
    {
        return groupId;
    }

    /**
     * Snapshots the database as it is once this member has applied what it knows to be committed. Done
     * directly rather than through Ratis' snapshot request, which refuses to snapshot a log of a single entry.
     */
    private void snapshot()
    {
        // A leader is ready once its first entry is committed, which its state machine may not have applied yet;
        // a snapshot before that would have nothing to stand for
        awaitApplied(division().getRaftLog().getLastCommittedIndex(), settings.writeTimeout());
        try {
            stateMachine.takeSnapshot();
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot take the initial cluster database snapshot", exception);
        }
        if (stateMachine.getLatestSnapshot() == null) {
            throw new IllegalStateException("The initial cluster database snapshot is missing");
        }
    }

    private void awaitApplied(long index, Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (appliedIndex() < index) {
            if (System.nanoTime() - deadline > 0) {
                // The write is committed; this member is only behind, so the client may retry its read elsewhere
                throw new StateUnavailableException("Cluster database: this member has not applied index %d within %s".formatted(index, timeout), null);
            }
            sleep(Duration.ofMillis(1));
        }
    }

    private void awaitLeadership(Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RaftServer.Division division = division();
            if (division.getInfo().isLeader() && division.getInfo().isLeaderReady()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new NoQuorumException(new IllegalStateException("The first cluster database member did not become leader within " + timeout));
            }
            sleep(POLL_INTERVAL);
        }
    }

    private boolean isOnlyVoter()
    {
        Membership membership = Membership.of(division().getRaftConf());
        return membership.voters().size() == 1 && membership.roleOf(settings.memberName()).equals(Optional.of(PeerRole.VOTER));
    }

    private void changeMembership(Function<Membership, Optional<Membership>> change)
    {
        checkUsable();
        for (int attempt = 1; ; attempt++) {
            Membership current = Membership.of(division().getRaftConf());
            Optional<Membership> next = change.apply(current);
            if (next.isEmpty()) {
                return;
            }
            SetConfigurationRequest.Arguments arguments = SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInNewConf(next.get().voters())
                    .setListenersInNewConf(next.get().listeners())
                    .setServersInCurrentConf(current.voters())
                    .setListenersInCurrentConf(current.listeners())
                    // Only if the leader's configuration is still the one this member's change was computed from
                    .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                    .build();
            try {
                RaftClientReply reply = adminClient.admin().setConfiguration(arguments);
                if (reply.isSuccess()) {
                    return;
                }
                throw reply.getException();
            }
            catch (IOException exception) {
                // Another change got there first, or this member's view lags the leader's: look again
                boolean conflict = cause(exception, SetConfigurationException.class).isPresent() || cause(exception, ReconfigurationInProgressException.class).isPresent();
                if (!conflict || attempt >= MEMBERSHIP_ATTEMPTS) {
                    throw translateMembership(exception);
                }
                LOG.debug("Membership change attempt {} failed, retrying", attempt, exception);
                sleep(settings.electionTimeoutMin());
            }
        }
    }

    private Optional<RaftServer.Division> runningDivision()
    {
        if (closed || failure != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(server.getDivision(groupId));
        }
        catch (IOException exception) {
            return Optional.empty();
        }
    }

    private RaftServer.Division division()
    {
        try {
            return server.getDivision(groupId);
        }
        catch (IOException exception) {
            throw new IllegalStateException("The cluster database member " + settings.memberName() + " is not running", exception);
        }
    }

    private void checkUsable()
    {
        if (stateMachine.isApplyingThread()) {
            // A listener waiting for a later entry would wait for itself
            throw new IllegalStateException("A state listener cannot write to or wait for the cluster database");
        }
        Throwable stopped = failure;
        if (stopped != null) {
            throw new IllegalStateException("The cluster database member " + settings.memberName() + " stopped after failing to apply a log entry", stopped);
        }
        if (closed) {
            throw new IllegalStateException("The cluster database member " + settings.memberName() + " is stopped");
        }
    }

    private void stopAfterFailure(Throwable cause)
    {
        failure = cause;
        pending.failAll(new IllegalStateException("The cluster database member " + settings.memberName() + " stopped after failing to apply a log entry", cause));
        // Ratis stops the group on this member; stopping the whole server also closes its port, so that the
        // leader sees a member that is down rather than one that refuses every entry
        Thread.ofPlatform().name("raft-stop-" + settings.memberName()).start(() -> closeQuietly(server));
    }

    /** Why this member stopped replicating, if a log entry failed to apply here. */
    Optional<Throwable> failure()
    {
        return Optional.ofNullable(failure);
    }

    private RuntimeException translate(Throwable exception)
    {
        checkUsable();
        Optional<Throwable> refusal = cause(exception, StateMachineException.class);
        if (refusal.isPresent()) {
            return new IllegalStateException("The cluster database refused the command: " + refusal.get().getMessage(), exception);
        }
        if (exception instanceof AlreadyClosedException && closed) {
            return new IllegalStateException("The cluster database member " + settings.memberName() + " is stopped", exception);
        }
        // Retries exhausted: no leader, no quorum behind the leader, or no member reachable
        return new NoQuorumException(exception);
    }

    private RuntimeException translateMembership(Throwable exception)
    {
        // The client wraps the leader's refusal when it gives up retrying
        Optional<Throwable> refusal = cause(exception, SetConfigurationException.class)
                .or(() -> cause(exception, ReconfigurationInProgressException.class))
                .or(() -> cause(exception, ReconfigurationTimeoutException.class))
                .or(() -> cause(exception, TransferLeadershipException.class));
        if (refusal.isPresent()) {
            return new IllegalStateException("Cluster database membership change failed: " + refusal.get().getMessage(), exception);
        }
        return translate(exception);
    }

    private static Optional<Throwable> cause(Throwable exception, Class<? extends Throwable> type)
    {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private RaftClient newClient(RaftGroup group, Parameters tls, Duration requestTimeout, Duration totalTimeout)
    {
        return RaftClient.newBuilder()
                .setRaftGroup(group)
                // Start with the local member: it answers directly or names the leader
                .setLeaderId(selfId)
                .setProperties(RatisConfiguration.clientProperties(requestTimeout))
                .setParameters(tls)
                .setRetryPolicy(RatisConfiguration.retryPolicy(totalTimeout))
                .build();
    }

    private RaftGroup currentGroup(RaftConfiguration configuration, RaftPeer self)
    {
        Set<RaftPeer> peers = new LinkedHashSet<>(configuration.getAllPeers(RaftPeerRole.FOLLOWER));
        peers.addAll(configuration.getAllPeers(RaftPeerRole.LISTENER));
        if (peers.stream().noneMatch(peer -> peer.getId().equals(selfId))) {
            peers.add(self);
        }
        return RaftGroup.valueOf(groupId, peers);
    }

    private static void requireNoStorage(RaftSettings settings)
    {
        Path directory = groupDirectory(settings, RatisConfiguration.groupId(settings.clusterCertificate()));
        if (Files.exists(directory)) {
            throw new IllegalStateException("Cluster database storage already exists in " + directory + "; restart the member instead");
        }
    }

    private static Path groupDirectory(RaftSettings settings, RaftGroupId groupId)
    {
        return settings.storageDirectory().resolve(groupId.getUuid().toString());
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", exception);
        }
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception exception) {
            LOG.debug("Closing {}", closeable, exception);
        }
    }

    /** The voters and listeners of one configuration. */
    private record Membership(List<RaftPeer> voters, List<RaftPeer> listeners)
    {
        static Membership of(RaftConfiguration configuration)
        {
            return new Membership(sorted(configuration.getCurrentPeers(RaftPeerRole.FOLLOWER)), sorted(configuration.getCurrentPeers(RaftPeerRole.LISTENER)));
        }

        Optional<PeerRole> roleOf(String memberName)
        {
            if (voters.stream().anyMatch(peer -> peer.getId().toString().equals(memberName))) {
                return Optional.of(PeerRole.VOTER);
            }
            if (listeners.stream().anyMatch(peer -> peer.getId().toString().equals(memberName))) {
                return Optional.of(PeerRole.LISTENER);
            }
            return Optional.empty();
        }

        RaftPeer peer(String memberName)
        {
            return Stream.concat(voters.stream(), listeners.stream())
                    .filter(peer -> peer.getId().toString().equals(memberName))
                    .findFirst()
                    .orElseThrow();
        }

        Membership with(RaftPeer peer, PeerRole role)
        {
            List<RaftPeer> nextVoters = new ArrayList<>(voters);
            List<RaftPeer> nextListeners = new ArrayList<>(listeners);
            (role == PeerRole.VOTER ? nextVoters : nextListeners).add(peer);
            return new Membership(List.copyOf(nextVoters), List.copyOf(nextListeners));
        }

        Membership without(String memberName)
        {
            return new Membership(
                    voters.stream().filter(peer -> !peer.getId().toString().equals(memberName)).toList(),
                    listeners.stream().filter(peer -> !peer.getId().toString().equals(memberName)).toList());
        }

        private static List<RaftPeer> sorted(Collection<RaftPeer> peers)
        {
            return peers.stream().sorted(Comparator.comparing(peer -> peer.getId().toString())).toList();
        }
    }
}
