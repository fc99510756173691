package dev.jxd.daemon.project;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.project.Project;
import dev.jxd.api.project.ProjectPut;
import dev.jxd.api.project.ProjectsPost;
import dev.jxd.api.validate.Names;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Project rules: names, configuration keys, the undeletable {@code default} project. */
public final class ProjectService
{
    public static final String DEFAULT_PROJECT = "default";

    private final StateStore store;
    private final Authorization authorization;
    private final EventBus events;

    public ProjectService(StateStore store, Authorization authorization, EventBus events)
    {
        this.store = requireNonNull(store, "store is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.events = requireNonNull(events, "events is null");
    }

    /** The projects the caller may view, ordered by name. */
    public List<Project> list(Caller caller)
    {
        return store.read(connection -> ProjectStore.names(connection).stream()
                .filter(name -> authorization.canView(caller, EntityUrl.project(name)))
                .map(name -> ProjectStore.find(connection, name).orElseThrow())
                .toList());
    }

    public Project get(String name)
    {
        return store.read(connection -> ProjectStore.find(connection, name))
                .orElseThrow(() -> HttpStatusException.notFound("Project not found"));
    }

    public boolean exists(String name)
    {
        return store.read(connection -> ProjectStore.exists(connection, name));
    }

    public void create(ProjectsPost request, Requestor requestor)
    {
        validateName(request.name());
        Map<String, String> config = validateConfig(request.config());
        store.execute(new ProjectStore.CreateProject(request.name(), nullToEmpty(request.description()), config));
        events.lifecycle("project-created", "/1.0/projects/" + request.name(), Map.of(), requestor, null);
    }

    public void update(String name, ProjectPut request, boolean merge, Requestor requestor)
    {
        Project current = get(name);
        Map<String, String> config = new TreeMap<>(merge ? current.config() : Map.of());
        if (request.config() != null) {
            config.putAll(request.config());
        }
        config = validateConfig(config);
        String description = request.description() == null || (merge && request.description().isEmpty())
                ? (merge ? current.description() : "")
                : request.description();
        store.execute(new ProjectStore.UpdateProject(name, description, config));
        events.lifecycle("project-updated", "/1.0/projects/" + name, Map.of(), requestor, null);
    }

    public void rename(String name, String newName, Requestor requestor)
    {
        if (name.equals(DEFAULT_PROJECT)) {
            throw HttpStatusException.forbidden("The 'default' project cannot be renamed");
        }
        validateName(newName);
        get(name);
        store.execute(new ProjectStore.RenameProject(name, newName));
        events.lifecycle("project-renamed", "/1.0/projects/" + newName, Map.of("old_name", name), requestor, null);
    }

    public void delete(String name, Requestor requestor)
    {
        if (name.equals(DEFAULT_PROJECT)) {
            throw HttpStatusException.forbidden("The 'default' project cannot be deleted");
        }
        get(name);
        store.execute(new ProjectStore.DeleteProject(name));
        events.lifecycle("project-deleted", "/1.0/projects/" + name, Map.of(), requestor, null);
    }

    private static void validateName(String name)
    {
        if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            throw HttpStatusException.badRequest("Project name cannot contain control characters");
        }
        try {
            Names.validateProjectName(name);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    /** Only {@code user.*} keys exist so far; features that add project keys add them here. */
    private static Map<String, String> validateConfig(Map<String, String> config)
    {
        Map<String, String> result = new TreeMap<>();
        if (config == null) {
            return result;
        }
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (!entry.getKey().startsWith("user.") || entry.getKey().length() == "user.".length()) {
                throw HttpStatusException.badRequest("Invalid project configuration key \"" + entry.getKey() + "\"");
            }
            if (entry.getValue() != null && !entry.getValue().isEmpty()) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    private static String nullToEmpty(String value)
    {
        return value == null ? "" : value;
    }
}
