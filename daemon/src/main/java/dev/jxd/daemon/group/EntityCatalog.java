package dev.jxd.daemon.group;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The entity sources by type: which entities permissions can reference. Immutable. */
public final class EntityCatalog
{
    private final Map<EntityType, EntitySource> sources;

    public EntityCatalog(Collection<? extends EntitySource> sources)
    {
        requireNonNull(sources, "sources is null");
        Map<EntityType, EntitySource> byType = new EnumMap<>(EntityType.class);
        for (EntitySource source : sources) {
            if (byType.putIfAbsent(source.type(), source) != null) {
                throw new IllegalArgumentException("Two entity sources for entity type " + source.type());
            }
        }
        this.sources = Map.copyOf(byType);
    }

    public boolean exists(Connection connection, EntityUrl entity)
    {
        EntitySource source = sources.get(entity.type());
        return source != null && source.exists(connection, entity);
    }

    /**
     * The existing entities of {@code type} (every type when empty), limited to those inside {@code project} when
     * given (see {@link EntitySource#entities}).
     */
    public List<EntityUrl> entities(Connection connection, Optional<EntityType> type, Optional<String> project)
    {
        // As in LXD, asking for the server by type lists it even when a project is given
        if (type.equals(Optional.of(EntityType.SERVER))) {
            return List.of(EntityUrl.server());
        }
        List<EntityUrl> result = new ArrayList<>();
        for (EntitySource source : sources.values()) {
            if (type.isEmpty() || type.get() == source.type()) {
                result.addAll(source.entities(connection, project));
            }
        }
        return result;
    }
}
