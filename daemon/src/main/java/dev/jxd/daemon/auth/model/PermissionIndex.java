package dev.jxd.daemon.auth.model;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * An immutable snapshot of group memberships and group permissions that answers fine-grained checks (spec §2.7.1).
 *
 * <p>Build a new index whenever identities, groups or permissions change. Each identity's direct holdings (the union
 * of its groups' grants plus the implicit facts) are merged once, on first use, and cached; a check is then at most
 * one lookup per ancestor of the entity. Safe for concurrent use.
 *
 * <p>Implicit facts, as in LXD: every identity may {@code can_view} and {@code can_delete} itself, and may
 * {@code can_view} the groups it belongs to. An identity URL the index does not know has no groups but still has the
 * implicit facts about itself.
 */
public final class PermissionIndex
{
    private static final Comparator<Permission> PERMISSION_ORDER = Comparator.comparing(Permission::entityType)
            .thenComparing(Permission::url)
            .thenComparing(Permission::entitlement);
    private static final long MEMBER_BIT = AuthorizationModel.bit(EntityType.GROUP, AuthorizationModel.MEMBER);
    private static final PermissionIndex EMPTY = new PermissionIndex(Map.of(), Map.of());

    private final EntityIds ids;
    private final Map<String, Set<String>> groupsByIdentityUrl;
    private final Map<String, GroupGrants> grantsByGroup;
    private final ConcurrentHashMap<String, Holdings> holdingsByIdentityUrl = new ConcurrentHashMap<>();

    /**
     * Builds an index; the arguments are copied.
     *
     * @param groupsByIdentityUrl canonical identity URL (e.g. {@code /1.0/auth/identities/tls/<fingerprint>}) to the
     * names of its effective groups
     * @param grantsByGroup group name to the permissions the group holds
     * @throws IllegalArgumentException if an identity URL is not a canonical identity URL, a group name is empty, or
     * a grant does not reference a valid entity URL with an entitlement valid for its type
     */
    public static PermissionIndex build(Map<String, ? extends Collection<String>> groupsByIdentityUrl, Map<String, ? extends Collection<Grant>> grantsByGroup)
    {
        return new PermissionIndex(groupsByIdentityUrl, grantsByGroup);
    }

    private PermissionIndex(Map<String, ? extends Collection<String>> groupsByIdentityUrl, Map<String, ? extends Collection<Grant>> grantsByGroup)
    {
        requireNonNull(groupsByIdentityUrl, "groupsByIdentityUrl is null");
        requireNonNull(grantsByGroup, "grantsByGroup is null");

        EntityIds ids = new EntityIds();
        Map<String, GroupGrants> groups = new HashMap<>();
        grantsByGroup.forEach((group, grants) -> groups.put(requireGroupName(group), GroupGrants.compile(ids, group, grants)));

        Map<String, Set<String>> memberships = new HashMap<>();
        groupsByIdentityUrl.forEach((identityUrl, names) -> {
            Optional<EntityUrl> identity = parseIdentity(identityUrl);
            if (identity.isEmpty() || !identity.get().url().equals(identityUrl)) {
                throw new IllegalArgumentException("Not a canonical identity URL: \"%s\"".formatted(identityUrl));
            }
            TreeSet<String> sorted = new TreeSet<>();
            for (String name : names) {
                sorted.add(requireGroupName(name));
                // Groups without permissions still need an id for the membership fact
                groups.computeIfAbsent(name, _ -> GroupGrants.compile(ids, name, List.of()));
            }
            memberships.put(identityUrl, Collections.unmodifiableSet(sorted));
        });
        ids.freeze();
        this.ids = ids;
        this.grantsByGroup = Map.copyOf(groups);
        this.groupsByIdentityUrl = Map.copyOf(memberships);
    }

    public static PermissionIndex empty()
    {
        return EMPTY;
    }

    /**
     * Whether the identity holds {@code entitlement} on {@code entity}, directly or by implication.
     *
     * @throws IllegalArgumentException if the entitlement cannot be checked on the entity's type (a programming
     * error; requested entitlements from clients must be validated first)
     */
    public boolean check(String identityUrl, EntityUrl entity, String entitlement)
    {
        requireNonNull(identityUrl, "identityUrl is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(entitlement, "entitlement is null");
        return holdings(identityUrl).holds(entity, compiled(entity, entitlement));
    }

    /** The entitlements among {@code requested} that the identity holds on {@code entity}, in request order. */
    public List<String> heldEntitlements(String identityUrl, EntityUrl entity, Collection<String> requested)
    {
        requireNonNull(identityUrl, "identityUrl is null");
        requireNonNull(entity, "entity is null");
        requireNonNull(requested, "requested is null");
        Holdings holdings = holdings(identityUrl);
        List<String> held = new ArrayList<>();
        for (String entitlement : requested) {
            if (!held.contains(entitlement) && holdings.holds(entity, compiled(entity, entitlement))) {
                held.add(entitlement);
            }
        }
        return List.copyOf(held);
    }

    /** The permissions granted directly to the identity's groups, without duplicates, sorted by type, URL and entitlement. */
    public List<Permission> effectivePermissions(String identityUrl)
    {
        TreeSet<Permission> permissions = new TreeSet<>(PERMISSION_ORDER);
        for (String group : groupsOf(identityUrl)) {
            GroupGrants grants = grantsByGroup.get(group);
            if (grants != null) {
                permissions.addAll(grants.permissions());
            }
        }
        return List.copyOf(permissions);
    }

    /** The identity's effective groups, sorted by name; empty for an unknown identity. */
    public Set<String> groupsOf(String identityUrl)
    {
        requireNonNull(identityUrl, "identityUrl is null");
        return groupsByIdentityUrl.getOrDefault(identityUrl, Set.of());
    }

    private Holdings holdings(String identityUrl)
    {
        Holdings cached = holdingsByIdentityUrl.get(identityUrl);
        if (cached != null) {
            return cached;
        }
        Set<String> groups = groupsByIdentityUrl.get(identityUrl);
        if (groups == null) {
            // Not cached: only authenticated identities reach here, but the map must not grow with arbitrary input
            return merge(identityUrl, Set.of());
        }
        return holdingsByIdentityUrl.computeIfAbsent(identityUrl, url -> merge(url, groups));
    }

    private Holdings merge(String identityUrl, Set<String> groups)
    {
        Holdings.Builder builder = Holdings.builder(ids);
        for (String group : groups) {
            GroupGrants grants = grantsByGroup.get(group);
            builder.addAll(grants.holdings()).addId(EntityType.GROUP, grants.memberId(), MEMBER_BIT);
        }
        parseIdentity(identityUrl).ifPresent(builder::self);
        return builder.build();
    }

    private static CompiledRelation compiled(EntityUrl entity, String entitlement)
    {
        CompiledRelation relation = AuthorizationModel.compiled(entity.type(), entitlement);
        if (relation == null) {
            throw new IllegalArgumentException("Entitlement \"%s\" cannot be checked on entity type \"%s\"".formatted(entitlement, entity.type().wireName()));
        }
        return relation;
    }

    private static Optional<EntityUrl> parseIdentity(String identityUrl)
    {
        try {
            EntityUrl parsed = EntityUrl.parse(identityUrl);
            return parsed.type() == EntityType.IDENTITY ? Optional.of(parsed) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String requireGroupName(String name)
    {
        requireNonNull(name, "group name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Group name cannot be empty");
        }
        return name;
    }

    /**
     * @param memberId the id of the group's own entity, on which members hold {@link AuthorizationModel#MEMBER}
     */
    private record GroupGrants(List<Permission> permissions, Holdings holdings, int memberId)
    {
        static GroupGrants compile(EntityIds ids, String group, Collection<Grant> grants)
        {
            TreeSet<Permission> permissions = new TreeSet<>(PERMISSION_ORDER);
            Holdings.Builder holdings = Holdings.builder(ids);
            for (Grant grant : grants) {
                EntityUrl entity;
                try {
                    entity = EntityUrl.parse(grant.entityUrl());
                }
                catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Group \"%s\" has a permission on an invalid entity URL: %s".formatted(group, e.getMessage()), e);
                }
                if (!AuthorizationModel.isValid(entity.type(), grant.entitlement())) {
                    throw new IllegalArgumentException("Group \"%s\" has entitlement \"%s\" which is not valid for entity type \"%s\""
                            .formatted(group, grant.entitlement(), entity.type().wireName()));
                }
                permissions.add(new Permission(entity.type().wireName(), entity.url(), grant.entitlement()));
                holdings.add(entity, AuthorizationModel.bit(entity.type(), grant.entitlement()));
            }
            return new GroupGrants(List.copyOf(permissions), holdings.build(), ids.assign(EntityUrl.group(group)));
        }
    }
}
