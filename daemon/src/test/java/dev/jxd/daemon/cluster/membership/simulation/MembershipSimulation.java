package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.DatabaseRole;
import dev.jxd.daemon.cluster.membership.MemberView;
import dev.jxd.daemon.cluster.membership.MembershipPlanner;
import dev.jxd.daemon.cluster.membership.RetryPolicy;
import dev.jxd.daemon.cluster.membership.simulation.History.OperationType;
import dev.jxd.daemon.cluster.membership.simulation.History.SimulatedRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * A seeded, single-threaded, discrete-event simulation of a jxd cluster's membership and request
 * forwarding, in the style of Kafka's {@code RaftEventSimulationTest}: everything random (message delays
 * and losses, partitions, crashes, elections, the operation stream) comes from one {@link Random}, and
 * events run one at a time on a simulated clock, so a seed replays exactly.
 *
 * <p>A run has four phases: the cluster grows from one member through ordinary joins; then a stream of
 * random operations (client requests of every kind arriving at random members, joins, removals with
 * and without force, crashes, restarts, partitions, heals, message-loss changes and rebalance runs);
 * then the faults stop (network healed, every member restarted) and the cluster is left to settle;
 * finally probes check that every member can again reach the leader and every other member.
 *
 * <p>Checked after every event: the request invariants of {@link History}, at most
 * {@code maxVoters + 1} voters, an odd count not above {@code maxVoters} whenever the planner has
 * nothing left to do, and that no unforced configuration change is proposed which would leave fewer
 * online voters than a majority. Checked after settling: no request is left unanswered, every member
 * agrees with the committed configuration and the leader, the configuration has the planner's target
 * shape, and the probes all succeed.
 *
 * <p>A failure names the seed; {@code new MembershipSimulation(seed, operations, Set.of()).run()}
 * replays it.
 */
final class MembershipSimulation
        implements SimulatedMember.Context, ConsensusModel.Listener
{
    /** Deliberate bugs, to show the invariants catch them. */
    enum Sabotage
    {
        /** The forwarder retries after a lost response, which can run a leader request twice. */
        RETRY_UNKNOWN_OUTCOME,
        /** A member forwards a forwarded request again instead of answering "not leader". */
        FORWARD_FORWARDED_REQUESTS,
        /** The leader removes members without checking quorum. */
        REMOVE_WITHOUT_QUORUM_CHECK,
    }

    /** What a run did, for coverage assertions and for comparing replays. */
    record Result(
            long seed,
            long events,
            long simulatedMillis,
            long requests,
            long forwards,
            long retries,
            long maxLatencyMillis,
            long elections,
            long configurationChanges,
            Map<String, Long> outcomes,
            String summary)
    {
        Result
        {
            outcomes = Map.copyOf(outcomes);
        }
    }

    private static final int MAX_MEMBERS = 7;
    private static final long WARM_UP_MILLIS = 1_000;
    private static final long JOIN_SPACING_MILLIS = 500;
    private static final int MAX_OPERATION_GAP_MILLIS = 40;
    private static final long SETTLE_MILLIS = 10_000;
    private static final long PROBE_MILLIS = 5_000;
    private static final long REBALANCE_INTERVAL_MILLIS = 500;
    private static final double[] DROP_PROBABILITIES = {0, 0.01, 0.03, 0.1};

    private final long seed;
    private final int operations;
    private final Set<Sabotage> sabotage;
    private final Random random;
    private final EventScheduler scheduler = new EventScheduler();
    private final SimulatedNetwork network;
    private final ConsensusModel consensus;
    private final MembershipPlanner planner = new MembershipPlanner();
    private final History history = new History(scheduler);
    private final Map<String, SimulatedMember> members = new TreeMap<>();
    private int nextMember;
    private String lastCheckedState = "";

    MembershipSimulation(long seed, int operations, Set<Sabotage> sabotage)
    {
        this.seed = seed;
        this.operations = operations;
        requireNonNull(sabotage, "sabotage is null");
        this.sabotage = sabotage.isEmpty() ? EnumSet.noneOf(Sabotage.class) : EnumSet.copyOf(sabotage);
        this.random = new Random(seed);
        this.network = new SimulatedNetwork(scheduler, random, name -> {
            SimulatedMember member = members.get(name);
            return member != null && member.alive();
        });
        SimulatedMember first = addNode();
        this.consensus = new ConsensusModel(scheduler, random, network, this, first.name());
        first.learnConfiguration(consensus.configuration(), consensus.version());
        scheduler.addInvariant(this::checkConfiguration);
    }

    Result run()
    {
        try {
            every(ConsensusModel.TICK_MILLIS, "consensus tick", () -> true, consensus::tick);
            every(REBALANCE_INTERVAL_MILLIS, "rebalance", () -> true, this::rebalanceOnLeaders);
            grow();
            for (int operation = 0; operation < operations; operation++) {
                long gap = random.nextInt(MAX_OPERATION_GAP_MILLIS + 1);
                scheduler.schedule(gap, "random operation", this::randomOperation);
                scheduler.runUntil(scheduler.now() + gap);
            }
            settle();
            probe();
            return new Result(seed, scheduler.executedEvents(), scheduler.now(), history.requestCount(), history.forwards(), history.retries(),
                    history.maxLatency(), consensus.elections(), consensus.configurationChanges(), history.outcomes(), history.summary() + " configuration=" + consensus.configuration() + " term=" + consensus.term()
                            + " messages=" + network.sentMessages() + " (dropped " + network.droppedMessages() + ")");
        }
        catch (AssertionError | RuntimeException failure) {
            throw new AssertionError("Simulation failed: seed=" + seed + ", operations=" + operations + ", sabotage=" + sabotage
                    + ", at " + scheduler.now() + " ms after " + scheduler.executedEvents() + " events (replay: new MembershipSimulation("
                    + seed + "L, " + operations + ", Set.of()).run())\n" + failure + "\nconfiguration " + consensus.configuration()
                    + ", leader " + consensus.leader() + "\nrecent events:\n  " + String.join("\n  ", scheduler.recentEvents()), failure);
        }
    }

    // Phases.

    private void grow()
    {
        scheduler.runUntil(WARM_UP_MILLIS);
        int size = 1 + random.nextInt(5);
        List<SimulatedRequest> joins = new ArrayList<>();
        for (int index = 1; index < size; index++) {
            joins.add(join());
            scheduler.runUntil(scheduler.now() + JOIN_SPACING_MILLIS);
        }
        for (SimulatedRequest join : joins) {
            history.check(join.succeeded(), "warm-up %s failed: %d %s", join, join.status(), join.message());
        }
    }

    private void settle()
    {
        network.heal();
        network.setDropProbability(0);
        // Joiners too: a join still being retried may yet commit.
        nodes(member -> !member.alive()).forEach(SimulatedMember::restart);
        scheduler.runUntil(scheduler.now() + SETTLE_MILLIS);
        history.check(history.pending().isEmpty(), "requests unanswered after settling: %s", history.pending());
        for (SimulatedMember member : members.values()) {
            if (!member.retired() && !consensus.configuration().containsKey(member.name())) {
                member.retire();
            }
        }

        Optional<String> leader = consensus.leader();
        history.check(leader.isPresent(), "no leader after settling");
        for (String name : consensus.configuration().keySet()) {
            SimulatedMember member = members.get(name);
            history.check(member.alive(), "%s is down after settling", name);
            history.check(member.knownVersion() == consensus.version(), "%s knows configuration %d, not %d", name, member.knownVersion(), consensus.version());
            history.check(member.believedLeader().equals(leader), "%s believes in leader %s, not %s", name, member.believedLeader(), leader);
        }
        List<MemberView> views = viewsFrom(leader.get(), consensus.configuration());
        history.check(planner.rebalance(views, leader.get()).isEmpty(), "rebalance has not settled: %s", views);
        long voters = count(views, DatabaseRole.VOTER);
        long expectedVoters = Math.min(planner.maxVoters(), views.size() % 2 == 0 ? views.size() - 1 : views.size());
        history.check(voters == expectedVoters, "%d voters, not %d, in %s", voters, expectedVoters, views);
        long expectedStandbys = Math.min(planner.maxStandby(), views.size() - voters);
        history.check(count(views, DatabaseRole.STANDBY) == expectedStandbys, "not %d stand-bys in %s", expectedStandbys, views);
    }

    private void probe()
    {
        List<SimulatedRequest> probes = new ArrayList<>();
        Set<String> names = consensus.configuration().keySet();
        for (String entry : names) {
            probes.add(send(OperationType.WRITE, Optional.empty(), false, entry));
            probes.add(send(OperationType.READ, Optional.empty(), false, entry));
            for (String target : names) {
                probes.add(send(OperationType.TARGETED_READ, Optional.of(target), false, entry));
            }
        }
        scheduler.runUntil(scheduler.now() + PROBE_MILLIS);
        for (SimulatedRequest probe : probes) {
            history.check(probe.succeeded(), "probe %s answered %d %s", probe, probe.status(), probe.message());
        }
    }

    // Random operations.

    private void randomOperation()
    {
        int roll = random.nextInt(100);
        if (roll < 55) {
            clientRequest();
        }
        else if (roll < 62) {
            if (consensus.configuration().size() < MAX_MEMBERS) {
                join();
            }
        }
        else if (roll < 69) {
            remove();
        }
        else if (roll < 76) {
            pick(nodes(member -> member.alive())).ifPresent(SimulatedMember::crash);
        }
        else if (roll < 85) {
            pick(nodes(member -> !member.alive() && consensus.configuration().containsKey(member.name()))).ifPresent(SimulatedMember::restart);
        }
        else if (roll < 89) {
            partition();
        }
        else if (roll < 94) {
            network.heal();
        }
        else if (roll < 97) {
            network.setDropProbability(DROP_PROBABILITIES[random.nextInt(DROP_PROBABILITIES.length)]);
        }
        else {
            rebalanceOnLeaders();
        }
    }

    private void clientRequest()
    {
        String entry = randomMember();
        int roll = random.nextInt(100);
        if (roll < 25) {
            send(OperationType.READ, Optional.empty(), false, entry);
        }
        else if (roll < 65) {
            send(OperationType.WRITE, Optional.empty(), false, entry);
        }
        else {
            String target = random.nextInt(20) == 0 ? "ghost" : randomMember();
            send(OperationType.TARGETED_READ, Optional.of(target), false, entry);
        }
    }

    private SimulatedRequest join()
    {
        SimulatedMember joiner = addNode();
        return send(OperationType.JOIN, Optional.of(joiner.name()), false, randomMember());
    }

    private void remove()
    {
        String removed = random.nextInt(10) == 0 ? "ghost" : randomMember();
        send(OperationType.REMOVE, Optional.of(removed), random.nextInt(10) < 3, randomMember());
    }

    private void partition()
    {
        List<String> alive = nodes(SimulatedMember::alive).stream().map(SimulatedMember::name).toList();
        if (alive.size() < 2) {
            return;
        }
        List<String> shuffled = new ArrayList<>(alive);
        Collections.shuffle(shuffled, random);
        network.partition(new HashSet<>(shuffled.subList(0, 1 + random.nextInt(alive.size() - 1))));
    }

    private void rebalanceOnLeaders()
    {
        for (SimulatedMember member : members.values()) {
            if (member.alive() && member.believedLeader().equals(Optional.of(member.name()))) {
                member.rebalance();
            }
        }
    }

    private SimulatedRequest send(OperationType type, Optional<String> subject, boolean force, String entry)
    {
        SimulatedRequest request = history.create(type, subject, force, entry);
        members.get(entry).receiveClientRequest(request);
        return request;
    }

    // Invariants.

    private void checkConfiguration()
    {
        // Only a new configuration, leader or reachability can change the outcome.
        String state = consensus.version() + "/" + consensus.leader() + "/" + network.topologyVersion();
        if (state.equals(lastCheckedState)) {
            return;
        }
        lastCheckedState = state;
        SortedMap<String, DatabaseRole> configuration = consensus.configuration();
        long voters = consensus.voterCount();
        history.check(voters >= 1 && voters <= planner.maxVoters() + 1, "%d voters in %s", voters, configuration);
        Optional<String> leader = consensus.leader();
        if (leader.isEmpty() || !network.canReach(leader.get(), leader.get()) || configuration.get(leader.get()) != DatabaseRole.VOTER) {
            return;
        }
        List<MemberView> views = viewsFrom(leader.get(), configuration);
        if (MembershipPlanner.hasQuorum(views) && planner.rebalance(views, leader.get()).isEmpty()) {
            history.check(voters % 2 == 1 && voters <= planner.maxVoters(), "settled configuration %s has %d voters", views, voters);
            history.check(count(views, DatabaseRole.STANDBY) <= planner.maxStandby(), "settled configuration %s has too many stand-bys", views);
        }
    }

    @Override
    public void checkProposal(String proposer, SortedMap<String, DatabaseRole> next, String description)
    {
        List<MemberView> views = viewsFrom(proposer, next);
        history.check(MembershipPlanner.hasQuorum(views), "%s proposed %s (%s) with too few voters online", proposer, views, description);
    }

    // Consensus notifications.

    @Override
    public void leaderElected(String leader, long term)
    {
        members.get(leader).becomeLeader(term);
    }

    @Override
    public void configurationCommitted(SortedMap<String, DatabaseRole> previous, SortedMap<String, DatabaseRole> next, String committedBy)
    {
        members.get(committedBy).learnConfiguration(next, consensus.version());
        for (String name : next.keySet()) {
            if (!previous.containsKey(name)) {
                // The accepted member receives the configuration in the join response.
                members.get(name).learnConfiguration(next, consensus.version());
            }
        }
        for (String name : previous.keySet()) {
            if (!next.containsKey(name)) {
                members.get(name).retire();
            }
        }
    }

    // Context.

    @Override
    public EventScheduler scheduler()
    {
        return scheduler;
    }

    @Override
    public SimulatedNetwork network()
    {
        return network;
    }

    @Override
    public ConsensusModel consensus()
    {
        return consensus;
    }

    @Override
    public MembershipPlanner planner()
    {
        return planner;
    }

    @Override
    public RetryPolicy retryPolicy()
    {
        return RetryPolicy.DEFAULT;
    }

    @Override
    public History history()
    {
        return history;
    }

    @Override
    public Optional<SimulatedMember> member(String name)
    {
        return Optional.ofNullable(members.get(name));
    }

    @Override
    public boolean sabotaged(Sabotage kind)
    {
        return sabotage.contains(kind);
    }

    // Helpers.

    private SimulatedMember addNode()
    {
        SimulatedMember member = new SimulatedMember("m" + nextMember++, this);
        members.put(member.name(), member);
        // Members tick out of phase with each other, as real daemons do.
        scheduler.schedule(random.nextInt((int) ConsensusModel.TICK_MILLIS), "first tick " + member.name(),
                () -> every(ConsensusModel.TICK_MILLIS, "tick " + member.name(), () -> !member.retired(), member::tick));
        return member;
    }

    private void every(long interval, String description, BooleanSupplier active, Runnable action)
    {
        scheduler.schedule(interval, description, () -> {
            if (active.getAsBoolean()) {
                action.run();
                every(interval, description, active, action);
            }
        });
    }

    private List<MemberView> viewsFrom(String observer, SortedMap<String, DatabaseRole> configuration)
    {
        List<MemberView> views = new ArrayList<>();
        configuration.forEach((name, role) -> views.add(new MemberView(name, role, network.canReach(observer, name))));
        return views;
    }

    private String randomMember()
    {
        List<String> names = List.copyOf(consensus.configuration().keySet());
        return names.get(random.nextInt(names.size()));
    }

    private List<SimulatedMember> nodes(Predicate<SimulatedMember> filter)
    {
        return members.values().stream().filter(member -> !member.retired()).filter(filter).toList();
    }

    private Optional<SimulatedMember> pick(List<SimulatedMember> candidates)
    {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private static long count(List<MemberView> views, DatabaseRole role)
    {
        return views.stream().filter(view -> view.role() == role).count();
    }
}
