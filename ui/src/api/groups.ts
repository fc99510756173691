import { api, apiPath, segment } from "./client";
import { entitlementParameter } from "./entitlementQuery";
import type { AuthGroup, Permission } from "./types";

export function fetchGroups(fineGrained: boolean): Promise<AuthGroup[]> {
  return api.get<AuthGroup[]>(apiPath("/1.0/auth/groups", { recursion: 1, "with-access-entitlements": entitlementParameter(fineGrained) }));
}

function groupPath(name: string): string {
  return `/1.0/auth/groups/${segment(name)}`;
}

export function createGroup(name: string, description: string, permissions: Permission[]): Promise<unknown> {
  return api.post("/1.0/auth/groups", { name, description, permissions: permissions.map(wirePermission) });
}

export function updateGroup(name: string, description: string, permissions: Permission[]): Promise<unknown> {
  return api.put(groupPath(name), { description, permissions: permissions.map(wirePermission) });
}

export function renameGroup(oldName: string, newName: string): Promise<unknown> {
  return api.post(groupPath(oldName), { name: newName });
}

export function deleteGroup(name: string): Promise<unknown> {
  return api.delete(groupPath(name));
}

/** Saves a group from the panel: rename first (POST) when the name changed, then replace description and permissions. */
export async function saveGroup(originalName: string | undefined, name: string, description: string, permissions: Permission[]): Promise<void> {
  if (originalName === undefined) {
    await createGroup(name, description, permissions);
    return;
  }
  if (originalName !== name) {
    await renameGroup(originalName, name);
  }
  await updateGroup(name, description, permissions);
}

// The daemon rejects unknown fields, so strip anything the UI may have attached to a permission
function wirePermission(permission: Permission): Permission {
  return { entity_type: permission.entity_type, url: permission.url, entitlement: permission.entitlement };
}
