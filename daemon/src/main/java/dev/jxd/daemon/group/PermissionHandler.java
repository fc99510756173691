package dev.jxd.daemon.group;

import dev.jxd.api.entity.EntityType;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/auth/permissions}. */
public final class PermissionHandler
        implements RouteProvider
{
    private final PermissionService permissions;

    public PermissionHandler(PermissionService permissions)
    {
        this.permissions = requireNonNull(permissions, "permissions is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(Route.get("/1.0/auth/permissions", AccessRule.server("can_view_permissions"), this::list));
    }

    private ApiResponse list(RequestContext request)
    {
        // Here ?project= filters; it has no default, unlike on project-scoped endpoints
        String projectParameter = request.queryParameter("project");
        Optional<String> project = projectParameter == null || projectParameter.isEmpty() ? Optional.empty() : Optional.of(projectParameter);
        Optional<EntityType> type = PermissionService.parseEntityType(request.queryParameter("entity-type"));
        if (request.recursion() < 1) {
            return ApiResponse.sync(permissions.permissions(project, type));
        }
        return ApiResponse.sync(permissions.permissionsWithGroups(project, type));
    }
}
