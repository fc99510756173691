package dev.jxd.daemon.group;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Knows which entities of one type exist, for permission validation ({@code Could not resolve permission URLs})
 * and for {@code GET /1.0/auth/permissions}.
 *
 * <p>A feature that adds an entity type (cluster links, replicators, ...) provides one of these and registers it in
 * {@link GroupFeature}; entity types without a source have no entities.
 */
public interface EntitySource
{
    EntityType type();

    /**
     * Every entity of this type, in any order.
     *
     * @param project when present, only the entities inside that project: the project itself for
     * {@link EntityType#PROJECT}, the project's entities for project-scoped types, and nothing for global types
     */
    List<EntityUrl> entities(Connection connection, Optional<String> project);

    /** Whether {@code entity}, whose type is {@link #type()}, exists. */
    boolean exists(Connection connection, EntityUrl entity);
}
