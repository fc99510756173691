package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.jxd.api.entity.EntityType.CERTIFICATE;
import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static dev.jxd.api.entity.EntityType.GROUP;
import static dev.jxd.api.entity.EntityType.IDENTITY;
import static dev.jxd.api.entity.EntityType.IDENTITY_PROVIDER_GROUP;
import static dev.jxd.api.entity.EntityType.IMAGE;
import static dev.jxd.api.entity.EntityType.IMAGE_ALIAS;
import static dev.jxd.api.entity.EntityType.INSTANCE;
import static dev.jxd.api.entity.EntityType.INSTANCE_BACKUP;
import static dev.jxd.api.entity.EntityType.INSTANCE_SNAPSHOT;
import static dev.jxd.api.entity.EntityType.NETWORK;
import static dev.jxd.api.entity.EntityType.NETWORK_ACL;
import static dev.jxd.api.entity.EntityType.NETWORK_ZONE;
import static dev.jxd.api.entity.EntityType.PLACEMENT_GROUP;
import static dev.jxd.api.entity.EntityType.PROFILE;
import static dev.jxd.api.entity.EntityType.PROJECT;
import static dev.jxd.api.entity.EntityType.REPLICATOR;
import static dev.jxd.api.entity.EntityType.SERVER;
import static dev.jxd.api.entity.EntityType.STORAGE_BUCKET;
import static dev.jxd.api.entity.EntityType.STORAGE_POOL;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME_BACKUP;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME_SNAPSHOT;
import static java.util.Objects.requireNonNull;

/**
 * The static relationship model of spec §2.7.3: which relations imply each entitlement, on the same entity and on its
 * ancestors (instance → project → server).
 *
 * <p>Written from LXD's documented semantics, not copied from its OpenFGA model. At class initialisation every
 * (entity type, entitlement) is flattened into the full set of {@link ImplicationSource}s and then into one bit mask per
 * ancestor distance, so a check never recurses: it tests at most one mask per ancestor.
 *
 * <p>Role entitlements ({@code admin}, {@code viewer}, {@code operator}, {@code user}, {@code *_manager}) are, as in
 * LXD, only held when granted directly; they exist to imply the {@code can_*} entitlements, which are what the API
 * checks. So {@code admin} on the server implies every {@code can_*} entitlement of every entity.
 */
public final class AuthorizationModel
{
    /** The relation an identity has with each group it belongs to; not grantable. */
    static final String MEMBER = "member";

    private static final List<ProjectResource> PROJECT_RESOURCES = List.of(
            new ProjectResource("images", "image_manager", IMAGE),
            new ProjectResource("image_aliases", "image_alias_manager", IMAGE_ALIAS),
            new ProjectResource("instances", "instance_manager", INSTANCE),
            new ProjectResource("networks", "network_manager", NETWORK),
            new ProjectResource("network_acls", "network_acl_manager", NETWORK_ACL),
            new ProjectResource("network_zones", "network_zone_manager", NETWORK_ZONE),
            new ProjectResource("profiles", "profile_manager", PROFILE),
            new ProjectResource("storage_volumes", "storage_volume_manager", STORAGE_VOLUME),
            new ProjectResource("storage_buckets", "storage_bucket_manager", STORAGE_BUCKET),
            new ProjectResource("placement_groups", "placement_group_manager", PLACEMENT_GROUP),
            new ProjectResource("replicators", "replicator_manager", REPLICATOR));

    private static final TypeModel[] MODELS = compile(defineRules());

    private AuthorizationModel() {}

    /** True when {@code entitlement} may be granted on entities of {@code type} (spec §2.8). */
    public static boolean isValid(EntityType type, String entitlement)
    {
        requireNonNull(type, "type is null");
        requireNonNull(entitlement, "entitlement is null");
        return MODELS[type.ordinal()].grantable.contains(entitlement);
    }

    /** The grantable entitlements of {@code type}, in LXD's order. */
    public static List<String> entitlements(EntityType type)
    {
        return type.entitlements();
    }

    /**
     * True when {@code entitlement} can be checked on entities of {@code type}: every grantable entitlement, plus
     * {@code can_view}, {@code can_edit} and {@code can_delete} on snapshots and backups, which are derived from what
     * they were taken of.
     */
    public static boolean isCheckable(EntityType type, String entitlement)
    {
        return compiled(type, entitlement) != null;
    }

    /** Every way {@code entitlement} on an entity of {@code type} can be held, starting with holding it directly. */
    public static List<ImplicationSource> sources(EntityType type, String entitlement)
    {
        CompiledRelation relation = compiled(type, entitlement);
        if (relation == null) {
            throw new IllegalArgumentException("Entitlement \"%s\" cannot be checked on entity type \"%s\"".formatted(entitlement, type.wireName()));
        }
        return relation.sources();
    }

    /** The compiled rule for checking {@code entitlement} on {@code type}, or null if it cannot be checked. */
    static CompiledRelation compiled(EntityType type, String entitlement)
    {
        return MODELS[type.ordinal()].compiled.get(entitlement);
    }

    /** The bit representing {@code relation} in masks of entities of {@code type}. */
    static long bit(EntityType type, String relation)
    {
        Integer index = MODELS[type.ordinal()].bitByRelation.get(relation);
        if (index == null) {
            throw new IllegalArgumentException("Relation \"%s\" does not exist on entity type \"%s\"".formatted(relation, type.wireName()));
        }
        return 1L << index;
    }

    private static Rules defineRules()
    {
        Rules rules = new Rules();

        // Server
        rules.on(SERVER, "can_edit").impliedBy("admin");
        rules.on(SERVER, "can_view_permissions").impliedBy("permission_manager", "admin");
        for (String kind : List.of("identities", "groups", "identity_provider_groups")) {
            rules.on(SERVER, "can_create_" + kind).impliedBy("permission_manager", "admin");
            rules.on(SERVER, "can_view_" + kind).impliedBy("permission_manager", "admin", "viewer");
            rules.on(SERVER, "can_edit_" + kind).impliedBy("permission_manager", "admin");
            rules.on(SERVER, "can_delete_" + kind).impliedBy("permission_manager", "admin");
        }
        for (String action : List.of("create", "edit", "delete")) {
            rules.on(SERVER, "can_" + action + "_storage_pools").impliedBy("storage_pool_manager", "admin");
            rules.on(SERVER, "can_" + action + "_projects").impliedBy("project_manager", "admin");
            rules.on(SERVER, "can_" + action + "_cluster_links").impliedBy("admin");
        }
        rules.on(SERVER, "can_view_projects").impliedBy("project_manager", "viewer", "admin");
        rules.on(SERVER, "can_view_cluster_links").impliedBy("admin", "viewer");
        rules.on(SERVER, "can_override_cluster_target_restriction").impliedBy("admin");
        for (String entitlement : List.of("can_view_events", "can_view_operations", "can_view_resources", "can_view_metrics",
                "can_view_warnings", "can_view_unmanaged_networks")) {
            rules.on(SERVER, entitlement).impliedBy("admin", "viewer");
        }

        // Project; note that operator deliberately does not imply can_edit on the project itself
        rules.on(PROJECT, "can_view").impliedBy("viewer", "operator").impliedByParent("can_view_projects");
        rules.on(PROJECT, "can_edit").impliedByParent("can_edit_projects");
        rules.on(PROJECT, "can_delete").impliedByParent("can_delete_projects");
        for (ProjectResource resource : PROJECT_RESOURCES) {
            for (String action : List.of("create", "edit", "delete")) {
                rules.on(PROJECT, "can_" + action + "_" + resource.plural())
                        .impliedBy("operator", resource.manager())
                        .impliedByParent("can_edit_projects");
            }
            rules.on(PROJECT, "can_view_" + resource.plural())
                    .impliedBy("operator", "viewer", resource.manager())
                    .impliedByParent("can_view_projects");
        }
        rules.on(PROJECT, "can_operate_instances").impliedBy("operator", "instance_manager").impliedByParent("can_edit_projects");
        rules.on(PROJECT, "can_view_operations").impliedBy("operator", "viewer").impliedByParent("can_view_projects");
        rules.on(PROJECT, "can_view_events").impliedBy("operator", "viewer").impliedByParent("can_view_projects");
        rules.on(PROJECT, "can_view_metrics").impliedBy("operator", "viewer").impliedByParent("can_view_metrics");

        // Project children other than instances
        for (ProjectResource resource : PROJECT_RESOURCES) {
            if (resource.entityType() == INSTANCE) {
                continue;
            }
            rules.on(resource.entityType(), "can_edit").impliedByParent("can_edit_" + resource.plural());
            rules.on(resource.entityType(), "can_delete").impliedByParent("can_delete_" + resource.plural());
            rules.on(resource.entityType(), "can_view").impliedBy("can_edit", "can_delete").impliedByParent("can_view_" + resource.plural());
        }
        rules.on(STORAGE_VOLUME, "can_manage_snapshots").impliedByParent("can_edit_storage_volumes");
        rules.on(STORAGE_VOLUME, "can_manage_backups").impliedByParent("can_edit_storage_volumes");

        // Instances
        rules.on(INSTANCE, "can_edit").impliedByParent("can_edit_instances");
        rules.on(INSTANCE, "can_delete").impliedByParent("can_delete_instances");
        rules.on(INSTANCE, "can_view").impliedBy("user", "operator", "can_edit", "can_delete").impliedByParent("can_view_instances");
        for (String entitlement : List.of("can_update_state", "can_manage_snapshots", "can_manage_backups")) {
            rules.on(INSTANCE, entitlement).impliedBy("operator").impliedByParent("can_operate_instances");
        }
        for (String entitlement : List.of("can_connect_sftp", "can_access_files", "can_access_console", "can_exec")) {
            rules.on(INSTANCE, entitlement).impliedBy("user", "operator").impliedByParent("can_operate_instances");
        }

        // Snapshots and backups cannot be granted on; they follow what they were taken of
        rules.derived(INSTANCE_SNAPSHOT, "can_manage_snapshots");
        rules.derived(INSTANCE_BACKUP, "can_manage_backups");
        rules.derived(STORAGE_VOLUME_SNAPSHOT, "can_manage_snapshots");
        rules.derived(STORAGE_VOLUME_BACKUP, "can_manage_backups");

        // Children of the server
        rules.on(STORAGE_POOL, "can_edit").impliedByParent("can_edit_storage_pools");
        rules.on(STORAGE_POOL, "can_delete").impliedByParent("can_delete_storage_pools");
        rules.on(CERTIFICATE, "can_view").impliedBy("can_edit", "can_delete").impliedByParent("can_view_identities");
        rules.on(CERTIFICATE, "can_edit").impliedByParent("can_edit_identities");
        rules.on(CERTIFICATE, "can_delete").impliedByParent("can_delete_identities");
        rules.on(CLUSTER_LINK, "can_view").impliedBy("can_edit", "can_delete").impliedByParent("can_view_cluster_links");
        rules.on(CLUSTER_LINK, "can_edit").impliedByParent("can_edit_cluster_links");
        rules.on(CLUSTER_LINK, "can_delete").impliedByParent("can_delete_cluster_links");
        for (String action : List.of("view", "edit", "delete")) {
            rules.on(IDENTITY, "can_" + action).impliedByParent("can_" + action + "_identities");
            rules.on(GROUP, "can_" + action).impliedByParent("can_" + action + "_groups");
            rules.on(IDENTITY_PROVIDER_GROUP, "can_" + action).impliedByParent("can_" + action + "_identity_provider_groups");
        }
        rules.on(GROUP, "can_view").impliedBy(MEMBER);

        return rules;
    }

    private static TypeModel[] compile(Rules rules)
    {
        Map<EntityType, List<String>> relationsByType = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            relationsByType.put(type, rules.relations(type));
        }
        rules.verify(relationsByType);

        Map<EntityType, Map<String, Integer>> bitsByType = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            List<String> relations = relationsByType.get(type);
            if (relations.size() > Long.SIZE) {
                throw new IllegalStateException("Entity type %s has %d relations, more than fit in a mask".formatted(type, relations.size()));
            }
            Map<String, Integer> bits = new HashMap<>();
            for (int i = 0; i < relations.size(); i++) {
                bits.put(relations.get(i), i);
            }
            bitsByType.put(type, Map.copyOf(bits));
        }

        Map<EntityType, Map<String, List<ImplicationSource>>> memo = new EnumMap<>(EntityType.class);
        TypeModel[] models = new TypeModel[EntityType.values().length];
        for (EntityType type : EntityType.values()) {
            List<EntityType> chain = ancestorChain(type);
            Map<String, CompiledRelation> compiled = new HashMap<>();
            for (String relation : relationsByType.get(type)) {
                if (relation.equals(MEMBER)) {
                    continue;
                }
                List<ImplicationSource> sources = flatten(type, relation, rules, memo, new LinkedHashSet<>());
                long[] masks = new long[chain.size()];
                for (ImplicationSource source : sources) {
                    masks[source.distance()] |= 1L << bitsByType.get(source.entityType()).get(source.relation());
                }
                compiled.put(relation, new CompiledRelation(chain.toArray(EntityType[]::new), masks, sources));
            }
            models[type.ordinal()] = new TypeModel(Set.copyOf(type.entitlements()), bitsByType.get(type), Map.copyOf(compiled));
        }
        return models;
    }

    private static List<ImplicationSource> flatten(
            EntityType type,
            String relation,
            Rules rules,
            Map<EntityType, Map<String, List<ImplicationSource>>> memo,
            Set<String> visiting)
    {
        List<ImplicationSource> known = memo.computeIfAbsent(type, ignored -> new HashMap<>()).get(relation);
        if (known != null) {
            return known;
        }
        String key = type.wireName() + "#" + relation;
        if (!visiting.add(key)) {
            throw new IllegalStateException("Cycle in authorization model through " + visiting);
        }
        Set<ImplicationSource> sources = new LinkedHashSet<>();
        sources.add(new ImplicationSource(0, type, relation));
        Rule rule = rules.rule(type, relation);
        if (rule != null) {
            for (String sameObject : rule.sameObject) {
                sources.addAll(flatten(type, sameObject, rules, memo, visiting));
            }
            for (String fromParent : rule.fromParent) {
                EntityType parentType = type.parentType().orElseThrow();
                for (ImplicationSource source : flatten(parentType, fromParent, rules, memo, visiting)) {
                    sources.add(new ImplicationSource(source.distance() + 1, source.entityType(), source.relation()));
                }
            }
        }
        visiting.remove(key);
        List<ImplicationSource> result = List.copyOf(sources);
        memo.get(type).put(relation, result);
        return result;
    }

    private static List<EntityType> ancestorChain(EntityType type)
    {
        List<EntityType> chain = new ArrayList<>();
        EntityType current = type;
        while (current != null) {
            chain.add(current);
            current = current.parentType().orElse(null);
        }
        return chain;
    }

    private record ProjectResource(String plural, String manager, EntityType entityType) {}

    private record TypeModel(Set<String> grantable, Map<String, Integer> bitByRelation, Map<String, CompiledRelation> compiled) {}

    private static final class Rule
    {
        private final Set<String> sameObject = new LinkedHashSet<>();
        private final Set<String> fromParent = new LinkedHashSet<>();

        Rule impliedBy(String... relations)
        {
            sameObject.addAll(List.of(relations));
            return this;
        }

        Rule impliedByParent(String... relations)
        {
            fromParent.addAll(List.of(relations));
            return this;
        }
    }

    private static final class Rules
    {
        private final Map<EntityType, Map<String, Rule>> rules = new EnumMap<>(EntityType.class);
        private final Map<EntityType, List<String>> derivedRelations = new EnumMap<>(EntityType.class);

        Rule on(EntityType type, String relation)
        {
            return rules.computeIfAbsent(type, ignored -> new LinkedHashMap<>()).computeIfAbsent(relation, ignored -> new Rule());
        }

        /** Declares view/edit/delete on a type without grantable entitlements, derived from its parent. */
        void derived(EntityType type, String manageEntitlement)
        {
            derivedRelations.put(type, List.of("can_view", "can_edit", "can_delete"));
            on(type, "can_view").impliedByParent("can_view");
            on(type, "can_edit").impliedByParent(manageEntitlement);
            on(type, "can_delete").impliedByParent(manageEntitlement);
        }

        Rule rule(EntityType type, String relation)
        {
            Map<String, Rule> byRelation = rules.get(type);
            return byRelation == null ? null : byRelation.get(relation);
        }

        List<String> relations(EntityType type)
        {
            List<String> relations = new ArrayList<>(type.entitlements());
            relations.addAll(derivedRelations.getOrDefault(type, List.of()));
            if (type == GROUP) {
                relations.add(MEMBER);
            }
            return List.copyOf(relations);
        }

        // A typo in the rules must fail loudly at startup rather than silently deny
        void verify(Map<EntityType, List<String>> relationsByType)
        {
            rules.forEach((type, byRelation) -> byRelation.forEach((relation, rule) -> {
                requireRelation(relationsByType, type, relation);
                rule.sameObject.forEach(implier -> requireRelation(relationsByType, type, implier));
                if (!rule.fromParent.isEmpty()) {
                    EntityType parentType = type.parentType()
                            .orElseThrow(() -> new IllegalStateException("Entity type %s has no parent".formatted(type)));
                    rule.fromParent.forEach(implier -> requireRelation(relationsByType, parentType, implier));
                }
            }));
        }

        private static void requireRelation(Map<EntityType, List<String>> relationsByType, EntityType type, String relation)
        {
            if (!relationsByType.get(type).contains(relation)) {
                throw new IllegalStateException("Authorization model references unknown relation %s on %s".formatted(relation, type));
            }
        }
    }
}
