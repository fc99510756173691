package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPost;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/auth/groups}. */
public final class GroupHandler
        implements RouteProvider
{
    private static final String NAME = "groupName";

    private final GroupService groups;
    private final Authorization authorization;

    public GroupHandler(GroupService groups, Authorization authorization)
    {
        this.groups = requireNonNull(groups, "groups is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/auth/groups", AccessRule.authenticated(), this::list),
                Route.post("/1.0/auth/groups", AccessRule.server("can_create_groups"), this::create),
                Route.get("/1.0/auth/groups/{groupName}", AccessRule.entity(EntityType.GROUP, "can_view", NAME), this::get),
                Route.put("/1.0/auth/groups/{groupName}", AccessRule.entity(EntityType.GROUP, "can_edit", NAME), this::replace),
                Route.patch("/1.0/auth/groups/{groupName}", AccessRule.entity(EntityType.GROUP, "can_edit", NAME), this::patch),
                Route.post("/1.0/auth/groups/{groupName}", AccessRule.entity(EntityType.GROUP, "can_edit", NAME), this::rename),
                Route.delete("/1.0/auth/groups/{groupName}", AccessRule.entity(EntityType.GROUP, "can_delete", NAME), this::delete));
    }

    private ApiResponse list(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.GROUP, true);
        if (request.recursion() < 1) {
            return ApiResponse.sync(groups.visibleNames(request.caller()).stream().map(name -> EntityUrl.group(name).url()).toList());
        }
        return ApiResponse.sync(groups.list(request.caller()).stream()
                .map(group -> withEntitlements(request, group, entitlements))
                .toList());
    }

    private ApiResponse create(RequestContext request)
    {
        AuthGroupsPost body = request.body(AuthGroupsPost.class);
        groups.create(body, origin(request));
        return ApiResponse.created(EntityUrl.group(body.name()).url());
    }

    private ApiResponse get(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.GROUP, false);
        AuthGroup group = groups.get(request.pathParameter(NAME), request.caller());
        // The tag covers the object without access entitlements, so it matches what PUT and PATCH compare against
        return ApiResponse.syncWithEtag(withEntitlements(request, group, entitlements), ETags.of(group));
    }

    private ApiResponse replace(RequestContext request)
    {
        String name = request.pathParameter(NAME);
        AuthGroupPut body = request.body(AuthGroupPut.class);
        ETags.check(request, groups.get(name, request.caller()));
        groups.replace(name, body, origin(request));
        return ApiResponse.empty();
    }

    private ApiResponse patch(RequestContext request)
    {
        String name = request.pathParameter(NAME);
        AuthGroupPut body = request.body(AuthGroupPut.class);
        ETags.check(request, groups.get(name, request.caller()));
        groups.addPermissions(name, body, origin(request));
        return ApiResponse.empty();
    }

    private ApiResponse rename(RequestContext request)
    {
        AuthGroupPost body = request.body(AuthGroupPost.class);
        groups.rename(request.pathParameter(NAME), body.name(), origin(request));
        return ApiResponse.created(EntityUrl.group(body.name()).url());
    }

    private ApiResponse delete(RequestContext request)
    {
        groups.delete(request.pathParameter(NAME), origin(request));
        return ApiResponse.empty();
    }

    private AuthGroup withEntitlements(RequestContext request, AuthGroup group, List<String> entitlements)
    {
        return group.withAccessEntitlements(authorization.heldEntitlements(request.caller(), EntityUrl.group(group.name()), entitlements));
    }

    private static GroupService.Origin origin(RequestContext request)
    {
        return new GroupService.Origin(request.requestor(), request.method(), request.path());
    }
}
