import { ApiError, api, apiPath, segment } from "./client";
import { entitlementParameter } from "./entitlementQuery";
import type { ClusterLink, ClusterLinkState, TrustTokenMetadata } from "./types";

export type LinkType = "bidirectional" | "unidirectional";

export function fetchClusterLinks(fineGrained: boolean): Promise<ClusterLink[]> {
  return api.get<ClusterLink[]>(apiPath("/1.0/cluster/links", { recursion: 1, "with-access-entitlements": entitlementParameter(fineGrained) }));
}

export function linkPath(name: string): string {
  return `/1.0/cluster/links/${segment(name)}`;
}

export function fetchClusterLink(name: string, fineGrained: boolean): Promise<ClusterLink> {
  return api.get<ClusterLink>(apiPath(linkPath(name), { "with-access-entitlements": entitlementParameter(fineGrained) }));
}

export function fetchClusterLinkState(name: string): Promise<ClusterLinkState> {
  return api.get<ClusterLinkState>(`${linkPath(name)}/state`);
}

/** True when a link of that name exists: only a 404 means the name is free. */
export async function clusterLinkExists(name: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await api.get<unknown>(linkPath(name), signal);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return false;
    }
    if (error instanceof ApiError) {
      return true;
    }
    throw error;
  }
}

/** `POST /1.0/cluster/links` body (keys with undefined values are dropped by JSON.stringify). */
export interface ClusterLinksPost {
  name: string;
  type: LinkType;
  description?: string;
  trust_token?: string;
  auth_groups?: string[];
}

export type TokenSetup = "generate" | "consume";

export interface CreateLinkForm {
  type: LinkType;
  tokenSetup: TokenSetup;
  token: string;
  name: string;
  description: string;
  authGroups: string[];
}

/**
 * The request for each create mode:
 * bidirectional + generate: pending link, the response carries the token for the other cluster;
 * bidirectional + consume: active link from the other cluster's token;
 * unidirectional: link to a cluster that created a "Cluster link certificate" identity for us (no groups: nothing calls back).
 */
export function createLinkRequest(form: CreateLinkForm): ClusterLinksPost {
  const name = form.name.trim();
  const description = form.description.trim();
  if (form.type === "unidirectional") {
    return { name, description, trust_token: lastLine(form.token), type: "unidirectional" };
  }
  if (form.tokenSetup === "consume") {
    return { name, description, trust_token: lastLine(form.token), auth_groups: form.authGroups, type: "bidirectional" };
  }
  return { name, description, auth_groups: form.authGroups, type: "bidirectional" };
}

/** Whether the create form needs a pasted token. */
export function needsToken(form: Pick<CreateLinkForm, "type" | "tokenSetup">): boolean {
  return form.type === "unidirectional" || form.tokenSetup === "consume";
}

export function createClusterLink(body: ClusterLinksPost): Promise<TrustTokenMetadata | null> {
  return api.post<TrustTokenMetadata | null>("/1.0/cluster/links", body);
}

/** Target side of a unidirectional link: a pending "Cluster link certificate" identity; the response is its token. */
export function createClusterLinkIdentity(name: string, authGroups: string[]): Promise<TrustTokenMetadata | null> {
  return createClusterLink({ name, auth_groups: authGroups, type: "unidirectional" });
}

/** Replaces description and config (`ClusterLinkPut`); volatile keys are sent back unchanged as the server requires. */
export function updateClusterLink(link: ClusterLink, description: string): Promise<unknown> {
  return api.put(linkPath(link.name), { description, config: link.config ?? {} });
}

export function deleteClusterLink(name: string): Promise<unknown> {
  return api.delete(linkPath(name));
}

/** `volatile.addresses` as a list of `host:port`. */
export function linkAddresses(link: Pick<ClusterLink, "config">): string[] {
  const value = link.config?.["volatile.addresses"] ?? "";
  return value
    .split(",")
    .map((address) => address.trim())
    .filter((address) => address !== "");
}

// People paste the whole CLI output; the token is its last non-empty line
function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return lines.at(-1) ?? "";
}
