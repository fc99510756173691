package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.validate.Names;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** Authorization group rules (spec §2.9, §2.7.4): names, permission validation, the protected {@code admins} group, events. */
public final class GroupService
{
    /** The bootstrap group holding {@code admin} on the server; it can be neither changed, renamed nor deleted. */
    public static final String ADMINS_GROUP = "admins";

    private final StateStore store;
    private final Authorization authorization;
    private final EventBus events;
    private final PermissionValidator validator;

    /** Who asked for a change and through which request, for lifecycle and security events. */
    public record Origin(Requestor requestor, String method, String path)
    {
        public Origin
        {
            requireNonNull(requestor, "requestor is null");
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
        }
    }

    GroupService(StateStore store, Authorization authorization, EventBus events, PermissionValidator validator)
    {
        this.store = requireNonNull(store, "store is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.events = requireNonNull(events, "events is null");
        this.validator = requireNonNull(validator, "validator is null");
    }

    /** The names of the groups the caller may view, sorted. */
    public List<String> visibleNames(Caller caller)
    {
        return store.read(GroupStore::names).stream()
                .filter(name -> authorization.canView(caller, EntityUrl.group(name)))
                .toList();
    }

    /** The groups the caller may view, sorted by name, as the caller may see them. */
    public List<AuthGroup> list(Caller caller)
    {
        // Read first, then ask the authorizer: it may itself need a database connection to refresh
        List<GroupData> groups = store.read(connection -> GroupStore.all(connection).stream()
                .map(row -> GroupData.load(connection, row))
                .toList());
        return groups.stream()
                .filter(group -> authorization.canView(caller, EntityUrl.group(group.row().name())))
                .map(group -> toApi(group, caller))
                .toList();
    }

    /** The group as the caller may see it: members are limited to the identities the caller can view. */
    public AuthGroup get(String name, Caller caller)
    {
        GroupData group = store.read(connection -> GroupStore.find(connection, name).map(row -> GroupData.load(connection, row)))
                .orElseThrow(GroupStore::notFound);
        return toApi(group, caller);
    }

    public void create(AuthGroupsPost request, Origin origin)
    {
        String name = request.name();
        validateName(name);
        List<Permission> permissions = validator.resolve(nullToEmpty(request.permissions()));
        validator.requireViewableProjects(permissions, permissions);
        store.execute(new GroupStore.CreateGroup(name, nullToEmpty(request.description()), permissions));
        events.lifecycle("auth-group-created", EntityUrl.group(name).url(), Map.of(), origin.requestor(), "");
        security(origin, "group_create", name, "Authorization group created");
    }

    /** {@code PUT}: replaces the description and the whole permission set. */
    public void replace(String name, AuthGroupPut request, Origin origin)
    {
        requireModifiable(name);
        List<Permission> permissions = validator.resolve(nullToEmpty(request.permissions()));
        validator.requireViewableProjects(permissions, permissions);
        store.execute(new GroupStore.ReplaceGroup(name, nullToEmpty(request.description()), permissions));
        updated(name, origin);
    }

    /** {@code PATCH}: adds the permissions the group does not hold yet; replaces the description only when one is given. */
    public void addPermissions(String name, AuthGroupPut request, Origin origin)
    {
        requireModifiable(name);
        List<Permission> current = store.read(connection -> GroupStore.find(connection, name).map(row -> GroupStore.permissions(connection, row.id())))
                .orElseThrow(GroupStore::notFound);
        List<Permission> requested = validator.resolve(nullToEmpty(request.permissions()));
        Set<Permission> held = new HashSet<>(current);
        List<Permission> added = requested.stream().filter(permission -> !held.contains(permission)).toList();

        // The group must be consistent afterwards, so what it already holds counts towards viewing the projects
        Set<Permission> resulting = new LinkedHashSet<>(current);
        resulting.addAll(added);
        validator.requireViewableProjects(added, resulting);

        String description = nullToEmpty(request.description());
        store.execute(new GroupStore.AddPermissions(name, description.isEmpty() ? Optional.empty() : Optional.of(description), added));
        updated(name, origin);
    }

    public void rename(String name, String newName, Origin origin)
    {
        if (name.equals(ADMINS_GROUP)) {
            throw HttpStatusException.badRequest("The admins group cannot be renamed");
        }
        validateName(newName);
        store.execute(new GroupStore.RenameGroup(name, newName));
        events.lifecycle("auth-group-renamed", EntityUrl.group(newName).url(), Map.of("old_name", name), origin.requestor(), "");
        security(origin, "group_edit", newName, "Authorization group renamed from " + name);
    }

    public void delete(String name, Origin origin)
    {
        if (name.equals(ADMINS_GROUP)) {
            throw HttpStatusException.badRequest("The admins group cannot be deleted");
        }
        store.execute(new GroupStore.DeleteGroup(name));
        events.lifecycle("auth-group-deleted", EntityUrl.group(name).url(), Map.of(), origin.requestor(), "");
        security(origin, "group_delete", name, "Authorization group deleted");
    }

    private void updated(String name, Origin origin)
    {
        events.lifecycle("auth-group-updated", EntityUrl.group(name).url(), Map.of(), origin.requestor(), "");
        security(origin, "group_edit", name, "Authorization group updated");
    }

    private void security(Origin origin, String action, String name, String description)
    {
        events.security("authz_admin:" + action + ":" + name, description, "info",
                Map.of("method", origin.method(), "path", origin.path()), origin.requestor());
    }

    private AuthGroup toApi(GroupData group, Caller caller)
    {
        Map<String, List<String>> identities = new TreeMap<>();
        for (GroupStore.Member member : group.members()) {
            if (authorization.canView(caller, EntityUrl.identity(member.authenticationMethod(), member.identifier()))) {
                identities.computeIfAbsent(member.authenticationMethod(), _ -> new ArrayList<>()).add(member.identifier());
            }
        }
        // Always arrays, never null, in lists and single objects alike (LXD is inconsistent here, spec §9.1.11)
        return new AuthGroup(null, group.row().name(), group.row().description(), group.permissions(), identities, List.of());
    }

    private static void requireModifiable(String name)
    {
        if (name.equals(ADMINS_GROUP)) {
            throw HttpStatusException.badRequest("The admins group cannot be modified");
        }
    }

    /** LXD's rules, plus what would make the name unusable as a URL path segment. */
    private static void validateName(String name)
    {
        try {
            Names.validateGroupName(name);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw HttpStatusException.badRequest("Group name cannot contain control characters");
        }
        if (name.equals(".") || name.equals("..")) {
            throw HttpStatusException.badRequest("Group name cannot be \".\" or \"..\"");
        }
    }

    private static String nullToEmpty(String value)
    {
        return value == null ? "" : value;
    }

    private static <T> List<T> nullToEmpty(List<T> values)
    {
        return values == null ? List.of() : values;
    }

    /** A group's row with its permissions and members, read in one go. */
    private record GroupData(GroupStore.GroupRow row, List<Permission> permissions, List<GroupStore.Member> members)
    {
        static GroupData load(Connection connection, GroupStore.GroupRow row)
        {
            return new GroupData(row, GroupStore.permissions(connection, row.id()), GroupStore.members(connection, row.id()));
        }
    }
}
