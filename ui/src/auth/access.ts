import type { IdentityInfo } from "../api/types";

/** What the UI knows about the caller's permissions. */
export interface Access {
  /** False: every check passes and the server has the last word (unrestricted certificates, failed lookups). */
  fineGrained: boolean;
  /** Entitlements held directly on the server (`effective_permissions` with entity type `server`). */
  serverEntitlements: ReadonlySet<string>;
}

export const UNRESTRICTED_ACCESS: Access = { fineGrained: false, serverEntitlements: new Set() };

export function accessFromIdentity(identity: IdentityInfo | undefined): Access {
  if (!identity || !identity.fine_grained) {
    return UNRESTRICTED_ACCESS;
  }
  const serverEntitlements = new Set(
    (identity.effective_permissions ?? []).filter((permission) => permission.entity_type === "server").map((permission) => permission.entitlement),
  );
  return { fineGrained: true, serverEntitlements };
}

/** True when the caller holds any of `entitlements` on the server (each list names the entitlement and its implying roles). */
export function hasServerEntitlement(access: Access, ...entitlements: string[]): boolean {
  return !access.fineGrained || entitlements.some((entitlement) => access.serverEntitlements.has(entitlement));
}

/** True when a listed object carries `entitlement` in its `access_entitlements`. */
export function hasEntitlement(access: Access, item: { access_entitlements?: string[] | undefined }, entitlement: string): boolean {
  return !access.fineGrained || (item.access_entitlements ?? []).includes(entitlement);
}

// Server entitlements behind each action, with the roles that imply them (AuthorizationModel on the daemon)
export const canCreateClusterLinks = (access: Access) => hasServerEntitlement(access, "can_create_cluster_links", "admin");
export const canCreateIdentities = (access: Access) => hasServerEntitlement(access, "can_create_identities", "permission_manager", "admin");
export const canCreateGroups = (access: Access) => hasServerEntitlement(access, "can_create_groups", "permission_manager", "admin");
export const canViewPermissions = (access: Access) => hasServerEntitlement(access, "can_view_permissions", "permission_manager", "admin");
export const canEditServer = (access: Access) => hasServerEntitlement(access, "can_edit", "admin");
