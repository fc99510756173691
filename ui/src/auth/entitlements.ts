// The grantable entitlements per entity type, mirroring the daemon's model
// (api/src/main/java/dev/jxd/api/entity/EntityType.java, checked by daemon/.../auth/model/AuthorizationModel.java).
// Types that take no entitlements (container, snapshots, backups, cluster members and groups) are left out:
// the server refuses permissions on them, so the picker must not offer them.

const SERVER = [
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
  "can_create_cluster_links", "can_view_cluster_links", "can_edit_cluster_links", "can_delete_cluster_links",
] as const;

const PROJECT = [
  "operator", "viewer", "can_view", "can_edit", "can_delete",
  "image_manager", "can_create_images", "can_view_images", "can_edit_images", "can_delete_images",
  "image_alias_manager", "can_create_image_aliases", "can_view_image_aliases", "can_edit_image_aliases", "can_delete_image_aliases",
  "instance_manager", "can_create_instances", "can_view_instances", "can_edit_instances", "can_delete_instances", "can_operate_instances",
  "network_manager", "can_create_networks", "can_view_networks", "can_edit_networks", "can_delete_networks",
  "network_acl_manager", "can_create_network_acls", "can_view_network_acls", "can_edit_network_acls", "can_delete_network_acls",
  "network_zone_manager", "can_create_network_zones", "can_view_network_zones", "can_edit_network_zones", "can_delete_network_zones",
  "profile_manager", "can_create_profiles", "can_view_profiles", "can_edit_profiles", "can_delete_profiles",
  "storage_volume_manager", "can_create_storage_volumes", "can_view_storage_volumes", "can_edit_storage_volumes", "can_delete_storage_volumes",
  "storage_bucket_manager", "can_create_storage_buckets", "can_view_storage_buckets", "can_edit_storage_buckets", "can_delete_storage_buckets",
  "placement_group_manager", "can_create_placement_groups", "can_view_placement_groups", "can_edit_placement_groups", "can_delete_placement_groups",
  "replicator_manager", "can_create_replicators", "can_view_replicators", "can_edit_replicators", "can_delete_replicators",
  "can_view_operations", "can_view_events", "can_view_metrics",
] as const;

const INSTANCE = [
  "user", "operator", "can_edit", "can_delete", "can_view",
  "can_update_state", "can_manage_snapshots", "can_manage_backups",
  "can_connect_sftp", "can_access_files", "can_access_console", "can_exec",
] as const;

const VIEW_EDIT_DELETE = ["can_view", "can_edit", "can_delete"] as const;
const PROJECT_ENTITY = ["can_edit", "can_delete", "can_view"] as const;

/** Entity type → grantable entitlements, in the daemon's order (which the picker keeps). */
export const ENTITLEMENTS_BY_ENTITY_TYPE: Readonly<Record<string, readonly string[]>> = {
  server: SERVER,
  project: PROJECT,
  instance: INSTANCE,
  cluster_link: VIEW_EDIT_DELETE,
  replicator: PROJECT_ENTITY,
  identity: VIEW_EDIT_DELETE,
  group: VIEW_EDIT_DELETE,
  identity_provider_group: VIEW_EDIT_DELETE,
  certificate: VIEW_EDIT_DELETE,
  image: PROJECT_ENTITY,
  image_alias: PROJECT_ENTITY,
  network: PROJECT_ENTITY,
  network_acl: PROJECT_ENTITY,
  network_zone: PROJECT_ENTITY,
  placement_group: PROJECT_ENTITY,
  profile: PROJECT_ENTITY,
  storage_bucket: PROJECT_ENTITY,
  storage_pool: ["can_edit", "can_delete"],
  storage_volume: ["can_edit", "can_delete", "can_view", "can_manage_snapshots", "can_manage_backups"],
};

/** Entity types a permission can target, in the picker's order. */
export const GRANTABLE_ENTITY_TYPES: readonly string[] = Object.keys(ENTITLEMENTS_BY_ENTITY_TYPE);

/**
 * The entitlements the picker offers for a type: role-like ones (admin, viewer, *_manager, operator, user) first,
 * then the can_* ones, as LXD's UI orders them.
 */
export function entitlementsFor(entityType: string): string[] {
  const entitlements = ENTITLEMENTS_BY_ENTITY_TYPE[entityType] ?? [];
  const roles = entitlements.filter((entitlement) => !entitlement.startsWith("can_"));
  const checks = entitlements.filter((entitlement) => entitlement.startsWith("can_"));
  return [...roles, ...checks];
}

export function isValidEntitlement(entityType: string, entitlement: string): boolean {
  return (ENTITLEMENTS_BY_ENTITY_TYPE[entityType] ?? []).includes(entitlement);
}

/** The server is a single entity; `GET /1.0/auth/permissions` is not needed to pick it. */
export const SERVER_URL = "/1.0";

/** Human label for an entity URL, e.g. `/1.0/instances/c1?project=p` → `c1 (project p)`. */
export function entityLabel(entityType: string, url: string): string {
  if (entityType === "server") {
    return "Server";
  }
  const [path = "", query = ""] = url.split("?");
  const segments = path.split("/").filter((part) => part !== "");
  const last = segments.at(-1);
  const name = last === undefined ? url : decodeURIComponent(last);
  const project = new URLSearchParams(query).get("project");
  if (entityType === "identity" && segments.length >= 2) {
    return `${segments.at(-2)}/${name}`;
  }
  return project ? `${name} (project ${project})` : name;
}
