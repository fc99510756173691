package dev.jxd.daemon.cluster;

import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberPost;
import dev.jxd.api.cluster.ClusterMemberPut;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.event.Event;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/cluster}, {@code /1.0/cluster/members} and the join hand-shake. Thin: rules live in {@link ClusterService}. */
final class ClusterHandler
        implements RouteProvider
{
    private static final String NAME = "name";

    private final ClusterService cluster;
    private final EventBus events;

    ClusterHandler(ClusterService cluster, EventBus events)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/cluster", AccessRule.authenticated(), _ -> ApiResponse.sync(cluster.info())),
                Route.put("/1.0/cluster", AccessRule.server("can_edit"), this::update),
                // Any authenticated caller may list members: linked clusters read their addresses (spec §4.13)
                Route.get("/1.0/cluster/members", AccessRule.authenticated(), this::list),
                Route.post("/1.0/cluster/members", AccessRule.server("can_edit"), this::createJoinToken),
                Route.get("/1.0/cluster/members/{name}", AccessRule.authenticated(), this::get),
                Route.put("/1.0/cluster/members/{name}", AccessRule.server("can_edit"), request -> update(request, false)),
                Route.patch("/1.0/cluster/members/{name}", AccessRule.server("can_edit"), request -> update(request, true)),
                Route.post("/1.0/cluster/members/{name}", AccessRule.server("can_edit"), this::rename),
                Route.delete("/1.0/cluster/members/{name}", AccessRule.server("can_edit"), this::remove),
                // The joiner is not trusted yet: the token's secret authenticates it, checked in one command
                Route.post("/1.0/cluster/join", AccessRule.untrustedAllowed(), this::join),
                Route.post("/internal/cluster/members/{raftId}/activate", AccessRule.localOnly(), this::activate),
                // The service also checks that the caller is another member, not the local administrator
                Route.post(ClusterService.LEAVE_PATH, AccessRule.localOnly(), this::leave),
                Route.get(ClusterService.MEMBERSHIP_PATH + "{raftId}", AccessRule.localOnly(), this::checkMembership),
                Route.post(ClusterEventMesh.PATH, AccessRule.localOnly(), this::receiveEvent));
    }

    private ApiResponse update(RequestContext request)
    {
        return ApiResponse.async(cluster.update(request.body(ClusterPut.class), request.requestor()));
    }

    private ApiResponse list(RequestContext request)
    {
        List<ClusterMember> members = cluster.members();
        if (request.recursion() < 1) {
            return ApiResponse.sync(members.stream().map(member -> "/1.0/cluster/members/" + member.serverName()).toList());
        }
        return ApiResponse.sync(members);
    }

    private ApiResponse createJoinToken(RequestContext request)
    {
        ClusterMembersPost body = request.body(ClusterMembersPost.class);
        return ApiResponse.async(cluster.createJoinToken(body.serverName(), request.requestor()));
    }

    private ApiResponse get(RequestContext request)
    {
        ClusterMember member = cluster.member(request.pathParameter(NAME));
        return ApiResponse.syncWithEtag(member, ETags.of(member.writable()));
    }

    private ApiResponse update(RequestContext request, boolean merge)
    {
        String name = request.pathParameter(NAME);
        ClusterMember current = cluster.member(name);
        ETags.check(request, current.writable());
        ClusterMemberPut body = request.body(ClusterMemberPut.class);
        if (merge) {
            Map<String, String> config = new LinkedHashMap<>(current.config());
            config.putAll(body.config());
            body = new ClusterMemberPut(
                    body.roles().isEmpty() ? current.roles() : body.roles(),
                    body.failureDomain().isEmpty() ? current.failureDomain() : body.failureDomain(),
                    body.description().isEmpty() ? current.description() : body.description(),
                    config,
                    body.groups());
        }
        cluster.updateMember(name, body, request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse rename(RequestContext request)
    {
        ClusterMemberPost body = request.body(ClusterMemberPost.class);
        cluster.renameMember(request.pathParameter(NAME), body.serverName(), request.requestor());
        return ApiResponse.created("/1.0/cluster/members/" + body.serverName());
    }

    private ApiResponse remove(RequestContext request)
    {
        String force = request.queryParameter("force", "0");
        cluster.removeMember(request.pathParameter(NAME), force.equals("1") || force.equals("true"), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse join(RequestContext request)
    {
        return ApiResponse.sync(cluster.acceptJoin(request.body(JoinRequest.class)));
    }

    private ApiResponse receiveEvent(RequestContext request)
    {
        events.publishFromMember(request.body(Event.class));
        return ApiResponse.empty();
    }

    private ApiResponse leave(RequestContext request)
    {
        cluster.leave(request.body(LeaveNotice.class), request.caller());
        return ApiResponse.empty();
    }

    private ApiResponse checkMembership(RequestContext request)
    {
        cluster.checkMembership(request.pathParameter("raftId"), request.caller());
        return ApiResponse.empty();
    }

    private ApiResponse activate(RequestContext request)
    {
        cluster.activateMember(request.pathParameter("raftId"), request.requestor());
        return ApiResponse.empty();
    }
}
