package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;

import static java.util.Objects.requireNonNull;

/**
 * One way of holding an entitlement: holding {@code relation} on the ancestor {@code distance} steps up
 * (0 = the entity itself, 1 = its parent, …), which is of type {@code entityType}.
 */
public record ImplicationSource(int distance, EntityType entityType, String relation)
{
    public ImplicationSource
    {
        requireNonNull(entityType, "entityType is null");
        requireNonNull(relation, "relation is null");
        if (distance < 0) {
            throw new IllegalArgumentException("distance is negative");
        }
    }
}
