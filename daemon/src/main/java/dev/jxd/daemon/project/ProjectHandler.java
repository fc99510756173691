package dev.jxd.daemon.project;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.project.Project;
import dev.jxd.api.project.ProjectPost;
import dev.jxd.api.project.ProjectPut;
import dev.jxd.api.project.ProjectsPost;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/projects}. */
public final class ProjectHandler
        implements RouteProvider
{
    private final ProjectService projects;
    private final Authorization authorization;

    public ProjectHandler(ProjectService projects, Authorization authorization)
    {
        this.projects = requireNonNull(projects, "projects is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/projects", AccessRule.authenticated(), this::list),
                Route.post("/1.0/projects", AccessRule.server("can_create_projects"), this::create),
                Route.get("/1.0/projects/{name}", AccessRule.entity(EntityType.PROJECT, "can_view", "name"), this::get),
                Route.put("/1.0/projects/{name}", AccessRule.entity(EntityType.PROJECT, "can_edit", "name"), request -> update(request, false)),
                Route.patch("/1.0/projects/{name}", AccessRule.entity(EntityType.PROJECT, "can_edit", "name"), request -> update(request, true)),
                Route.post("/1.0/projects/{name}", AccessRule.entity(EntityType.PROJECT, "can_edit", "name"), this::rename),
                Route.delete("/1.0/projects/{name}", AccessRule.entity(EntityType.PROJECT, "can_delete", "name"), this::delete));
    }

    private ApiResponse list(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.PROJECT, true);
        List<Project> visible = projects.list(request.caller());
        if (request.recursion() < 1) {
            return ApiResponse.sync(visible.stream().map(project -> EntityUrl.project(project.name()).url()).toList());
        }
        return ApiResponse.sync(visible.stream()
                .map(project -> project.withAccessEntitlements(authorization.heldEntitlements(request.caller(), EntityUrl.project(project.name()), entitlements)))
                .toList());
    }

    private ApiResponse create(RequestContext request)
    {
        ProjectsPost body = request.body(ProjectsPost.class);
        projects.create(body, request.requestor());
        return ApiResponse.created(EntityUrl.project(body.name()).url());
    }

    private ApiResponse get(RequestContext request)
    {
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.PROJECT, false);
        Project project = projects.get(request.pathParameter("name"));
        return ApiResponse.syncWithEtag(
                project.withAccessEntitlements(authorization.heldEntitlements(request.caller(), EntityUrl.project(project.name()), entitlements)),
                ETags.of(new ProjectPut(project.description(), project.config())));
    }

    private ApiResponse update(RequestContext request, boolean merge)
    {
        String name = request.pathParameter("name");
        Project current = projects.get(name);
        ETags.check(request, new ProjectPut(current.description(), current.config()));
        projects.update(name, request.body(ProjectPut.class), merge, request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse rename(RequestContext request)
    {
        ProjectPost body = request.body(ProjectPost.class);
        projects.rename(request.pathParameter("name"), body.name(), request.requestor());
        return ApiResponse.created(EntityUrl.project(body.name()).url());
    }

    private ApiResponse delete(RequestContext request)
    {
        projects.delete(request.pathParameter("name"), request.requestor());
        return ApiResponse.empty();
    }
}
