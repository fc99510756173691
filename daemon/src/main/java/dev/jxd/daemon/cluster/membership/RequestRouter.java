package dev.jxd.daemon.cluster.membership;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decides, on one member, where one attempt of a request runs: here, on another member, or nowhere.
 *
 * <p>A request is forwarded at most once ({@link #MAX_HOPS}). A member that receives a forwarded
 * request never forwards it again, even when its own view says another member should run it: it
 * answers a retryable "not leader" failure naming the leader it believes in, and the original member
 * (which holds the client connection and the {@link RetryPolicy}) tries again. Two members with
 * stale, contradicting views therefore cannot bounce a request between them, and a request reaches at
 * most two members per attempt.
 *
 * <p>The hop header must only be honoured on requests authenticated as coming from a cluster member;
 * a client setting it can only restrict where its own request runs.
 */
public final class RequestRouter
{
    /** Request header: how many times the request has been forwarded between members. */
    public static final String HOPS_HEADER = "X-Jxd-Forwarded-Hops";
    /** Response header of a 503 "not leader" answer: the leader the answering member believes in, or empty. */
    public static final String NOT_LEADER_HEADER = "X-Jxd-Not-Leader";
    public static final int MAX_HOPS = 1;

    private final String localMember;

    public RequestRouter(String localMember)
    {
        this.localMember = requireNonNull(localMember, "localMember is null");
    }

    public String localMember()
    {
        return localMember;
    }

    /**
     * Routes one attempt.
     *
     * @param hops the request's {@link #HOPS_HEADER} value: 0 for a request from a client
     */
    public Route route(RequestKind kind, ClusterView view, int hops)
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(view, "view is null");
        if (hops < 0) {
            throw new IllegalArgumentException("hops must not be negative: " + hops);
        }
        if (hops > MAX_HOPS) {
            return new Route.Fail(508, MembershipMessages.TOO_MANY_HOPS, Optional.empty());
        }
        boolean forwarded = hops > 0;
        return switch (kind) {
            case RequestKind.Local _ -> new Route.HandleLocally();
            case RequestKind.Target target -> routeToTarget(target.member(), view, forwarded);
            case RequestKind.Leader _ -> routeToLeader(view, forwarded);
        };
    }

    /** Parses a {@link #HOPS_HEADER} value; an absent header means the request comes from a client. */
    public static int parseHops(Optional<String> header)
    {
        requireNonNull(header, "header is null");
        if (header.isEmpty()) {
            return 0;
        }
        try {
            int hops = Integer.parseInt(header.get().strip());
            if (hops >= 0) {
                return hops;
            }
        }
        catch (NumberFormatException _) {
            // Reported below.
        }
        throw new IllegalArgumentException("Invalid " + HOPS_HEADER + " header: " + header.get());
    }

    private Route routeToTarget(String target, ClusterView view, boolean forwarded)
    {
        if (target.equals(localMember)) {
            return new Route.HandleLocally();
        }
        if (forwarded) {
            // The forwarding member resolved the target to us by name; a mismatch is a rename race or a bug,
            // and forwarding again could loop.
            return new Route.Fail(421, MembershipMessages.misdirected(target, localMember), Optional.empty());
        }
        Optional<MemberEndpoint> member = view.member(target);
        if (member.isEmpty()) {
            return new Route.Fail(404, MembershipMessages.MEMBER_NOT_FOUND, Optional.empty());
        }
        if (!member.get().online()) {
            return new Route.Fail(503, MembershipMessages.targetOffline(target), Optional.empty());
        }
        return new Route.Forward(target, member.get().url(), 1);
    }

    private Route routeToLeader(ClusterView view, boolean forwarded)
    {
        Optional<String> leader = view.leader();
        if (leader.isPresent() && leader.get().equals(localMember)) {
            return new Route.HandleLocally();
        }
        if (forwarded) {
            ForwardFailure cause = ForwardFailure.notLeader(localMember, leader);
            return new Route.Fail(503, MembershipMessages.notLeader(localMember), Optional.of(cause));
        }
        Optional<MemberEndpoint> leaderEndpoint = leader.flatMap(view::member);
        if (leaderEndpoint.isEmpty()) {
            return new Route.Fail(503, MembershipMessages.NO_LEADER, Optional.of(ForwardFailure.noLeader()));
        }
        // Forwarded even when the last heartbeat round marked the leader offline: Raft's leader knowledge
        // is fresher than heartbeats, and a failed connection is a retryable NOT_DELIVERED anyway.
        return new Route.Forward(leaderEndpoint.get().name(), leaderEndpoint.get().url(), 1);
    }
}
