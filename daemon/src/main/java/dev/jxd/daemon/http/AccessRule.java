package dev.jxd.daemon.http;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The access rule every route declares (LXD's access handlers, Trino's {@code @ResourceSecurity}).
 * The route table refuses to start with a route that has none.
 */
public sealed interface AccessRule
{
    /** Anyone, including callers without a trusted certificate (the handler may still check more). */
    record UntrustedAllowed()
            implements AccessRule {}

    /** Any authenticated caller; the handler filters what it returns. */
    record Authenticated()
            implements AccessRule {}

    /** Only the local administrator on the unix socket, or another member of this cluster. */
    record LocalOnly()
            implements AccessRule {}

    /**
     * The caller must hold {@code entitlement} on the entity the request names.
     *
     * @param entity derives the entity URL from the request (path arguments, {@code ?project=})
     */
    record Entitlement(EntityType entityType, String entitlement, Function<RequestContext, EntityUrl> entity)
            implements AccessRule
    {
        public Entitlement
        {
            requireNonNull(entityType, "entityType is null");
            requireNonNull(entitlement, "entitlement is null");
            requireNonNull(entity, "entity is null");
        }
    }

    static AccessRule untrustedAllowed()
    {
        return new UntrustedAllowed();
    }

    static AccessRule authenticated()
    {
        return new Authenticated();
    }

    static AccessRule localOnly()
    {
        return new LocalOnly();
    }

    static AccessRule server(String entitlement)
    {
        return new Entitlement(EntityType.SERVER, entitlement, request -> EntityUrl.server());
    }

    /** An entitlement on a global entity whose single path argument is {@code parameter}. */
    static AccessRule entity(EntityType type, String entitlement, String parameter)
    {
        return new Entitlement(type, entitlement, request -> EntityUrl.of(type, null, request.pathParameter(parameter)));
    }

    /** An entitlement on an entity derived from the request by {@code entity}. */
    static AccessRule entity(EntityType type, String entitlement, Function<RequestContext, EntityUrl> entity)
    {
        return new Entitlement(type, entitlement, entity);
    }
}
