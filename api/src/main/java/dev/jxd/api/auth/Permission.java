package dev.jxd.api.auth;

/** One entitlement on one entity, as held by a group. */
public record Permission(String entityType, String url, String entitlement)
{
}
