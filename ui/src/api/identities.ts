import { api, apiPath, segment } from "./client";
import { entitlementParameter } from "./entitlementQuery";
import type { Identity, IdentityInfo, TrustTokenMetadata } from "./types";

export function fetchIdentities(fineGrained: boolean): Promise<Identity[]> {
  return api.get<Identity[]>(apiPath("/1.0/auth/identities", { recursion: 1, "with-access-entitlements": entitlementParameter(fineGrained) }));
}

export function fetchCurrentIdentity(): Promise<IdentityInfo> {
  return api.get<IdentityInfo>("/1.0/auth/identities/current?recursion=1");
}

export function identityPath(identity: Pick<Identity, "authentication_method" | "id">): string {
  return `/1.0/auth/identities/${segment(identity.authentication_method)}/${segment(identity.id)}`;
}

/** Replaces the identity's groups; jxd decodes bodies strictly, so only `IdentityPut` fields are sent. */
export function updateIdentityGroups(identity: Identity, groups: string[]): Promise<unknown> {
  return api.put(identityPath(identity), { groups });
}

export function deleteIdentity(identity: Identity): Promise<unknown> {
  return api.delete(identityPath(identity));
}

/** Creates a pending TLS identity and returns its trust token object. */
export function createTlsIdentityToken(name: string, groups: string[]): Promise<TrustTokenMetadata | null> {
  return api.post<TrustTokenMetadata | null>("/1.0/auth/identities/tls", { name, groups, token: true });
}

/** Redeems a trust token for the certificate this browser presents (untrusted caller). */
export function addBrowserCertificate(trustToken: string): Promise<unknown> {
  return api.post("/1.0/auth/identities/tls", { trust_token: trustToken });
}

const SYSTEM_TYPE_PREFIXES = ["Server certificate", "Metrics certificate"];

/** Server and metrics certificates: hidden by the "Hide system identities" filter. */
export function isSystemIdentity(identity: Pick<Identity, "type">): boolean {
  return SYSTEM_TYPE_PREFIXES.some((prefix) => identity.type.startsWith(prefix));
}

const FINE_GRAINED_TYPES = new Set([
  "Client certificate",
  "Client certificate (pending)",
  "Cluster link certificate",
  "Cluster link certificate (pending)",
  "OIDC client",
  "Client token bearer",
  "DevLXD token bearer",
]);

/** Only fine-grained identities can have groups or be deleted through `/1.0/auth/identities` (others get 501). */
export function isManageableIdentity(identity: Pick<Identity, "type">): boolean {
  return FINE_GRAINED_TYPES.has(identity.type);
}
