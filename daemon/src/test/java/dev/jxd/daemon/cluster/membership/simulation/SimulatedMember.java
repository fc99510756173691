package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.ClusterView;
import dev.jxd.daemon.cluster.membership.DatabaseRole;
import dev.jxd.daemon.cluster.membership.ForwardFailure;
import dev.jxd.daemon.cluster.membership.ForwardingSession;
import dev.jxd.daemon.cluster.membership.MemberEndpoint;
import dev.jxd.daemon.cluster.membership.MemberView;
import dev.jxd.daemon.cluster.membership.MembershipMessages;
import dev.jxd.daemon.cluster.membership.MembershipPlanner;
import dev.jxd.daemon.cluster.membership.RemovalDecision;
import dev.jxd.daemon.cluster.membership.RequestRouter;
import dev.jxd.daemon.cluster.membership.RetryPolicy;
import dev.jxd.daemon.cluster.membership.RoleChange;
import dev.jxd.daemon.cluster.membership.Route;
import dev.jxd.daemon.cluster.membership.simulation.History.SimulatedRequest;
import dev.jxd.daemon.cluster.membership.simulation.MembershipSimulation.Sabotage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One simulated daemon: what it believes (leader, term, membership, who is online, all possibly
 * stale), the client requests it holds, and the same routing and retry logic the real HTTP forwarder
 * uses ({@link RequestRouter}, {@link ForwardingSession}). Running a request on the leader goes through
 * the {@link ConsensusModel}, as a Ratis commit would.
 */
final class SimulatedMember
{
    static final long LEADER_TIMEOUT_MILLIS = 400;
    private static final long REBALANCE_STEP_MILLIS = 20;

    /** What a member needs from the simulation around it. */
    interface Context
    {
        EventScheduler scheduler();

        SimulatedNetwork network();

        ConsensusModel consensus();

        MembershipPlanner planner();

        RetryPolicy retryPolicy();

        History history();

        Optional<SimulatedMember> member(String name);

        boolean sabotaged(Sabotage sabotage);

        /** Asserts that a configuration change proposed without force keeps a majority of its voters online. */
        void checkProposal(String proposer, SortedMap<String, DatabaseRole> next, String description);
    }

    private final String name;
    private final Context context;
    private final RequestRouter router;
    private final Set<SimulatedRequest> clientRequests = new LinkedHashSet<>();
    private boolean alive = true;
    private boolean retired;
    private int incarnation;
    private boolean rebalancing;
    private long knownTerm;
    private Optional<String> believedLeader = Optional.empty();
    private long lastHeardFromLeader;
    private SortedMap<String, DatabaseRole> knownConfiguration = new TreeMap<>();
    private long knownVersion = -1;
    private Set<String> onlineMembers = Set.of();

    SimulatedMember(String name, Context context)
    {
        this.name = requireNonNull(name, "name is null");
        this.context = requireNonNull(context, "context is null");
        this.router = new RequestRouter(name);
    }

    String name()
    {
        return name;
    }

    boolean alive()
    {
        return alive;
    }

    boolean retired()
    {
        return retired;
    }

    Optional<String> believedLeader()
    {
        return believedLeader;
    }

    long knownVersion()
    {
        return knownVersion;
    }

    // Client requests: the retry loop runs here, on the member holding the client connection.

    void receiveClientRequest(SimulatedRequest request)
    {
        if (!alive) {
            context.history().completed(request, 0, "connection refused");
            return;
        }
        clientRequests.add(request);
        ForwardingSession session = new ForwardingSession(router, context.retryPolicy(), request.kind());
        advance(request, session, session.next(view()), incarnation);
    }

    private void advance(SimulatedRequest request, ForwardingSession session, ForwardingSession.Step step, int generation)
    {
        switch (step) {
            case ForwardingSession.Execute _ -> execute(request, response -> {
                if (!current(generation)) {
                    return;
                }
                if (response.notLeader()) {
                    advance(request, session, session.onFailure(ForwardFailure.notLeader(name, response.leaderHint())), generation);
                }
                else {
                    finish(request, response.status(), response.message());
                }
            });
            case ForwardingSession.Forward forward -> forward(request, session, forward, generation);
            case ForwardingSession.Wait wait -> {
                context.history().retried();
                context.scheduler().schedule(wait.delay().toMillis(), "retry " + request, () -> {
                    if (current(generation)) {
                        advance(request, session, session.next(view()), generation);
                    }
                });
            }
            case ForwardingSession.Fail fail -> finish(request, fail.status(), fail.message());
        }
    }

    private void forward(SimulatedRequest request, ForwardingSession session, ForwardingSession.Forward forward, int generation)
    {
        String target = forward.member();
        context.history().forwarded(request, name, target, forward.hops());
        context.network().call(name, target, request + " " + name + "->" + target,
                responder -> context.member(target).ifPresent(member -> member.receiveForwarded(request, forward.hops(), responder)),
                new SimulatedNetwork.CallCallback()
                {
                    @Override
                    public void answered(ForwardResponse response)
                    {
                        if (!current(generation)) {
                            return;
                        }
                        if (response.notLeader()) {
                            advance(request, session, session.onFailure(ForwardFailure.notLeader(target, response.leaderHint())), generation);
                        }
                        else {
                            finish(request, response.status(), response.message());
                        }
                    }

                    @Override
                    public void failed(ForwardFailure.Reason reason)
                    {
                        if (!current(generation)) {
                            return;
                        }
                        ForwardFailure failure = switch (reason) {
                            case NOT_DELIVERED -> ForwardFailure.notDelivered(target);
                            case OUTCOME_UNKNOWN -> context.sabotaged(Sabotage.RETRY_UNKNOWN_OUTCOME)
                                    ? ForwardFailure.notDelivered(target)
                                    : ForwardFailure.outcomeUnknown(target);
                            case NO_LEADER, NOT_LEADER -> throw new IllegalStateException("Not a transport failure: " + reason);
                        };
                        advance(request, session, session.onFailure(failure), generation);
                    }
                });
    }

    private void finish(SimulatedRequest request, int status, String message)
    {
        // A crash or a removal may already have answered the client with a reset connection.
        if (clientRequests.remove(request)) {
            context.history().completed(request, status, message);
        }
    }

    private boolean current(int generation)
    {
        return alive && incarnation == generation;
    }

    // Forwarded requests: routed once more, but never forwarded again.

    void receiveForwarded(SimulatedRequest request, int hops, SimulatedNetwork.Responder responder)
    {
        if (!alive) {
            return;
        }
        int routedHops = context.sabotaged(Sabotage.FORWARD_FORWARDED_REQUESTS) ? 0 : hops;
        Route route = router.route(request.kind(), view(), routedHops);
        switch (route) {
            case Route.HandleLocally _ -> execute(request, responder::respond);
            case Route.Forward forward -> {
                context.history().forwarded(request, name, forward.member(), hops + forward.hops());
                throw new IllegalStateException("Forwarded " + request + " again");
            }
            case Route.Fail fail when fail.cause().isPresent() && fail.cause().get().reason() == ForwardFailure.Reason.NOT_LEADER ->
                    responder.respond(ForwardResponse.notLeader(fail.message(), fail.cause().get().leaderHint()));
            case Route.Fail fail -> responder.respond(ForwardResponse.error(fail.status(), fail.message()));
        }
    }

    // Running a request here.

    private void execute(SimulatedRequest request, Consumer<ForwardResponse> done)
    {
        ConsensusModel consensus = context.consensus();
        switch (request.type()) {
            case READ, TARGETED_READ -> {
                context.history().executed(request, name, consensus.isLeader(name));
                done.accept(ForwardResponse.success());
            }
            case WRITE -> {
                if (!consensus.commitWrite(name)) {
                    done.accept(notLeader());
                    return;
                }
                context.history().executed(request, name, consensus.isLeader(name));
                done.accept(ForwardResponse.success());
            }
            case JOIN -> join(request, done);
            case REMOVE -> remove(request, done);
        }
    }

    private void join(SimulatedRequest request, Consumer<ForwardResponse> done)
    {
        ConsensusModel consensus = context.consensus();
        if (!consensus.commitWrite(name)) {
            done.accept(notLeader());
            return;
        }
        context.history().executed(request, name, true);
        String joiner = request.subject().orElseThrow();
        SortedMap<String, DatabaseRole> next = consensus.configuration();
        next.put(joiner, context.planner().roleForJoiningMember(leaderViews()));
        if (!consensus.commitConfiguration(name, next)) {
            done.accept(ForwardResponse.error(503, "Failed to add cluster member \"" + joiner + "\""));
            return;
        }
        context.history().joinCommitted();
        done.accept(ForwardResponse.success());
    }

    private void remove(SimulatedRequest request, Consumer<ForwardResponse> done)
    {
        ConsensusModel consensus = context.consensus();
        if (!consensus.commitWrite(name)) {
            done.accept(notLeader());
            return;
        }
        context.history().executed(request, name, true);
        String removed = request.subject().orElseThrow();
        boolean force = request.force() || context.sabotaged(Sabotage.REMOVE_WITHOUT_QUORUM_CHECK);
        List<MemberView> views = leaderViews();
        switch (context.planner().checkRemoval(views, removed, force)) {
            case RemovalDecision.Refused refused -> {
                context.history().removalRefused();
                done.accept(ForwardResponse.error(refused.status(), refused.message()));
            }
            case RemovalDecision.Allowed allowed -> {
                for (RoleChange change : allowed.changesFirst()) {
                    SortedMap<String, DatabaseRole> next = consensus.configuration();
                    next.put(change.member(), change.to());
                    context.checkProposal(name, next, "promotion before removing " + removed);
                    if (!consensus.commitConfiguration(name, next)) {
                        done.accept(ForwardResponse.error(503, "Failed to promote cluster member \"" + change.member() + "\""));
                        return;
                    }
                }
                SortedMap<String, DatabaseRole> next = consensus.configuration();
                next.remove(removed);
                context.history().check(views.size() > 1, "%s removed the last member", request);
                if (!request.force()) {
                    context.checkProposal(name, next, "removal of " + removed);
                }
                if (!consensus.commitConfiguration(name, next)) {
                    done.accept(ForwardResponse.error(503, "Failed to remove cluster member \"" + removed + "\""));
                    return;
                }
                context.history().removalExecuted(request.force());
                done.accept(ForwardResponse.success());
            }
        }
    }

    private ForwardResponse notLeader()
    {
        Optional<String> hint = believedLeader.filter(leader -> !leader.equals(name));
        if (believedLeader.equals(Optional.of(name)) && !context.consensus().isLeader(name)) {
            // The commit told us we lost leadership before our own check did (a Ratis NotLeaderException).
            believedLeader = Optional.empty();
        }
        return ForwardResponse.notLeader(MembershipMessages.notLeader(name), hint);
    }

    // Leadership, heartbeats and rebalancing.

    void becomeLeader(long term)
    {
        knownTerm = term;
        believedLeader = Optional.of(name);
        lastHeardFromLeader = context.scheduler().now();
        learnConfiguration(context.consensus().configuration(), context.consensus().version());
        sendHeartbeats();
    }

    void tick()
    {
        if (!alive) {
            return;
        }
        if (believedLeader.isPresent() && believedLeader.get().equals(name)) {
            if (context.consensus().isLeader(name)) {
                sendHeartbeats();
            }
            else {
                believedLeader = Optional.empty();
            }
        }
        else if (context.scheduler().now() - lastHeardFromLeader > LEADER_TIMEOUT_MILLIS) {
            believedLeader = Optional.empty();
        }
    }

    private void sendHeartbeats()
    {
        ConsensusModel consensus = context.consensus();
        SortedMap<String, DatabaseRole> configuration = consensus.configuration();
        long version = consensus.version();
        long term = knownTerm;
        Set<String> online = new LinkedHashSet<>();
        for (String member : configuration.keySet()) {
            if (member.equals(name) || context.network().canReach(name, member)) {
                online.add(member);
            }
        }
        Set<String> onlineSnapshot = Set.copyOf(online);
        // The heartbeat round is also how the leader itself learns who is online.
        onlineMembers = onlineSnapshot;
        for (String member : configuration.keySet()) {
            if (!member.equals(name)) {
                context.network().send(name, member, "heartbeat " + name + "->" + member,
                        () -> context.member(member).ifPresent(receiver -> receiver.receiveHeartbeat(name, term, configuration, version, onlineSnapshot)));
            }
        }
    }

    void receiveHeartbeat(String leader, long term, SortedMap<String, DatabaseRole> configuration, long version, Set<String> online)
    {
        if (!alive || term < knownTerm) {
            return;
        }
        knownTerm = term;
        believedLeader = Optional.of(leader);
        lastHeardFromLeader = context.scheduler().now();
        learnConfiguration(configuration, version);
        onlineMembers = online;
    }

    void learnConfiguration(SortedMap<String, DatabaseRole> configuration, long version)
    {
        if (version > knownVersion) {
            knownConfiguration = new TreeMap<>(configuration);
            knownVersion = version;
        }
    }

    /** One step of the leader's rebalance loop: apply the first change of a fresh plan, then plan again. */
    void rebalance()
    {
        if (rebalancing) {
            return;
        }
        rebalancing = true;
        rebalanceStep(incarnation);
    }

    private void rebalanceStep(int generation)
    {
        ConsensusModel consensus = context.consensus();
        if (!current(generation) || !consensus.isLeader(name) || consensus.configuration().get(name) != DatabaseRole.VOTER
                || !consensus.commitWrite(name)) {
            rebalancing = false;
            return;
        }
        List<RoleChange> plan = context.planner().rebalance(leaderViews(), name);
        if (plan.isEmpty()) {
            rebalancing = false;
            return;
        }
        RoleChange change = plan.getFirst();
        SortedMap<String, DatabaseRole> next = consensus.configuration();
        next.put(change.member(), change.to());
        context.checkProposal(name, next, "rebalance " + change);
        if (!consensus.commitConfiguration(name, next)) {
            rebalancing = false;
            return;
        }
        context.scheduler().schedule(REBALANCE_STEP_MILLIS, "rebalance " + name, () -> rebalanceStep(generation));
    }

    /** The members as the leader sees them: committed roles, online when reachable right now. */
    private List<MemberView> leaderViews()
    {
        List<MemberView> views = new ArrayList<>();
        for (Map.Entry<String, DatabaseRole> entry : context.consensus().configuration().entrySet()) {
            String member = entry.getKey();
            views.add(new MemberView(member, entry.getValue(), member.equals(name) || context.network().canReach(name, member)));
        }
        return views;
    }

    /** This member's routing snapshot, built only from what it has been told. */
    ClusterView view()
    {
        List<MemberEndpoint> members = new ArrayList<>();
        for (String member : knownConfiguration.keySet()) {
            members.add(new MemberEndpoint(member, member + ":8443", member.equals(name) || onlineMembers.contains(member)));
        }
        return new ClusterView(members, believedLeader);
    }

    // Failures.

    void crash()
    {
        context.consensus().leaderLost(name);
        context.network().nodeChanged();
        alive = false;
        incarnation++;
        rebalancing = false;
        believedLeader = Optional.empty();
        for (SimulatedRequest request : List.copyOf(clientRequests)) {
            finish(request, 0, "connection reset");
        }
    }

    void restart()
    {
        if (retired) {
            throw new IllegalStateException(name + " has left the cluster");
        }
        alive = true;
        context.network().nodeChanged();
        lastHeardFromLeader = context.scheduler().now();
    }

    /** Leaves for good: removed from the cluster, or a joiner whose join failed. */
    void retire()
    {
        if (alive) {
            crash();
        }
        retired = true;
    }
}
