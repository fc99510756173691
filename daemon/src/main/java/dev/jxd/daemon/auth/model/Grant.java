package dev.jxd.daemon.auth.model;

import static java.util.Objects.requireNonNull;

/**
 * An entitlement held by a group on one entity.
 *
 * @param entityUrl the entity in canonical {@link dev.jxd.api.entity.EntityUrl#url()} form
 */
public record Grant(String entityUrl, String entitlement)
{
    public Grant
    {
        requireNonNull(entityUrl, "entityUrl is null");
        requireNonNull(entitlement, "entitlement is null");
    }
}
