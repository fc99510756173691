package dev.jxd.daemon.link;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinkPost;
import dev.jxd.api.link.ClusterLinkPut;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/cluster/links} (spec §4.6): translates requests to {@link ClusterLinkCreation} and {@link ClusterLinkService}. */
final class ClusterLinkHandler
        implements RouteProvider
{
    private static final String LINK = "/1.0/cluster/links/{name}";

    private final ClusterLinkService links;
    private final ClusterLinkCreation creation;
    private final Authorization authorization;

    ClusterLinkHandler(ClusterLinkService links, ClusterLinkCreation creation, Authorization authorization)
    {
        this.links = requireNonNull(links, "links is null");
        this.creation = requireNonNull(creation, "creation is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/cluster/links", AccessRule.authenticated(), this::list),
                // Untrusted callers reach it for server-to-server activation; every other mode checks server entitlements itself
                Route.post("/1.0/cluster/links", AccessRule.untrustedAllowed(), this::create),
                Route.get(LINK, AccessRule.entity(EntityType.CLUSTER_LINK, "can_view", "name"), this::get),
                Route.put(LINK, AccessRule.entity(EntityType.CLUSTER_LINK, "can_edit", "name"), request -> update(request, false)),
                Route.patch(LINK, AccessRule.entity(EntityType.CLUSTER_LINK, "can_edit", "name"), request -> update(request, true)),
                Route.post(LINK, AccessRule.entity(EntityType.CLUSTER_LINK, "can_edit", "name"), this::rename),
                Route.delete(LINK, AccessRule.entity(EntityType.CLUSTER_LINK, "can_delete", "name"), this::delete),
                Route.get(LINK + "/state", AccessRule.entity(EntityType.CLUSTER_LINK, "can_view", "name"), this::state),
                // LXD's test hook for the daily address refresh (spec §4.13); internal routes are never for remote callers
                Route.post("/internal/testing/cluster/link/refresh-volatile-addresses", AccessRule.localOnly(), this::refreshAddresses));
    }

    private ApiResponse list(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.CLUSTER_LINK, true);
        List<ClusterLink> visible = links.list(request.caller());
        if (request.recursion() < 1) {
            return ApiResponse.sync(visible.stream().map(link -> EntityUrl.clusterLink(link.name()).url()).toList());
        }
        return ApiResponse.sync(visible.stream()
                .map(link -> link.withAccessEntitlements(authorization.heldEntitlements(request.caller(), EntityUrl.clusterLink(link.name()), entitlements)))
                .toList());
    }

    private ApiResponse create(RequestContext request)
    {
        return switch (creation.create(request.body(ClusterLinksPost.class), request.caller(), request.requestor())) {
            case ClusterLinkCreation.Outcome.Pending pending -> ApiResponse.created(pending.identityUrl(), pending.token());
            case ClusterLinkCreation.Outcome.Created created -> ApiResponse.created(created.identityUrl());
            case ClusterLinkCreation.Outcome.Done _ -> ApiResponse.empty();
            case ClusterLinkCreation.Outcome.PublicPending pending -> ApiResponse.sync(pending.certificate());
        };
    }

    private ApiResponse get(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.CLUSTER_LINK, false);
        ClusterLink link = links.get(request.pathParameter("name"));
        return ApiResponse.syncWithEtag(
                link.withAccessEntitlements(authorization.heldEntitlements(request.caller(), EntityUrl.clusterLink(link.name()), entitlements)),
                ETags.of(new ClusterLinkPut(link.description(), link.config())));
    }

    private ApiResponse update(RequestContext request, boolean patch)
    {
        ClusterLinkPut body = request.body(ClusterLinkPut.class);
        links.update(request.pathParameter("name"), body, patch, current -> ETags.check(request, current), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse rename(RequestContext request)
    {
        ClusterLinkPost body = request.body(ClusterLinkPost.class);
        links.rename(request.pathParameter("name"), body.name() == null ? "" : body.name(), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse delete(RequestContext request)
    {
        links.delete(request.pathParameter("name"), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse state(RequestContext request)
    {
        return ApiResponse.sync(links.state(request.pathParameter("name")));
    }

    private ApiResponse refreshAddresses(RequestContext request)
    {
        links.refreshAllAddresses();
        return ApiResponse.empty();
    }
}
