package dev.jxd.daemon.cluster.membership;

import dev.jxd.daemon.cluster.membership.ForwardingSession.Execute;
import dev.jxd.daemon.cluster.membership.ForwardingSession.Fail;
import dev.jxd.daemon.cluster.membership.ForwardingSession.Forward;
import dev.jxd.daemon.cluster.membership.ForwardingSession.Wait;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestForwardingSession
{
    private static final List<MemberEndpoint> MEMBERS = List.of(
            new MemberEndpoint("a", "a:8443", true),
            new MemberEndpoint("b", "b:8443", true),
            new MemberEndpoint("c", "c:8443", true));
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void notLeaderHintRedirectsTheNextAttemptWhileTheLocalViewIsStale()
    {
        ForwardingSession session = session(RequestKind.leader());
        assertThat(session.next(view("b"))).isEqualTo(new Forward("b", URI.create("https://b:8443"), 1));
        assertThat(session.onFailure(ForwardFailure.notLeader("b", Optional.of("c")))).isEqualTo(new Wait(Duration.ofMillis(10)));
        assertThat(session.next(view("b"))).isEqualTo(new Forward("c", URI.create("https://c:8443"), 1));
        assertThat(session.attempts()).isEqualTo(2);
    }

    @Test
    void notLeaderHintYieldsToANewerLocalView()
    {
        ForwardingSession session = session(RequestKind.leader());
        session.next(view("b"));
        session.onFailure(ForwardFailure.notLeader("b", Optional.of("c")));
        assertThat(session.next(view("a"))).isEqualTo(new Execute());
    }

    @Test
    void givesUpWhenNoLeaderAppears()
    {
        ForwardingSession session = session(RequestKind.leader());
        assertThat(session.next(view(null))).isEqualTo(new Wait(Duration.ofMillis(10)));
        assertThat(session.next(view(null))).isEqualTo(new Wait(Duration.ofMillis(20)));
        assertThat(session.next(view(null))).isEqualTo(new Fail(503, "No leader address found"));
        assertThatThrownBy(() -> session.next(view("a"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leaderMovingAwayExhaustsTheBudget()
    {
        ForwardingSession session = session(RequestKind.leader());
        assertThat(session.next(view("a"))).isEqualTo(new Execute());
        assertThat(session.onFailure(ForwardFailure.notLeader("a", Optional.empty()))).isInstanceOf(Wait.class);
        assertThat(session.next(view("b"))).isInstanceOf(Forward.class);
        assertThat(session.onFailure(ForwardFailure.notDelivered("b"))).isInstanceOf(Wait.class);
        assertThat(session.next(view("c"))).isInstanceOf(Forward.class);
        assertThat(session.onFailure(ForwardFailure.notLeader("c", Optional.of("b"))))
                .isEqualTo(new Fail(503, "No leader could take the request after 3 attempts"));
    }

    @Test
    void unreachableTargetIsRetriedThenReported()
    {
        ForwardingSession session = session(RequestKind.target("b"));
        assertThat(session.next(view(null))).isEqualTo(new Forward("b", URI.create("https://b:8443"), 1));
        assertThat(session.onFailure(ForwardFailure.notDelivered("b"))).isEqualTo(new Wait(Duration.ofMillis(10)));
        session.next(view(null));
        session.onFailure(ForwardFailure.notDelivered("b"));
        session.next(view(null));
        assertThat(session.onFailure(ForwardFailure.notDelivered("b")))
                .isEqualTo(new Fail(503, "Failed to forward the request to cluster member \"b\" after 3 attempts"));
    }

    @Test
    void unknownOutcomeFailsAtOnce()
    {
        ForwardingSession session = session(RequestKind.leader());
        session.next(view("b"));
        assertThat(session.onFailure(ForwardFailure.outcomeUnknown("b")))
                .isEqualTo(new Fail(504, "No response from cluster member \"b\"; the request may or may not have been applied"));
    }

    @Test
    void nonRetryableRouteFailsAtOnce()
    {
        ForwardingSession session = session(RequestKind.target("z"));
        assertThat(session.next(view("a"))).isEqualTo(new Fail(404, "Cluster member not found"));
        assertThatThrownBy(() -> session(RequestKind.leader()).onFailure(ForwardFailure.noLeader())).isInstanceOf(IllegalStateException.class);
    }

    private static ForwardingSession session(RequestKind kind)
    {
        return new ForwardingSession(new RequestRouter("a"), POLICY, kind);
    }

    private static ClusterView view(String leader)
    {
        return new ClusterView(MEMBERS, Optional.ofNullable(leader));
    }
}
