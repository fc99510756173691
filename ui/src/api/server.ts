import { api } from "./client";
import type { ClusterMember, ServerInfo } from "./types";

export function fetchServer(): Promise<ServerInfo> {
  return api.get<ServerInfo>("/1.0");
}

/** `PATCH /1.0` merges the given keys into the server configuration; an empty value unsets a key. */
export function patchServerConfig(config: Record<string, string>): Promise<unknown> {
  return api.patch("/1.0", { config });
}

export function fetchClusterMembers(): Promise<ClusterMember[]> {
  return api.get<ClusterMember[]>("/1.0/cluster/members?recursion=1");
}
