package dev.jxd.daemon.cluster.membership;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRequestRouter
{
    private static final List<MemberEndpoint> MEMBERS = List.of(
            new MemberEndpoint("a", "10.0.0.1:8443", true),
            new MemberEndpoint("b", "10.0.0.2:8443", true),
            new MemberEndpoint("c", "[fd00::3]:8443", false));

    private final RequestRouter router = new RequestRouter("a");

    @Test
    void localRequestsRunWhereTheyArrive()
    {
        assertThat(router.route(RequestKind.local(), view(Optional.empty()), 0)).isEqualTo(new Route.HandleLocally());
        assertThat(router.route(RequestKind.local(), view(Optional.of("b")), 1)).isEqualTo(new Route.HandleLocally());
    }

    @Test
    void leaderRequestsRunOnTheLeaderOrAreForwardedOnce()
    {
        assertThat(router.route(RequestKind.leader(), view(Optional.of("a")), 0)).isEqualTo(new Route.HandleLocally());
        assertThat(router.route(RequestKind.leader(), view(Optional.of("a")), 1)).isEqualTo(new Route.HandleLocally());
        assertThat(router.route(RequestKind.leader(), view(Optional.of("b")), 0))
                .isEqualTo(new Route.Forward("b", URI.create("https://10.0.0.2:8443"), 1));
        // The heartbeat view may lag behind Raft: an "offline" leader is still tried.
        assertThat(router.route(RequestKind.leader(), view(Optional.of("c")), 0))
                .isEqualTo(new Route.Forward("c", URI.create("https://[fd00::3]:8443"), 1));
    }

    @Test
    void leaderRequestWithoutKnownLeaderIsRetryable()
    {
        Route.Fail expected = new Route.Fail(503, "No leader address found", Optional.of(ForwardFailure.noLeader()));
        assertThat(router.route(RequestKind.leader(), view(Optional.empty()), 0)).isEqualTo(expected);
        assertThat(router.route(RequestKind.leader(), view(Optional.of("gone")), 0)).isEqualTo(expected);
    }

    @Test
    void forwardedLeaderRequestIsNeverForwardedAgain()
    {
        assertThat(router.route(RequestKind.leader(), view(Optional.of("b")), 1)).isEqualTo(new Route.Fail(
                503,
                "Cluster member \"a\" is not the leader",
                Optional.of(new ForwardFailure(ForwardFailure.Reason.NOT_LEADER, Optional.of("a"), Optional.of("b")))));
        assertThat(router.route(RequestKind.leader(), view(Optional.empty()), 1)).isEqualTo(new Route.Fail(
                503,
                "Cluster member \"a\" is not the leader",
                Optional.of(new ForwardFailure(ForwardFailure.Reason.NOT_LEADER, Optional.of("a"), Optional.empty()))));
    }

    @Test
    void targetRequestsRunOnTheNamedMember()
    {
        assertThat(router.route(RequestKind.target("a"), view(Optional.empty()), 0)).isEqualTo(new Route.HandleLocally());
        assertThat(router.route(RequestKind.target("a"), view(Optional.empty()), 1)).isEqualTo(new Route.HandleLocally());
        assertThat(router.route(RequestKind.target("b"), view(Optional.empty()), 0))
                .isEqualTo(new Route.Forward("b", URI.create("https://10.0.0.2:8443"), 1));
        assertThat(router.route(RequestKind.target("z"), view(Optional.of("a")), 0))
                .isEqualTo(new Route.Fail(404, "Cluster member not found", Optional.empty()));
        assertThat(router.route(RequestKind.target("c"), view(Optional.of("a")), 0))
                .isEqualTo(new Route.Fail(503, "Cluster member \"c\" is offline", Optional.empty()));
        assertThat(router.route(RequestKind.target("b"), view(Optional.of("a")), 1))
                .isEqualTo(new Route.Fail(421, "Request for cluster member \"b\" was forwarded to cluster member \"a\"", Optional.empty()));
    }

    @Test
    void hopLimit()
    {
        assertThat(router.route(RequestKind.local(), view(Optional.of("a")), 2))
                .isEqualTo(new Route.Fail(508, "Request was already forwarded between cluster members", Optional.empty()));
        assertThatThrownBy(() -> router.route(RequestKind.local(), view(Optional.of("a")), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestRouter.parseHops(Optional.empty())).isZero();
        assertThat(RequestRouter.parseHops(Optional.of(" 1 "))).isEqualTo(1);
        assertThatThrownBy(() -> RequestRouter.parseHops(Optional.of("-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid X-Jxd-Forwarded-Hops header: -1");
        assertThatThrownBy(() -> RequestRouter.parseHops(Optional.of("one"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void viewRejectsDuplicateMembers()
    {
        assertThatThrownBy(() -> new ClusterView(List.of(MEMBERS.getFirst(), MEMBERS.getFirst()), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate member a");
    }

    private static ClusterView view(Optional<String> leader)
    {
        return new ClusterView(MEMBERS, leader);
    }
}
