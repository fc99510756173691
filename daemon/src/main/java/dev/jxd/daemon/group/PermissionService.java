package dev.jxd.daemon.group;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.auth.PermissionInfo;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.project.ProjectStore;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/** {@code GET /1.0/auth/permissions}: every entitlement that could be granted on every existing entity (spec §2.9). */
public final class PermissionService
{
    private static final Comparator<PermissionInfo> PERMISSION_INFO_ORDER = Comparator.comparing(PermissionInfo::entityType)
            .thenComparing(PermissionInfo::url)
            .thenComparing(PermissionInfo::entitlement);

    private final StateStore store;
    private final EntityCatalog entities;

    PermissionService(StateStore store, EntityCatalog entities)
    {
        this.store = requireNonNull(store, "store is null");
        this.entities = requireNonNull(entities, "entities is null");
    }

    /**
     * Parses the {@code entity-type} filter; empty when absent.
     *
     * @throws HttpStatusException 400 for an unknown type
     */
    public static Optional<EntityType> parseEntityType(String entityType)
    {
        if (entityType == null || entityType.isEmpty()) {
            return Optional.empty();
        }
        Optional<EntityType> type = EntityType.fromName(entityType);
        if (type.isEmpty()) {
            throw HttpStatusException.badRequest("Invalid `entity-type` query parameter %s: Unknown entity type %s"
                    .formatted(Quotes.quote(entityType), Quotes.quote(entityType)));
        }
        return type;
    }

    /** Every (entity, entitlement) pair, sorted by entity type, URL and entitlement. */
    public List<Permission> permissions(Optional<String> project, Optional<EntityType> type)
    {
        List<Permission> permissions = new ArrayList<>();
        for (EntityUrl entity : store.read(connection -> entities(connection, project, type))) {
            for (String entitlement : entity.type().entitlements()) {
                permissions.add(new Permission(entity.type().wireName(), entity.url(), entitlement));
            }
        }
        permissions.sort(GroupStore.PERMISSION_ORDER);
        return permissions;
    }

    /** As {@link #permissions}, each with the names of the groups holding it (sorted; empty when none). */
    public List<PermissionInfo> permissionsWithGroups(Optional<String> project, Optional<EntityType> type)
    {
        record Listing(List<EntityUrl> entities, Map<GroupStore.Holding, SortedSet<String>> holders) {}
        Listing listing = store.read(connection -> new Listing(entities(connection, project, type), GroupStore.holders(connection)));
        List<PermissionInfo> permissions = new ArrayList<>();
        for (EntityUrl entity : listing.entities()) {
            for (String entitlement : entity.type().entitlements()) {
                SortedSet<String> groups = listing.holders().getOrDefault(new GroupStore.Holding(entity.url(), entitlement), Collections.emptySortedSet());
                permissions.add(new PermissionInfo(entity.type().wireName(), entity.url(), entitlement, List.copyOf(groups)));
            }
        }
        permissions.sort(PERMISSION_INFO_ORDER);
        return permissions;
    }

    private List<EntityUrl> entities(Connection connection, Optional<String> project, Optional<EntityType> type)
    {
        if (project.isPresent() && !ProjectStore.exists(connection, project.get())) {
            throw HttpStatusException.notFound("Project %s not found".formatted(Quotes.quote(project.get())));
        }
        return entities.entities(connection, type, project);
    }
}
