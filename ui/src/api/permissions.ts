import { api, apiPath } from "./client";
import type { Permission } from "./types";

/** Every (entity, entitlement) pair of one entity type; the UI reduces it to the distinct entity URLs. */
export function fetchPermissions(entityType: string): Promise<Permission[]> {
  return api.get<Permission[]>(apiPath("/1.0/auth/permissions", { "entity-type": entityType }));
}

/** Distinct entity URLs from a permission listing, sorted. */
export function entityUrls(permissions: Permission[]): string[] {
  return [...new Set(permissions.map((permission) => permission.url))].sort((left, right) => left.localeCompare(right));
}
