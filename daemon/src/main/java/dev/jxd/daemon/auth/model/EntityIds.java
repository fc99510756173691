package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Dense ids, shared by a whole {@link PermissionIndex}, for every project and other entity that appears in a grant or
 * a membership. Per-identity holdings are then small primitive tables keyed by id, and the id maps, which every check
 * goes through, stay hot in the CPU cache. Projects are keyed by name so checks on project children need no
 * {@link EntityUrl} for the project.
 *
 * <p>Mutable only while the index is built; read-only (and safely published through a final field) afterwards.
 */
final class EntityIds
{
    static final int ABSENT = -1;

    private final Map<String, Integer> projectIds = new HashMap<>();
    private final Map<EntityUrl, Integer> entityIds = new HashMap<>();
    private int nextId;
    private boolean frozen;

    /** The id of a project or other non-server entity, assigning one if needed. */
    int assign(EntityUrl entity)
    {
        requireNonNull(entity, "entity is null");
        if (entity.type() == EntityType.SERVER) {
            throw new IllegalArgumentException("The server has no id");
        }
        if (frozen) {
            throw new IllegalStateException("Ids are assigned only while the index is built");
        }
        if (entity.type() == EntityType.PROJECT) {
            return projectIds.computeIfAbsent(entity.pathArguments().getFirst(), _ -> nextId++);
        }
        return entityIds.computeIfAbsent(entity, _ -> nextId++);
    }

    /** Ends the build: from now on the maps are only read, possibly by many threads. */
    void freeze()
    {
        frozen = true;
    }

    int project(String name)
    {
        Integer id = projectIds.get(name);
        return id == null ? ABSENT : id;
    }

    int entity(EntityUrl entity)
    {
        Integer id = entityIds.get(entity);
        return id == null ? ABSENT : id;
    }
}
