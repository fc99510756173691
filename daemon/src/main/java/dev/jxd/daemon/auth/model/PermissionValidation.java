package dev.jxd.daemon.auth.model;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.util.Collection;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Syntactic validation of permissions (spec §2.9) and of requested entitlements (spec §1.4), with LXD's messages.
 *
 * <p>Failures throw {@link InvalidPermissionException}, whose message is the complete LXD error text for a 400
 * response. Checks in LXD's order: entity type, URL, URL against type, entitlement. Whether the entity exists and
 * whether the group can view the referenced project need the database and are the caller's job.
 *
 * <p>As in LXD, a project-scoped URL without {@code ?project=} refers to project {@code default}; callers store
 * {@link EntityUrl#url()} of the returned value, so stored URLs are always canonical.
 */
public final class PermissionValidation
{
    private PermissionValidation() {}

    /**
     * @return the parsed entity the permission references
     * @throws InvalidPermissionException if the permission is malformed
     */
    public static EntityUrl validate(Permission permission)
    {
        requireNonNull(permission, "permission is null");
        String url = String.valueOf(permission.url());
        String entitlement = String.valueOf(permission.entitlement());
        String context = "permission with entity reference %s and entitlement %s".formatted(quote(url), quote(entitlement));

        Optional<EntityType> type = EntityType.fromName(String.valueOf(permission.entityType()));
        if (type.isEmpty()) {
            throw new InvalidPermissionException("Failed to validate entity type for %s: Unknown entity type %s"
                    .formatted(context, quote(String.valueOf(permission.entityType()))));
        }

        EntityUrl entity;
        try {
            entity = EntityUrl.parse(url);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidPermissionException("Failed to parse %s: %s".formatted(context, e.getMessage()));
        }
        if (entity.type() != type.get()) {
            throw new InvalidPermissionException("Failed to parse %s: Entity type does not correspond to entity reference".formatted(context));
        }

        String problem = entitlementProblem(type.get(), entitlement);
        if (problem != null) {
            throw new InvalidPermissionException("Failed to validate group %s: %s".formatted(context, problem));
        }
        return entity;
    }

    /**
     * Validates the entitlements of {@code ?with-access-entitlements=} for entities of {@code type}.
     *
     * @throws InvalidPermissionException {@code Requested entitlement "<e>" is not valid for entity type "<t>"}
     */
    public static void validateRequestedEntitlements(EntityType type, Collection<String> entitlements)
    {
        requireNonNull(type, "type is null");
        requireNonNull(entitlements, "entitlements is null");
        for (String entitlement : entitlements) {
            if (!AuthorizationModel.isValid(type, entitlement)) {
                throw new InvalidPermissionException("Requested entitlement %s is not valid for entity type %s"
                        .formatted(quote(entitlement), quote(type.wireName())));
            }
        }
    }

    private static String entitlementProblem(EntityType type, String entitlement)
    {
        if (type.entitlements().isEmpty()) {
            return "No entitlements can be granted against entities of type %s".formatted(quote(type.wireName()));
        }
        if (!AuthorizationModel.isValid(type, entitlement)) {
            return "Entitlement %s not valid for entity type %s".formatted(quote(entitlement), quote(type.wireName()));
        }
        return null;
    }

    // Go's %q for the characters that can occur here
    private static String quote(String value)
    {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
