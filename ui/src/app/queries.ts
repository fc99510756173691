import { useQuery } from "@tanstack/react-query";
import { fetchClusterLink, fetchClusterLinks, fetchClusterLinkState } from "../api/clusterLinks";
import { fetchGroups } from "../api/groups";
import { fetchIdentities } from "../api/identities";
import { fetchPermissions } from "../api/permissions";
import { fetchClusterMembers } from "../api/server";
import { useAccess } from "./AppData";
import { queryKeys } from "./queryKeys";

export function useClusterLinks() {
  const { fineGrained } = useAccess();
  return useQuery({ queryKey: queryKeys.clusterLinks(fineGrained), queryFn: () => fetchClusterLinks(fineGrained) });
}

export function useClusterLink(name: string) {
  const { fineGrained } = useAccess();
  return useQuery({ queryKey: queryKeys.clusterLink(name, fineGrained), queryFn: () => fetchClusterLink(name, fineGrained) });
}

/** `/state` of one link; `refetchInterval` keeps health figures live on the detail page. */
export function useClusterLinkState(name: string, enabled: boolean, refetchInterval?: number) {
  return useQuery({
    queryKey: queryKeys.clusterLinkState(name),
    queryFn: () => fetchClusterLinkState(name),
    enabled,
    retry: false,
    refetchInterval,
  });
}

export function useIdentities() {
  const { fineGrained } = useAccess();
  return useQuery({ queryKey: queryKeys.identities(fineGrained), queryFn: () => fetchIdentities(fineGrained) });
}

export function useGroups(enabled = true) {
  const { fineGrained } = useAccess();
  return useQuery({ queryKey: queryKeys.groups(fineGrained), queryFn: () => fetchGroups(fineGrained), enabled });
}

export function usePermissionEntities(entityType: string, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.permissions(entityType), queryFn: () => fetchPermissions(entityType), enabled });
}

export function useClusterMembers(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.clusterMembers, queryFn: fetchClusterMembers, enabled, refetchInterval: 10_000 });
}
