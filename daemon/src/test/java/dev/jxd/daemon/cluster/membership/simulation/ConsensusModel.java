package dev.jxd.daemon.cluster.membership.simulation;

import dev.jxd.daemon.cluster.membership.DatabaseRole;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A deliberately small model of what Ratis guarantees, standing in for it: one committed configuration
 * (member name to database role), at most one leader, elected after a delay among the online voters
 * that reach a majority of the voters, and commits that succeed only on that leader while it reaches a
 * majority. A configuration change needs a reachable majority of both the old and the new voters (Ratis
 * applies it with joint consensus). Commits are atomic: the model does not keep a log.
 */
final class ConsensusModel
{
    static final long TICK_MILLIS = 100;
    private static final int MIN_ELECTION_DELAY_MILLIS = 150;
    private static final int MAX_ELECTION_DELAY_MILLIS = 300;

    interface Listener
    {
        void leaderElected(String leader, long term);

        void configurationCommitted(SortedMap<String, DatabaseRole> previous, SortedMap<String, DatabaseRole> next, String committedBy);
    }

    private final EventScheduler scheduler;
    private final Random random;
    private final SimulatedNetwork network;
    private final Listener listener;
    private SortedMap<String, DatabaseRole> configuration;
    private long version;
    private Optional<String> leader = Optional.empty();
    private long term;
    private boolean electionPending;
    private long elections;
    private long configurationChanges;

    ConsensusModel(EventScheduler scheduler, Random random, SimulatedNetwork network, Listener listener, String bootstrapMember)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.random = requireNonNull(random, "random is null");
        this.network = requireNonNull(network, "network is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.configuration = new TreeMap<>(Map.of(bootstrapMember, DatabaseRole.VOTER));
    }

    SortedMap<String, DatabaseRole> configuration()
    {
        return new TreeMap<>(configuration);
    }

    long version()
    {
        return version;
    }

    long term()
    {
        return term;
    }

    Optional<String> leader()
    {
        return leader;
    }

    long elections()
    {
        return elections;
    }

    long configurationChanges()
    {
        return configurationChanges;
    }

    boolean isLeader(String member)
    {
        return leader.isPresent() && leader.get().equals(member);
    }

    long voterCount()
    {
        return configuration.values().stream().filter(role -> role == DatabaseRole.VOTER).count();
    }

    /** Whether {@code member} reaches a majority of the voters of {@code candidate} (itself included). */
    boolean reachesMajority(String member, Map<String, DatabaseRole> candidate)
    {
        List<String> voters = candidate.entrySet().stream()
                .filter(entry -> entry.getValue() == DatabaseRole.VOTER)
                .map(Map.Entry::getKey)
                .toList();
        long reachable = voters.stream()
                .filter(voter -> voter.equals(member) ? network.canReach(member, member) : network.canReach(member, voter))
                .count();
        return !voters.isEmpty() && reachable >= voters.size() / 2 + 1;
    }

    /** Commits an ordinary write on behalf of {@code member}; false when it could not (not leader, no majority). */
    boolean commitWrite(String member)
    {
        return isLeader(member) && reachesMajority(member, configuration);
    }

    boolean commitConfiguration(String member, SortedMap<String, DatabaseRole> next)
    {
        if (!commitWrite(member) || !reachesMajority(member, next)) {
            return false;
        }
        SortedMap<String, DatabaseRole> previous = configuration;
        configuration = new TreeMap<>(next);
        version++;
        configurationChanges++;
        listener.configurationCommitted(previous, configuration(), member);
        return true;
    }

    /** A crashed leader's term ends; the followers elect a new leader after the election delay. */
    void leaderLost(String member)
    {
        if (isLeader(member)) {
            leader = Optional.empty();
        }
    }

    /** Deposes a leader that is down, no longer a voter or cut off from a majority; starts elections. */
    void tick()
    {
        if (leader.isPresent()) {
            String current = leader.get();
            if (configuration.get(current) != DatabaseRole.VOTER || !reachesMajority(current, configuration)) {
                leader = Optional.empty();
            }
        }
        if (leader.isEmpty() && !electionPending) {
            electionPending = true;
            long delay = MIN_ELECTION_DELAY_MILLIS + random.nextInt(MAX_ELECTION_DELAY_MILLIS - MIN_ELECTION_DELAY_MILLIS + 1);
            scheduler.schedule(delay, "election", this::elect);
        }
    }

    private void elect()
    {
        electionPending = false;
        if (leader.isPresent()) {
            return;
        }
        List<String> candidates = configuration.entrySet().stream()
                .filter(entry -> entry.getValue() == DatabaseRole.VOTER)
                .map(Map.Entry::getKey)
                .filter(voter -> reachesMajority(voter, configuration))
                .toList();
        if (candidates.isEmpty()) {
            return;
        }
        String elected = candidates.get(random.nextInt(candidates.size()));
        leader = Optional.of(elected);
        term++;
        elections++;
        listener.leaderElected(elected, term);
    }
}
