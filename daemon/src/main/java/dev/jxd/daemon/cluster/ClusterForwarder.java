package dev.jxd.daemon.cluster;

import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClientException;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.cluster.membership.ClusterView;
import dev.jxd.daemon.cluster.membership.ForwardFailure;
import dev.jxd.daemon.cluster.membership.ForwardingSession;
import dev.jxd.daemon.cluster.membership.MemberEndpoint;
import dev.jxd.daemon.cluster.membership.RetryPolicy;
import dev.jxd.daemon.cluster.membership.RequestKind;
import dev.jxd.daemon.cluster.membership.RequestRouter;
import dev.jxd.daemon.cluster.membership.Route;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestForwarder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs requests where they must run: {@code ?target=<member>} on that member, membership changes on the
 * Raft leader (retrying as leadership moves), and reads of the member list on the leader when it can answer
 * (it alone knows who is online). A request is sent on with the cluster certificate, naming the original
 * caller in headers the member trusts only from another member. A request that a member forwarded is never
 * forwarded again, so a stale view cannot make requests circle.
 */
public final class ClusterForwarder
        implements RequestForwarder, AutoCloseable
{
    private static final ClientOptions CLIENT_OPTIONS = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), "jxd-forward", Optional.of(Duration.ofSeconds(60)));
    // Asking the leader for its view is an improvement on the local answer, not worth a long wait
    private static final ClientOptions LEADER_VIEW_OPTIONS = new ClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2), "jxd-leader-view", Optional.of(Duration.ofSeconds(2)));
    private static final String MEMBERS_PATH = "/1.0/cluster/members";
    /** Headers of another member's answer that clients read, passed on with the body. */
    private static final List<String> PASSED_HEADERS = List.of("ETag", "Location");

    private final ClusterContext context;
    private final Supplier<ClusterView> view;
    private final MemberClients clients;
    private final MemberClients leaderViewClients;

    public ClusterForwarder(ClusterFeature cluster)
    {
        requireNonNull(cluster, "cluster is null");
        this.context = cluster.context();
        this.view = cluster::view;
        this.clients = new MemberClients(cluster::servedCertificate, CLIENT_OPTIONS);
        this.leaderViewClients = new MemberClients(cluster::servedCertificate, LEADER_VIEW_OPTIONS);
    }

    @Override
    public Optional<ApiResponse> forward(Request request, byte[] body, Caller caller)
    {
        if (!context.clustered()) {
            return Optional.empty();
        }
        String target = target(request.getHttpURI().getQuery());
        RequestKind kind;
        if (target != null && !target.isEmpty()) {
            kind = RequestKind.target(target);
        }
        else if (mustRunOnLeader(request.getMethod(), request.getHttpURI().getPath())) {
            kind = RequestKind.leader();
        }
        else if (readsLeaderView(request.getMethod(), request.getHttpURI().getPath()) && hops(request) == 0 && caller.trusted()) {
            return leaderView(request, caller);
        }
        else {
            return Optional.empty();
        }
        int hops = hops(request);
        RequestRouter router = new RequestRouter(context.memberName().orElse(""));
        if (hops > 0) {
            // Forwarded to us: answer here or say who we think leads; never forward again
            return switch (router.route(kind, view.get(), hops)) {
                case Route.HandleLocally _ -> Optional.empty();
                case Route.Fail fail -> {
                    HttpStatusException failure = new HttpStatusException(fail.status(), fail.message());
                    if (fail.cause().isPresent()) {
                        failure.withHeader(RequestRouter.NOT_LEADER_HEADER, fail.cause().get().leaderHint().orElse(""));
                    }
                    throw failure;
                }
                case Route.Forward _ -> throw new HttpStatusException(508, "Request was already forwarded between cluster members");
            };
        }
        ForwardingSession session = new ForwardingSession(router, RetryPolicy.DEFAULT, kind);
        ForwardingSession.Step step = session.next(view.get());
        while (true) {
            switch (step) {
                case ForwardingSession.Execute _ -> {
                    return Optional.empty();
                }
                case ForwardingSession.Fail fail -> throw new HttpStatusException(fail.status(), fail.message());
                case ForwardingSession.Wait wait -> {
                    sleep(wait.delay());
                    step = session.next(view.get());
                }
                case ForwardingSession.Forward forward -> {
                    if (!caller.trusted()) {
                        throw HttpStatusException.forbidden();
                    }
                    Attempt attempt = send(clients, forward, request, body, caller);
                    if (attempt.response().isPresent()) {
                        return attempt.response();
                    }
                    step = session.onFailure(attempt.failure().orElseThrow());
                }
            }
        }
    }

    private static int hops(Request request)
    {
        try {
            return RequestRouter.parseHops(Optional.ofNullable(request.getHeaders().get(RequestRouter.HOPS_HEADER)));
        }
        catch (IllegalArgumentException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    /**
     * Reading the members: their status comes from heartbeats, which only the leader receives, so a follower
     * asks the leader once, briefly. When the leader cannot answer, the follower answers itself as it did
     * before: with its own view (peers shown online) while it has quorum, 503 without.
     */
    static boolean readsLeaderView(String method, String path)
    {
        return method.equals("GET") && (path.equals(MEMBERS_PATH) || path.startsWith(MEMBERS_PATH + "/"));
    }

    private Optional<ApiResponse> leaderView(Request request, Caller caller)
    {
        ClusterView current = view.get();
        String self = context.memberName().orElse("");
        Optional<MemberEndpoint> leader = current.leader().filter(name -> !name.equals(self)).flatMap(current::member);
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        ForwardingSession.Forward forward = new ForwardingSession.Forward(leader.get().name(), leader.get().url(), 1);
        return send(leaderViewClients, forward, request, new byte[0], caller).response()
                .filter(answer -> !(answer instanceof ApiResponse.Raw raw) || raw.httpStatus() < 500);
    }

    /** Membership changes run on the leader, which can then re-plan roles at once. */
    static boolean mustRunOnLeader(String method, String path)
    {
        if (method.equals("POST") && path.startsWith("/internal/cluster/members/") && path.endsWith("/activate")) {
            return true;
        }
        return method.equals("DELETE") && path.startsWith("/1.0/cluster/members/");
    }

    private record Attempt(Optional<ApiResponse> response, Optional<ForwardFailure> failure) {}

    private static Attempt send(MemberClients clients, ForwardingSession.Forward forward, Request request, byte[] body, Caller caller)
    {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RequestRouter.HOPS_HEADER, Integer.toString(forward.hops()));
        headers.put(FORWARDED_PROTOCOL, caller.protocol());
        headers.put(FORWARDED_USERNAME, caller.username());
        headers.put(FORWARDED_ADDRESS, caller.address());
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        RawResponse response;
        try {
            response = clients.forAddress(forward.url().getAuthority()).rawRequest(request.getMethod(), request.getHttpURI().getPathQuery(), body.length == 0 ? null : body,
                    contentType == null ? "application/json" : contentType, headers);
        }
        catch (JxdClientException exception) {
            // A refused connection never reached the member; anything later may have been applied there
            boolean refused = exception.getCause() instanceof java.net.ConnectException
                    || String.valueOf(exception.getMessage()).contains("Connection refused");
            return new Attempt(Optional.empty(), Optional.of(refused ? ForwardFailure.notDelivered(forward.member()) : ForwardFailure.outcomeUnknown(forward.member())));
        }
        String notLeader = response.headers().get(RequestRouter.NOT_LEADER_HEADER);
        if (response.status() == 503 && notLeader != null) {
            return new Attempt(Optional.empty(), Optional.of(ForwardFailure.notLeader(forward.member(), notLeader.isEmpty() ? Optional.empty() : Optional.of(notLeader))));
        }
        String responseType = response.headers().getOrDefault("Content-Type", "application/json");
        Map<String, String> passed = new LinkedHashMap<>();
        for (String name : PASSED_HEADERS) {
            String value = response.headers().get(name);
            if (value != null) {
                passed.put(name, value);
            }
        }
        return new Attempt(Optional.of(new ApiResponse.Raw(response.status(), responseType, response.body(), passed)), Optional.empty());
    }

    private static void sleep(java.time.Duration delay)
    {
        try {
            Thread.sleep(delay);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(503, "Interrupted while waiting for a cluster leader");
        }
    }

    static String target(String rawQuery)
    {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("target=")) {
                return java.net.URLDecoder.decode(pair.substring("target=".length()), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close()
    {
        clients.close();
        leaderViewClients.close();
    }
}
