package dev.jxd.daemon.cluster.membership;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static dev.jxd.daemon.cluster.membership.DatabaseRole.SPARE;
import static dev.jxd.daemon.cluster.membership.DatabaseRole.STANDBY;
import static dev.jxd.daemon.cluster.membership.DatabaseRole.VOTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMembershipPlanner
{
    private final MembershipPlanner planner = new MembershipPlanner();

    @Test
    void joiningMemberBecomesVoterOnlyWhenTheVoterCountStaysOdd()
    {
        assertThat(planner.roleForJoiningMember(List.of())).isEqualTo(VOTER);
        assertThat(planner.roleForJoiningMember(members("a:V"))).isEqualTo(STANDBY);
        assertThat(planner.roleForJoiningMember(members("a:V", "b:S"))).isEqualTo(STANDBY);
        assertThat(planner.roleForJoiningMember(members("a:V", "b:S", "c:S"))).isEqualTo(SPARE);
        assertThat(planner.roleForJoiningMember(members("a:V", "b:V"))).isEqualTo(VOTER);
        assertThat(planner.roleForJoiningMember(members("a:V", "b:V", "c:V"))).isEqualTo(STANDBY);
        assertThat(planner.roleForJoiningMember(members("a:V", "b:V", "c:V", "d:S", "e:S"))).isEqualTo(SPARE);
        assertThat(new MembershipPlanner(3, 0).roleForJoiningMember(members("a:V"))).isEqualTo(SPARE);
        assertThat(new MembershipPlanner(5, 2).roleForJoiningMember(members("a:V", "b:V", "c:V", "d:S"))).isEqualTo(STANDBY);
        assertThat(new MembershipPlanner(5, 2).roleForJoiningMember(members("a:V", "b:V", "c:V", "d:V"))).isEqualTo(VOTER);
    }

    @Test
    void growingClusterReachesLxdShapes()
    {
        List<MemberView> cluster = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            cluster.add(new MemberView(name, planner.roleForJoiningMember(cluster), true));
            for (RoleChange change : planner.rebalance(cluster, "a")) {
                cluster = new ArrayList<>(MembershipPlanner.applyChange(cluster, change));
            }
            shapes.add(shape(cluster));
        }
        assertThat(shapes).containsExactly("a:V", "a:V b:S", "a:V b:V c:V", "a:V b:V c:V d:S", "a:V b:V c:V d:S e:S", "a:V b:V c:V d:S e:S f:P");
    }

    @Test
    void offlineVoterIsReplacedPromotionFirst()
    {
        List<MemberView> cluster = members("a:V", "b:V", "c:V:off", "d:S", "e:P");
        List<RoleChange> changes = planner.rebalance(cluster, "a");
        assertThat(changes).containsExactly(
                new RoleChange("d", STANDBY, VOTER),
                new RoleChange("c", VOTER, SPARE),
                new RoleChange("e", SPARE, STANDBY));
        assertEveryStepKeepsQuorum(cluster, changes);
        assertThat(planner.rebalance(applyAll(cluster, changes), "a")).isEmpty();
    }

    @Test
    void standbyIsPreferredOverSpareForPromotion()
    {
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V:off", "d:P", "e:S"), "b"))
                .startsWith(new RoleChange("e", STANDBY, VOTER), new RoleChange("c", VOTER, SPARE));
        assertThat(planner.rebalance(members("a:V", "b:P", "c:S"), "a"))
                .containsExactly(new RoleChange("b", SPARE, VOTER), new RoleChange("c", STANDBY, VOTER));
    }

    @Test
    void offlineVoterStaysWhenNobodyCanReplaceIt()
    {
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V:off"), "a")).isEmpty();
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V:off", "d:S:off"), "a")).isEmpty();
    }

    @Test
    void evenVoterCountDropsToTheOddCountBelow()
    {
        // Two members: one voter and one stand-by, as LXD.
        assertThat(planner.rebalance(members("a:V", "b:V"), "b")).containsExactly(new RoleChange("a", VOTER, STANDBY));
        // Three members but one offline non-voter: two voters would tolerate no more failures than one.
        assertThat(planner.rebalance(members("a:V", "b:V", "c:S:off"), "a")).containsExactly(new RoleChange("b", VOTER, STANDBY));
        // Four voters after a replacement that stopped half-way: the offline one goes.
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V", "d:V:off"), "c")).containsExactly(new RoleChange("d", VOTER, SPARE));
    }

    @Test
    void surplusVotersAreDemotedButNeverTheLeader()
    {
        List<MemberView> cluster = members("a:V", "b:V", "c:V", "d:V", "e:V");
        List<RoleChange> changes = planner.rebalance(cluster, "e");
        assertThat(changes).containsExactly(new RoleChange("c", VOTER, STANDBY), new RoleChange("d", VOTER, STANDBY));
        assertThat(shape(applyAll(cluster, changes))).isEqualTo("a:V b:V c:S d:S e:V");
    }

    @Test
    void offlineStandbyIsReplacedByOnlineSpare()
    {
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V", "d:S:off", "e:P", "f:P"), "a")).containsExactly(
                new RoleChange("d", STANDBY, SPARE),
                new RoleChange("e", SPARE, STANDBY),
                new RoleChange("f", SPARE, STANDBY));
        assertThat(planner.rebalance(members("a:V", "b:V", "c:V", "d:S:off", "e:P"), "a")).containsExactly(new RoleChange("e", SPARE, STANDBY));
    }

    @Test
    void noPlanWithoutQuorum()
    {
        assertThat(planner.rebalance(members("a:V", "b:V:off", "c:S"), "a")).isEmpty();
        assertThat(planner.rebalance(members("a:V", "b:V:off", "c:V:off", "d:S", "e:S"), "a")).isEmpty();
    }

    @Test
    void leaderMustBeAnOnlineVoter()
    {
        assertThatThrownBy(() -> planner.rebalance(members("a:V", "b:S"), "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an online voter");
        assertThatThrownBy(() -> planner.rebalance(members("a:V"), "z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a member");
        assertThatThrownBy(() -> planner.rebalance(members("a:V", "a:S"), "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate member a");
    }

    @Test
    void rebalanceReachesAStableOddShapeFromAnyState()
    {
        Random random = new Random(20260512);
        DatabaseRole[] roles = DatabaseRole.values();
        int checked = 0;
        for (int trial = 0; trial < 10_000; trial++) {
            MembershipPlanner candidate = new MembershipPlanner(1 + 2 * random.nextInt(3), random.nextInt(4));
            List<MemberView> cluster = new ArrayList<>();
            int size = 1 + random.nextInt(8);
            for (int index = 0; index < size; index++) {
                cluster.add(new MemberView("m" + index, roles[random.nextInt(roles.length)], random.nextInt(4) != 0));
            }
            List<MemberView> onlineVoters = cluster.stream().filter(view -> view.isVoter() && view.online()).toList();
            if (onlineVoters.isEmpty() || !MembershipPlanner.hasQuorum(cluster)) {
                continue;
            }
            String leader = onlineVoters.get(random.nextInt(onlineVoters.size())).name();
            List<RoleChange> changes = candidate.rebalance(cluster, leader);
            assertEveryStepKeepsQuorum(cluster, changes);
            assertVotersStayBounded(cluster, changes, candidate.maxVoters());
            List<MemberView> settled = applyAll(cluster, changes);
            assertThat(candidate.rebalance(settled, leader)).as("second plan for %s", cluster).isEmpty();
            long voters = settled.stream().filter(MemberView::isVoter).count();
            long standbys = settled.stream().filter(view -> view.role() == STANDBY).count();
            assertThat(voters % 2).as("odd voters in %s", settled).isEqualTo(1);
            assertThat(voters).as("voters in %s", settled).isLessThanOrEqualTo(candidate.maxVoters());
            assertThat(standbys).as("stand-bys in %s", settled).isLessThanOrEqualTo(candidate.maxStandby());
            assertThat(settled.stream().filter(view -> view.name().equals(leader)).findFirst().orElseThrow().isVoter()).isTrue();
            assertThat(changes.stream().filter(RoleChange::isPromotionToVoter))
                    .allSatisfy(change -> assertThat(find(cluster, change.member()).online()).isTrue());
            checked++;
        }
        assertThat(checked).isGreaterThan(2_500);
    }

    @Test
    void applyingOneChangeAtATimeAndReplanningConverges()
    {
        // LXD's rebalance loop applies the first change and plans again; that must reach the same settled shape.
        Random random = new Random(7);
        DatabaseRole[] roles = DatabaseRole.values();
        for (int trial = 0; trial < 3_000; trial++) {
            List<MemberView> cluster = new ArrayList<>();
            int size = 1 + random.nextInt(8);
            for (int index = 0; index < size; index++) {
                cluster.add(new MemberView("m" + index, roles[random.nextInt(roles.length)], random.nextInt(4) != 0));
            }
            List<MemberView> onlineVoters = cluster.stream().filter(view -> view.isVoter() && view.online()).toList();
            if (onlineVoters.isEmpty() || !MembershipPlanner.hasQuorum(cluster)) {
                continue;
            }
            String leader = onlineVoters.getFirst().name();
            List<MemberView> settledAtOnce = applyAll(cluster, planner.rebalance(cluster, leader));
            List<MemberView> state = cluster;
            int steps = 0;
            for (List<RoleChange> plan = planner.rebalance(state, leader); !plan.isEmpty(); plan = planner.rebalance(state, leader)) {
                assertVotersStayBounded(state, plan.subList(0, 1), planner.maxVoters());
                state = MembershipPlanner.applyChange(state, plan.getFirst());
                assertThat(MembershipPlanner.hasQuorum(state)).isTrue();
                assertThat(++steps).as("steps from %s", cluster).isLessThanOrEqualTo(2 * cluster.size());
            }
            assertThat(shape(state)).as("one at a time from %s", cluster).isEqualTo(shape(settledAtOnce));
        }
    }

    @Test
    void removalOfUnknownOrOnlyMemberIsRefused()
    {
        assertThat(planner.checkRemoval(members("a:V", "b:S"), "z", true))
                .isEqualTo(new RemovalDecision.Refused(404, "Cluster member not found"));
        assertThat(planner.checkRemoval(members("a:V"), "a", true))
                .isEqualTo(new RemovalDecision.Refused(500, "Member is the only member in the cluster"));
    }

    @Test
    void removedVoterIsReplacedFirst()
    {
        RemovalDecision decision = planner.checkRemoval(members("a:V", "b:V", "c:V", "d:P", "e:S"), "c", false);
        assertThat(decision).isEqualTo(new RemovalDecision.Allowed(List.of(new RoleChange("e", STANDBY, VOTER))));
        assertThat(decision.allowed()).isTrue();
        assertThat(planner.checkRemoval(members("a:V", "b:S"), "a", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of(new RoleChange("b", STANDBY, VOTER))));
        assertThat(planner.checkRemoval(members("a:V", "b:V", "c:V", "d:S"), "d", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of()));
    }

    @Test
    void removedVoterIsNotReplacedWhenEnoughVotersRemain()
    {
        // Half-way through replacing d there are four voters; removing one still leaves three.
        assertThat(planner.checkRemoval(members("a:V", "b:V", "c:V", "d:V:off", "e:S"), "a", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of()));
        // Two members left: one voter is the target shape, so no stand-by is promoted.
        assertThat(planner.checkRemoval(members("a:V", "b:V", "c:V"), "c", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of()));
    }

    @Test
    void largerClustersReplaceAtMostOneVoterAboveTheMaximumAtATime()
    {
        MembershipPlanner five = new MembershipPlanner(5, 2);
        List<MemberView> cluster = members("a:V", "b:V", "c:V", "d:V", "e:V:off", "f:V:off", "g:S", "h:S");
        List<RoleChange> changes = five.rebalance(cluster, "a");
        assertThat(changes).containsExactly(
                new RoleChange("e", VOTER, SPARE),
                new RoleChange("g", STANDBY, VOTER),
                new RoleChange("f", VOTER, SPARE));
        assertVotersStayBounded(cluster, changes, 5);
    }

    @Test
    void removalThatLosesQuorumNeedsForce()
    {
        List<MemberView> cluster = members("a:V", "b:V", "c:V:off");
        RemovalDecision refused = planner.checkRemoval(cluster, "a", false);
        assertThat(refused).isEqualTo(new RemovalDecision.Refused(400,
                "Removing cluster member \"a\" would lose database quorum (1 of the 2 remaining voters online, 2 needed); "
                        + "bring members back online or use --force to remove it anyway"));
        assertThat(refused.allowed()).isFalse();
        assertThat(planner.checkRemoval(cluster, "a", true)).isEqualTo(new RemovalDecision.Allowed(List.of()));
        // Removing the offline voter leaves two online voters out of two.
        assertThat(planner.checkRemoval(cluster, "c", false)).isEqualTo(new RemovalDecision.Allowed(List.of()));
        // An online stand-by takes the removed voter's place, so quorum holds.
        assertThat(planner.checkRemoval(members("a:V", "b:V", "c:V:off", "d:S"), "a", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of(new RoleChange("d", STANDBY, VOTER))));
    }

    @Test
    void onlyVoterCannotLeaveWithoutAnOnlineSuccessor()
    {
        RemovalDecision.Refused expected = new RemovalDecision.Refused(400,
                "Cannot remove cluster member \"a\": it is the only database voter and no other member is online to take over");
        assertThat(planner.checkRemoval(members("a:V", "b:S:off", "c:P:off"), "a", false)).isEqualTo(expected);
        assertThat(planner.checkRemoval(members("a:V", "b:S:off", "c:P:off"), "a", true)).isEqualTo(expected);
        assertThat(planner.checkRemoval(members("a:V", "b:S:off", "c:P"), "a", false))
                .isEqualTo(new RemovalDecision.Allowed(List.of(new RoleChange("c", SPARE, VOTER))));
    }

    @Test
    void quorumAndConfigurationChecks()
    {
        assertThat(MembershipPlanner.hasQuorum(members("a:V", "b:V", "c:V:off"))).isTrue();
        assertThat(MembershipPlanner.hasQuorum(members("a:V", "b:V:off"))).isFalse();
        assertThat(MembershipPlanner.hasQuorum(members("a:S"))).isFalse();
        assertThatThrownBy(() -> new MembershipPlanner(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MembershipPlanner(3, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MembershipPlanner.applyChange(members("a:V"), new RoleChange("a", STANDBY, VOTER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Member a is VOTER, not STANDBY");
        assertThat(VOTER.apiRoles(true)).containsExactly("database-leader", "database");
        assertThat(STANDBY.apiRoles(false)).containsExactly("database-standby");
        assertThat(SPARE.apiRoles(false)).isEmpty();
        assertThat(SPARE.isDatabase(false)).isFalse();
        assertThat(STANDBY.isDatabase(false)).isTrue();
    }

    private static void assertEveryStepKeepsQuorum(List<MemberView> cluster, List<RoleChange> changes)
    {
        List<MemberView> state = cluster;
        for (RoleChange change : changes) {
            state = MembershipPlanner.applyChange(state, change);
            assertThat(MembershipPlanner.hasQuorum(state)).as("quorum after %s of %s from %s", change, changes, cluster).isTrue();
        }
    }

    /** A plan never takes the voter count above {@code maxVoters + 1}, or above where it already is. */
    private static void assertVotersStayBounded(List<MemberView> cluster, List<RoleChange> changes, int maxVoters)
    {
        long bound = Math.max(maxVoters + 1, cluster.stream().filter(MemberView::isVoter).count());
        List<MemberView> state = cluster;
        for (RoleChange change : changes) {
            state = MembershipPlanner.applyChange(state, change);
            assertThat(state.stream().filter(MemberView::isVoter).count()).as("voters after %s of %s from %s", change, changes, cluster).isLessThanOrEqualTo(bound);
        }
    }

    private static List<MemberView> applyAll(List<MemberView> cluster, List<RoleChange> changes)
    {
        List<MemberView> state = cluster;
        for (RoleChange change : changes) {
            state = MembershipPlanner.applyChange(state, change);
        }
        return state;
    }

    private static MemberView find(List<MemberView> cluster, String name)
    {
        return cluster.stream().filter(view -> view.name().equals(name)).findFirst().orElseThrow();
    }

    /** Members written as {@code name:V|S|P[:off]}. */
    private static List<MemberView> members(String... specifications)
    {
        List<MemberView> members = new ArrayList<>();
        for (String specification : specifications) {
            String[] parts = specification.split(":");
            DatabaseRole role = switch (parts[1]) {
                case "V" -> VOTER;
                case "S" -> STANDBY;
                case "P" -> SPARE;
                default -> throw new IllegalArgumentException(specification);
            };
            members.add(new MemberView(parts[0], role, parts.length < 3));
        }
        return members;
    }

    private static String shape(List<MemberView> cluster)
    {
        return String.join(" ", cluster.stream()
                .sorted(Comparator.comparing(MemberView::name))
                .map(view -> view.name() + ":" + switch (view.role()) {
                    case VOTER -> "V";
                    case STANDBY -> "S";
                    case SPARE -> "P";
                })
                .toList());
    }
}
