package dev.jxd.daemon.cluster.membership;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.jxd.daemon.cluster.membership.DatabaseRole.SPARE;
import static dev.jxd.daemon.cluster.membership.DatabaseRole.STANDBY;
import static dev.jxd.daemon.cluster.membership.DatabaseRole.VOTER;
import static java.util.Objects.requireNonNull;

/**
 * Decides database roles (LXD's {@code cluster.max_voters} / {@code cluster.max_standby} semantics, with
 * go-dqlite's role-adjustment rules): which role a joining member gets, which promotions and demotions
 * bring the cluster back to its target shape, and whether a member may be removed.
 *
 * <p>Target shape: the largest odd number of voters not above {@code maxVoters} and not above the
 * member count, then up to {@code maxStandby} stand-bys, everyone else spare. An even voter count
 * tolerates no more failures than the odd count below it while needing one more member for every
 * commit, so a settled cluster never keeps one: a two-member cluster has one voter and one stand-by.
 *
 * <p>Every plan is safe to apply one change at a time, in order: each intermediate configuration keeps
 * a majority of its voters online. A replacement promotes the newcomer before demoting the offline
 * voter, so the cluster briefly has {@code maxVoters + 1} voters (never more, and never fewer online
 * ones). Applying a whole plan as one Ratis {@code setConfiguration} (joint consensus) is safe as well,
 * and so is applying only its first change and planning again, as LXD's rebalance loop does.
 *
 * <p>Pure and deterministic: ties are broken by member name; no I/O, no clock.
 */
public final class MembershipPlanner
{
    public static final int DEFAULT_MAX_VOTERS = 3;
    public static final int DEFAULT_MAX_STANDBY = 2;

    private static final Comparator<MemberView> BY_NAME = Comparator.comparing(MemberView::name);

    private final int maxVoters;
    private final int maxStandby;

    public MembershipPlanner()
    {
        this(DEFAULT_MAX_VOTERS, DEFAULT_MAX_STANDBY);
    }

    public MembershipPlanner(int maxVoters, int maxStandby)
    {
        if (maxVoters < 1 || maxVoters % 2 == 0) {
            throw new IllegalArgumentException("maxVoters must be a positive odd number: " + maxVoters);
        }
        if (maxStandby < 0) {
            throw new IllegalArgumentException("maxStandby must not be negative: " + maxStandby);
        }
        this.maxVoters = maxVoters;
        this.maxStandby = maxStandby;
    }

    public int maxVoters()
    {
        return maxVoters;
    }

    public int maxStandby()
    {
        return maxStandby;
    }

    /**
     * The role a member joining {@code current} enters with. It becomes a voter only when that keeps the
     * voter count odd, i.e. when the existing voters already hold a majority of the new configuration:
     * a new member's log starts empty, and a voter that must catch up before anything can commit (the
     * second voter of two) would stall every write. Otherwise it joins as a stand-by (a listener that
     * catches up without being counted) while stand-bys are below {@code maxStandby}, else as a spare.
     * As in LXD the second member becomes a stand-by; the next {@link #rebalance} promotes stand-bys as
     * soon as three voters are possible.
     */
    public DatabaseRole roleForJoiningMember(List<MemberView> current)
    {
        requireNonNull(current, "current is null");
        checkUniqueNames(current);
        if (current.isEmpty()) {
            return VOTER;
        }
        long voters = count(current, VOTER);
        if (voters < maxVoters && voters % 2 == 0) {
            return VOTER;
        }
        if (count(current, STANDBY) < maxStandby) {
            return STANDBY;
        }
        return SPARE;
    }

    /**
     * The role changes, in the order to apply them, that bring {@code current} to the target shape.
     * Empty when the cluster is already in shape, or when its online voters are not a majority (no
     * configuration change could commit; the cluster needs its members back, not a plan).
     *
     * <p>Online voters are kept, then online stand-bys and spares are promoted (stand-bys first) up to
     * the target; offline voters stay voters only while no online member can take their place. The
     * leader running the plan always stays a voter. Applying the result and planning again yields no
     * change.
     *
     * @param leader the member that runs the plan; it must be an online voter of {@code current}
     */
    public List<RoleChange> rebalance(List<MemberView> current, String leader)
    {
        requireNonNull(current, "current is null");
        requireNonNull(leader, "leader is null");
        checkUniqueNames(current);
        MemberView leaderView = find(current, leader)
                .orElseThrow(() -> new IllegalArgumentException("Leader " + leader + " is not a member"));
        if (!leaderView.isVoter() || !leaderView.online()) {
            throw new IllegalArgumentException("Leader " + leader + " must be an online voter: " + leaderView);
        }
        if (!hasQuorum(current)) {
            return List.of();
        }
        Map<String, DatabaseRole> target = targetRoles(current, leaderView);
        List<RoleChange> changes = orderChanges(current, target);
        checkEveryStepKeepsQuorum(current, changes);
        return changes;
    }

    /**
     * Whether {@code member} may be removed from {@code current}. Refused (even with {@code force}) for
     * an unknown member, the only member, and the only voter when nobody online can take over; refused
     * without {@code force} when the remaining voters would have fewer online members than a majority.
     * When the removal would leave fewer voters than the target shape, an online stand-by (else spare)
     * is promoted first.
     */
    public RemovalDecision checkRemoval(List<MemberView> current, String member, boolean force)
    {
        requireNonNull(current, "current is null");
        requireNonNull(member, "member is null");
        checkUniqueNames(current);
        Optional<MemberView> removed = find(current, member);
        if (removed.isEmpty()) {
            return new RemovalDecision.Refused(404, MembershipMessages.MEMBER_NOT_FOUND);
        }
        if (current.size() == 1) {
            // LXD answers this through SmartError of a plain error, hence 500; --force does not skip it here
            // because a cluster cannot commit the configuration change that removes its last voter.
            return new RemovalDecision.Refused(500, MembershipMessages.ONLY_MEMBER);
        }
        List<MemberView> remaining = new ArrayList<>(current);
        remaining.remove(removed.get());
        List<RoleChange> changesFirst = new ArrayList<>();
        if (removed.get().isVoter() && count(remaining, VOTER) < targetVoters(remaining.size())) {
            Optional<MemberView> replacement = promotionCandidates(remaining).stream().findFirst();
            if (replacement.isPresent()) {
                RoleChange promotion = new RoleChange(replacement.get().name(), replacement.get().role(), VOTER);
                changesFirst.add(promotion);
                remaining = applyChange(remaining, promotion);
            }
            else if (count(remaining, VOTER) == 0) {
                return new RemovalDecision.Refused(400, MembershipMessages.onlyVoter(member));
            }
        }
        if (!force && !hasQuorum(remaining)) {
            long voters = count(remaining, VOTER);
            long online = remaining.stream().filter(view -> view.isVoter() && view.online()).count();
            return new RemovalDecision.Refused(400, MembershipMessages.wouldLoseQuorum(member, online, voters, majority(voters)));
        }
        return new RemovalDecision.Allowed(changesFirst);
    }

    /** Whether the online voters of {@code members} are a majority of its voters. */
    public static boolean hasQuorum(Collection<MemberView> members)
    {
        requireNonNull(members, "members is null");
        long voters = count(members, VOTER);
        long online = members.stream().filter(view -> view.isVoter() && view.online()).count();
        return voters > 0 && online >= majority(voters);
    }

    /** {@code members} with {@code change} applied; the member must currently have the change's {@code from} role. */
    public static List<MemberView> applyChange(List<MemberView> members, RoleChange change)
    {
        requireNonNull(members, "members is null");
        requireNonNull(change, "change is null");
        List<MemberView> result = new ArrayList<>(members.size());
        boolean found = false;
        for (MemberView view : members) {
            if (view.name().equals(change.member())) {
                if (view.role() != change.from()) {
                    throw new IllegalArgumentException("Member " + view.name() + " is " + view.role() + ", not " + change.from());
                }
                result.add(view.withRole(change.to()));
                found = true;
            }
            else {
                result.add(view);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("Member " + change.member() + " is not a member");
        }
        return List.copyOf(result);
    }

    private static long majority(long voters)
    {
        return voters / 2 + 1;
    }

    /** The largest odd voter count not above {@code maxVoters} nor the member count. */
    private int targetVoters(int members)
    {
        int target = Math.min(maxVoters, members);
        return target % 2 == 0 ? target - 1 : target;
    }

    private Map<String, DatabaseRole> targetRoles(List<MemberView> current, MemberView leader)
    {
        int targetVoters = targetVoters(current.size());

        // Preference order: the leader, the other online voters (no churn), then online stand-bys and
        // spares; offline voters only fill places nobody online can take.
        List<MemberView> voters = new ArrayList<>();
        voters.add(leader);
        for (MemberView candidate : concat(online(current, VOTER), promotionCandidates(current))) {
            if (voters.size() < targetVoters && !candidate.name().equals(leader.name())) {
                voters.add(candidate);
            }
        }
        for (MemberView offlineVoter : offline(current, VOTER)) {
            if (voters.size() < targetVoters) {
                voters.add(offlineVoter);
            }
        }
        if (voters.size() % 2 == 0) {
            // Fewer members can vote than the target: drop to the odd count below, giving up an offline
            // voter if there is one, else the least preferred online one (never the leader, first in line).
            Optional<MemberView> offlineVoter = voters.reversed().stream().filter(view -> !view.online()).findFirst();
            voters.remove(offlineVoter.orElse(voters.getLast()));
        }

        Set<String> voterNames = new HashSet<>();
        voters.forEach(view -> voterNames.add(view.name()));
        List<MemberView> standbyCandidates = new ArrayList<>();
        standbyCandidates.addAll(online(current, STANDBY));
        standbyCandidates.addAll(online(current, VOTER));
        standbyCandidates.addAll(online(current, SPARE));
        standbyCandidates.addAll(offline(current, STANDBY));
        Map<String, DatabaseRole> target = new LinkedHashMap<>();
        current.stream().sorted(BY_NAME).forEach(view -> target.put(view.name(), SPARE));
        voterNames.forEach(name -> target.put(name, VOTER));
        int standbys = 0;
        for (MemberView candidate : standbyCandidates) {
            if (standbys < maxStandby && !voterNames.contains(candidate.name())) {
                target.put(candidate.name(), STANDBY);
                standbys++;
            }
        }
        return target;
    }

    /**
     * Voter changes first: a promotion whenever the cluster has at most {@code maxVoters} voters, else
     * a demotion (offline voters first); then stand-by/spare changes, which do not touch the voting
     * configuration. Promotions and demotions of online voters never occur together (a plan promotes
     * only while online voters are below the target), so every step keeps quorum.
     */
    private List<RoleChange> orderChanges(List<MemberView> current, Map<String, DatabaseRole> target)
    {
        List<RoleChange> promotions = new ArrayList<>();
        List<RoleChange> offlineDemotions = new ArrayList<>();
        List<RoleChange> onlineDemotions = new ArrayList<>();
        List<RoleChange> listenerChanges = new ArrayList<>();
        for (MemberView view : current.stream().sorted(BY_NAME).toList()) {
            DatabaseRole role = target.get(view.name());
            if (role == view.role()) {
                continue;
            }
            RoleChange change = new RoleChange(view.name(), view.role(), role);
            if (change.isPromotionToVoter()) {
                promotions.add(change);
            }
            else if (change.isDemotionFromVoter()) {
                (view.online() ? onlineDemotions : offlineDemotions).add(change);
            }
            else {
                listenerChanges.add(change);
            }
        }
        Deque<RoleChange> pendingPromotions = new ArrayDeque<>(promotions);
        Deque<RoleChange> pendingDemotions = new ArrayDeque<>(concat(offlineDemotions, onlineDemotions));
        long voters = count(current, VOTER);
        List<RoleChange> ordered = new ArrayList<>();
        while (!pendingPromotions.isEmpty() || !pendingDemotions.isEmpty()) {
            if (!pendingPromotions.isEmpty() && (voters <= maxVoters || pendingDemotions.isEmpty())) {
                ordered.add(pendingPromotions.removeFirst());
                voters++;
            }
            else {
                ordered.add(pendingDemotions.removeFirst());
                voters--;
            }
        }
        ordered.addAll(listenerChanges);
        return List.copyOf(ordered);
    }

    private static void checkEveryStepKeepsQuorum(List<MemberView> current, List<RoleChange> changes)
    {
        List<MemberView> state = current;
        for (RoleChange change : changes) {
            state = applyChange(state, change);
            if (!hasQuorum(state)) {
                throw new IllegalStateException("Plan " + changes + " for " + current + " loses quorum at " + change);
            }
        }
    }

    /** Online stand-bys then online spares, each by name: who takes a voter's place. */
    private static List<MemberView> promotionCandidates(List<MemberView> members)
    {
        return concat(online(members, STANDBY), online(members, SPARE));
    }

    private static List<MemberView> online(List<MemberView> members, DatabaseRole role)
    {
        return members.stream().filter(view -> view.role() == role && view.online()).sorted(BY_NAME).toList();
    }

    private static List<MemberView> offline(List<MemberView> members, DatabaseRole role)
    {
        return members.stream().filter(view -> view.role() == role && !view.online()).sorted(BY_NAME).toList();
    }

    private static Optional<MemberView> find(List<MemberView> members, String name)
    {
        return members.stream().filter(view -> view.name().equals(name)).findFirst();
    }

    private static long count(Collection<MemberView> members, DatabaseRole role)
    {
        return members.stream().filter(view -> view.role() == role).count();
    }

    private static void checkUniqueNames(List<MemberView> members)
    {
        Set<String> names = new HashSet<>();
        for (MemberView view : members) {
            if (!names.add(view.name())) {
                throw new IllegalArgumentException("Duplicate member " + view.name());
            }
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second)
    {
        List<T> result = new ArrayList<>(first);
        result.addAll(second);
        return result;
    }
}
