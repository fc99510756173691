package dev.jxd.daemon.group;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.model.Grant;
import dev.jxd.daemon.auth.model.InvalidPermissionException;
import dev.jxd.daemon.auth.model.PermissionIndex;
import dev.jxd.daemon.auth.model.PermissionValidation;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.HttpStatusException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Validates the permissions of a group create/update request (spec §2.9); every failure is a 400 with LXD's message.
 *
 * <p>Checks, each over the whole request before the next: every permission is well formed (type, URL, entitlement),
 * every referenced entity exists, and members of the group could view every project that the permissions reference
 * given the group's resulting permission set.
 */
final class PermissionValidator
{
    // A stand-in member of the group, to ask the authorization model what members could do
    private static final String PROBE_IDENTITY = EntityUrl.identity("tls", "permission-validation").url();
    private static final String PROBE_GROUP = "group";

    private final StateStore store;
    private final EntityCatalog entities;

    PermissionValidator(StateStore store, EntityCatalog entities)
    {
        this.store = requireNonNull(store, "store is null");
        this.entities = requireNonNull(entities, "entities is null");
    }

    /**
     * Checks that each permission is well formed and references an existing entity.
     *
     * @return the permissions in canonical form, without duplicates, in request order
     */
    List<Permission> resolve(Collection<Permission> permissions)
    {
        // Keyed by canonical URL and entitlement, so the same permission spelled differently counts once
        Map<Grant, Requested> unique = new LinkedHashMap<>();
        for (Permission permission : permissions) {
            if (permission == null) {
                throw HttpStatusException.badRequest("Permissions cannot be null");
            }
            EntityUrl entity;
            try {
                entity = PermissionValidation.validate(permission);
            }
            catch (InvalidPermissionException exception) {
                throw HttpStatusException.badRequest(exception.getMessage());
            }
            unique.putIfAbsent(new Grant(entity.url(), permission.entitlement()), new Requested(permission.url(), entity));
        }

        Optional<String> unresolved = store.read(connection -> unique.values().stream()
                .filter(requested -> !entities.exists(connection, requested.entity()))
                .map(Requested::url)
                .findFirst());
        if (unresolved.isPresent()) {
            throw HttpStatusException.badRequest("Could not resolve permission URLs: Failed to find entity ID for URL " + Quotes.quote(unresolved.get()));
        }

        List<Permission> resolved = new ArrayList<>(unique.size());
        unique.forEach((grant, requested) -> resolved.add(new Permission(requested.entity().type().wireName(), grant.entityUrl(), grant.entitlement())));
        return List.copyOf(resolved);
    }

    /**
     * Checks that members of a group holding {@code resulting} could view every project that one of {@code checked}
     * references: project-scoped permissions reference their project, permissions on a project reference it.
     *
     * @param checked permissions in canonical form, a subset of {@code resulting}
     */
    void requireViewableProjects(Collection<Permission> checked, Collection<Permission> resulting)
    {
        Map<String, List<Permission>> byProject = new LinkedHashMap<>();
        for (Permission permission : checked) {
            EntityUrl entity = EntityUrl.parse(permission.url());
            String project = entity.type() == EntityType.PROJECT ? entity.pathArguments().getFirst() : entity.project();
            if (project != null) {
                byProject.computeIfAbsent(project, _ -> new ArrayList<>()).add(permission);
            }
        }
        if (byProject.isEmpty()) {
            return;
        }

        List<Grant> grants = resulting.stream().map(permission -> new Grant(permission.url(), permission.entitlement())).toList();
        PermissionIndex index = PermissionIndex.build(Map.of(PROBE_IDENTITY, List.of(PROBE_GROUP)), Map.of(PROBE_GROUP, grants));
        byProject.forEach((project, referencing) -> {
            if (index.check(PROBE_IDENTITY, EntityUrl.project(project), "can_view")) {
                return;
            }
            if (referencing.size() == 1) {
                Permission permission = referencing.getFirst();
                throw HttpStatusException.badRequest("Entitlement \"%s\" on entity type \"%s\" references project \"%s\", but the project cannot be viewed by the group"
                        .formatted(permission.entitlement(), permission.entityType(), project));
            }
            throw HttpStatusException.badRequest("Members of the group cannot view project \"%s\", but %d permissions reference this project"
                    .formatted(project, referencing.size()));
        });
    }

    /** A permission as the client spelled its URL (for messages), with the entity it resolved to. */
    private record Requested(String url, EntityUrl entity) {}
}
