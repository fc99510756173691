import type { QueryClient } from "@tanstack/react-query";
import type { QueryArea } from "../api/events";

export const queryKeys = {
  server: ["server"] as const,
  currentIdentity: ["current-identity"] as const,
  clusterLinks: (fineGrained: boolean) => ["cluster-links", fineGrained] as const,
  clusterLink: (name: string, fineGrained: boolean) => ["cluster-link", name, fineGrained] as const,
  clusterLinkState: (name: string) => ["cluster-link-state", name] as const,
  identities: (fineGrained: boolean) => ["identities", fineGrained] as const,
  groups: (fineGrained: boolean) => ["groups", fineGrained] as const,
  permissions: (entityType: string) => ["permissions", entityType] as const,
  clusterMembers: ["cluster-members"] as const,
};

const ROOTS_BY_AREA: Record<QueryArea, readonly string[]> = {
  "cluster-links": ["cluster-links", "cluster-link", "cluster-link-state"],
  identities: ["identities", "current-identity"],
  groups: ["groups", "permissions"],
  server: ["server"],
};

/** Marks every query of the given areas stale; mounted ones refetch. */
export async function invalidateAreas(client: QueryClient, areas: readonly QueryArea[]): Promise<void> {
  const roots = new Set(areas.flatMap((area) => ROOTS_BY_AREA[area]));
  await Promise.all([...roots].map((root) => client.invalidateQueries({ queryKey: [root] })));
}
