package dev.jxd.api.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The entity types that permissions can reference (spec §2.8), with their URL shape and grantable entitlements.
 *
 * <p>LXD also knows {@code operation} and {@code warning}, but they are not valid in permissions
 * ({@code Unknown entity type "operation"}), so they are deliberately absent here.
 */
public enum EntityType
{
    SERVER("server", 21, "/1.0", false, false, List.of(
            "admin", "viewer", "can_edit",
            "permission_manager", "can_view_permissions",
            "can_create_identities", "can_view_identities", "can_edit_identities", "can_delete_identities",
            "can_create_groups", "can_view_groups", "can_edit_groups", "can_delete_groups",
            "can_create_identity_provider_groups", "can_view_identity_provider_groups",
            "can_edit_identity_provider_groups", "can_delete_identity_provider_groups",
            "storage_pool_manager", "can_create_storage_pools", "can_edit_storage_pools", "can_delete_storage_pools",
            "project_manager", "can_create_projects", "can_view_projects", "can_edit_projects", "can_delete_projects",
            "can_override_cluster_target_restriction",
            "can_view_events", "can_view_operations", "can_view_resources", "can_view_metrics", "can_view_warnings",
            "can_view_unmanaged_networks",
            "can_create_cluster_links", "can_view_cluster_links", "can_edit_cluster_links", "can_delete_cluster_links")),
    PROJECT("project", 3, "/1.0/projects/{name}", false, false, List.of(
            "operator", "viewer", "can_view", "can_edit", "can_delete",
            "image_manager", "can_create_images", "can_view_images", "can_edit_images", "can_delete_images",
            "image_alias_manager", "can_create_image_aliases", "can_view_image_aliases", "can_edit_image_aliases",
            "can_delete_image_aliases",
            "instance_manager", "can_create_instances", "can_view_instances", "can_edit_instances",
            "can_delete_instances", "can_operate_instances",
            "network_manager", "can_create_networks", "can_view_networks", "can_edit_networks", "can_delete_networks",
            "network_acl_manager", "can_create_network_acls", "can_view_network_acls", "can_edit_network_acls",
            "can_delete_network_acls",
            "network_zone_manager", "can_create_network_zones", "can_view_network_zones", "can_edit_network_zones",
            "can_delete_network_zones",
            "profile_manager", "can_create_profiles", "can_view_profiles", "can_edit_profiles", "can_delete_profiles",
            "storage_volume_manager", "can_create_storage_volumes", "can_view_storage_volumes",
            "can_edit_storage_volumes", "can_delete_storage_volumes",
            "storage_bucket_manager", "can_create_storage_buckets", "can_view_storage_buckets",
            "can_edit_storage_buckets", "can_delete_storage_buckets",
            "placement_group_manager", "can_create_placement_groups", "can_view_placement_groups",
            "can_edit_placement_groups", "can_delete_placement_groups",
            "replicator_manager", "can_create_replicators", "can_view_replicators", "can_edit_replicators",
            "can_delete_replicators",
            "can_view_operations", "can_view_events", "can_view_metrics")),
    INSTANCE("instance", 5, "/1.0/instances/{name}", true, false, List.of(
            "user", "operator", "can_edit", "can_delete", "can_view",
            "can_update_state", "can_manage_snapshots", "can_manage_backups",
            "can_connect_sftp", "can_access_files", "can_access_console", "can_exec")),
    CLUSTER_LINK("cluster_link", 26, "/1.0/cluster/links/{name}", false, false, List.of("can_view", "can_edit", "can_delete")),
    REPLICATOR("replicator", 27, "/1.0/replicators/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    IDENTITY("identity", 24, "/1.0/auth/identities/{method}/{identifier}", false, false, List.of("can_view", "can_edit", "can_delete")),
    GROUP("group", 22, "/1.0/auth/groups/{name}", false, false, List.of("can_view", "can_edit", "can_delete")),
    IDENTITY_PROVIDER_GROUP("identity_provider_group", 23, "/1.0/auth/identity-provider-groups/{name}", false, false,
            List.of("can_view", "can_edit", "can_delete")),
    CERTIFICATE("certificate", 4, "/1.0/certificates/{fingerprint}", false, false, List.of("can_view", "can_edit", "can_delete")),
    IMAGE("image", 1, "/1.0/images/{fingerprint}", true, false, List.of("can_edit", "can_delete", "can_view")),
    IMAGE_ALIAS("image_alias", 20, "/1.0/images/aliases/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    NETWORK("network", 8, "/1.0/networks/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    NETWORK_ACL("network_acl", 9, "/1.0/network-acls/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    NETWORK_ZONE("network_zone", 19, "/1.0/network-zones/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    PLACEMENT_GROUP("placement_group", 25, "/1.0/placement-groups/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    PROFILE("profile", 2, "/1.0/profiles/{name}", true, false, List.of("can_edit", "can_delete", "can_view")),
    STORAGE_BUCKET("storage_bucket", 18, "/1.0/storage-pools/{pool}/buckets/{name}", true, false,
            List.of("can_edit", "can_delete", "can_view")),
    STORAGE_POOL("storage_pool", 12, "/1.0/storage-pools/{name}", false, false, List.of("can_edit", "can_delete")),
    STORAGE_VOLUME("storage_volume", 13, "/1.0/storage-pools/{pool}/volumes/{type}/{name}", true, true,
            List.of("can_edit", "can_delete", "can_view", "can_manage_snapshots", "can_manage_backups")),
    CONTAINER("container", 0, "/1.0/containers/{name}", true, false, List.of()),
    INSTANCE_BACKUP("instance_backup", 6, "/1.0/instances/{name}/backups/{backup}", true, false, List.of()),
    INSTANCE_SNAPSHOT("instance_snapshot", 7, "/1.0/instances/{name}/snapshots/{snapshot}", true, false, List.of()),
    CLUSTER_MEMBER("cluster_member", 10, "/1.0/cluster/members/{name}", false, false, List.of()),
    CLUSTER_GROUP("cluster_group", 17, "/1.0/cluster/groups/{name}", false, false, List.of()),
    STORAGE_VOLUME_BACKUP("storage_volume_backup", 14, "/1.0/storage-pools/{pool}/volumes/{type}/{name}/backups/{backup}",
            true, true, List.of()),
    STORAGE_VOLUME_SNAPSHOT("storage_volume_snapshot", 15, "/1.0/storage-pools/{pool}/volumes/{type}/{name}/snapshots/{snapshot}",
            true, true, List.of());

    static final String API_PREFIX = "/1.0";

    private static final Map<String, EntityType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EntityType::wireName, Function.identity()));
    private static final Map<Integer, EntityType> BY_DB_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EntityType::dbCode, Function.identity()));

    private final String wireName;
    private final int dbCode;
    private final String urlTemplate;
    private final boolean projectScoped;
    private final boolean locationAllowed;
    private final List<String> entitlements;
    // Segments after "/1.0"; a null element is a path argument
    private final List<String> pathSegments;
    private final List<String> pathArgumentNames;

    EntityType(String wireName, int dbCode, String urlTemplate, boolean projectScoped, boolean locationAllowed, List<String> entitlements)
    {
        this.wireName = wireName;
        this.dbCode = dbCode;
        this.urlTemplate = urlTemplate;
        this.projectScoped = projectScoped;
        this.locationAllowed = locationAllowed;
        this.entitlements = entitlements;

        List<String> segments = new ArrayList<>();
        List<String> argumentNames = new ArrayList<>();
        String relative = urlTemplate.substring(API_PREFIX.length());
        if (!relative.isEmpty()) {
            for (String segment : relative.substring(1).split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    segments.add(null);
                    argumentNames.add(segment.substring(1, segment.length() - 1));
                }
                else {
                    segments.add(segment);
                }
            }
        }
        this.pathSegments = Collections.unmodifiableList(segments);
        this.pathArgumentNames = List.copyOf(argumentNames);
    }

    /** The name used on the wire, e.g. {@code cluster_link}. */
    public String wireName()
    {
        return wireName;
    }

    /** LXD's database code for the type (spec §2.8). */
    public int dbCode()
    {
        return dbCode;
    }

    /** URL template as in the spec, e.g. {@code /1.0/instances/{name}}. */
    public String urlTemplate()
    {
        return urlTemplate;
    }

    /** True when entities of this type live in a project and their URLs carry {@code ?project=}. */
    public boolean isProjectScoped()
    {
        return projectScoped;
    }

    /** True when entities of this type are per cluster member and their URLs may carry {@code ?target=}. */
    public boolean isLocationAllowed()
    {
        return locationAllowed;
    }

    /** Grantable entitlements, in LXD's order; empty for types that cannot be referenced by permissions. */
    public List<String> entitlements()
    {
        return entitlements;
    }

    /** Names of the path arguments in URL order, e.g. {@code [pool, type, name]} for storage volumes. */
    public List<String> pathArgumentNames()
    {
        return pathArgumentNames;
    }

    /**
     * The type of the parent entity in the authorization hierarchy, empty for {@code server}.
     * Storage volumes belong to their project (not their pool); snapshots and backups to what they were taken of.
     */
    public Optional<EntityType> parentType()
    {
        return Optional.ofNullable(switch (this) {
            case SERVER -> null;
            case PROJECT, CLUSTER_LINK, IDENTITY, GROUP, IDENTITY_PROVIDER_GROUP, CERTIFICATE, STORAGE_POOL,
                 CLUSTER_MEMBER, CLUSTER_GROUP -> SERVER;
            case INSTANCE, REPLICATOR, IMAGE, IMAGE_ALIAS, NETWORK, NETWORK_ACL, NETWORK_ZONE, PLACEMENT_GROUP, PROFILE,
                 STORAGE_BUCKET, STORAGE_VOLUME, CONTAINER -> PROJECT;
            case INSTANCE_BACKUP, INSTANCE_SNAPSHOT -> INSTANCE;
            case STORAGE_VOLUME_BACKUP, STORAGE_VOLUME_SNAPSHOT -> STORAGE_VOLUME;
        });
    }

    public static Optional<EntityType> fromName(String name)
    {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<EntityType> fromDbCode(int dbCode)
    {
        return Optional.ofNullable(BY_DB_CODE.get(dbCode));
    }

    /** Segments of the path after {@code /1.0}: literals, with {@code null} where a path argument goes. */
    List<String> pathSegments()
    {
        return pathSegments;
    }

    @Override
    public String toString()
    {
        return wireName;
    }
}
