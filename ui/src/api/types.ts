// Wire shapes of the jxd (LXD-compatible) REST API, as the UI reads them.

export interface Envelope<T> {
  type: "sync" | "async" | "error";
  status: string;
  status_code: number;
  operation?: string;
  metadata: T;
  error: string;
  error_code: number;
}

export interface ServerEnvironment {
  addresses?: string[];
  certificate_fingerprint?: string;
  server_clustered: boolean;
  server_name: string;
  server_version?: string;
  os_name?: string;
  kernel_version?: string;
  server_pid?: number;
}

export interface ServerInfo {
  api_extensions: string[];
  api_status: string;
  api_version: string;
  auth: "trusted" | "untrusted";
  auth_methods?: string[];
  client_certificate?: boolean;
  config: Record<string, unknown>;
  auth_user_name?: string;
  auth_user_method?: string;
  environment?: ServerEnvironment;
}

export interface Permission {
  entity_type: string;
  url: string;
  entitlement: string;
}

export interface Identity {
  access_entitlements?: string[];
  authentication_method: string;
  type: string;
  id: string;
  name: string;
  groups: string[] | null;
  tls_certificate?: string;
  expires_at?: string;
}

export interface IdentityInfo extends Identity {
  effective_groups?: string[];
  effective_permissions?: Permission[];
  fine_grained: boolean;
}

export interface AuthGroup {
  access_entitlements?: string[];
  name: string;
  description: string;
  permissions: Permission[];
  identities?: Record<string, string[]>;
  identity_provider_groups?: string[];
}

export interface ClusterLink {
  access_entitlements?: string[];
  name: string;
  description: string;
  type: string;
  config: Record<string, string>;
  used_by: string[];
}

export interface ClusterLinkMemberState {
  server_name: string;
  address: string;
  status: "Active" | "Unreachable" | "Unauthenticated" | string;
  /** jxd health figures; absent on plain LXD and when unknown. */
  last_contact?: string;
  round_trip_millis?: number;
  certificate_expires_at?: string;
  error?: string;
}

export interface ClusterLinkState {
  cluster_link_members: ClusterLinkMemberState[];
}

/** The trust token object the API returns as `metadata`; the CLI form is base64 of its JSON. */
export interface TrustTokenMetadata {
  client_name: string;
  fingerprint: string;
  addresses: string[];
  secret: string;
  expires_at: string;
  type: string;
}

export interface ClusterMember {
  server_name: string;
  url: string;
  roles: string[];
  status: string;
  message: string;
  database: boolean;
}

export interface LxdEvent {
  type: string;
  timestamp: string;
  metadata: unknown;
  location?: string;
  project?: string;
}

export interface LifecycleMetadata {
  action: string;
  source: string;
  name?: string;
  project?: string;
  context?: Record<string, unknown>;
}
