import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { fetchCurrentIdentity } from "../api/identities";
import { fetchServer } from "../api/server";
import type { IdentityInfo, ServerInfo } from "../api/types";
import { accessFromIdentity, type Access } from "../auth/access";
import { queryKeys } from "./queryKeys";

export interface AppData {
  server: ServerInfo;
  clustered: boolean;
  currentIdentity: IdentityInfo | undefined;
  access: Access;
}

const AppDataContext = createContext<AppData | undefined>(undefined);

export function AppDataProvider({ value, children }: { value: AppData; children: ReactNode }) {
  return <AppDataContext.Provider value={value}>{children}</AppDataContext.Provider>;
}

/** Server info and the caller's access; only available below the trusted shell. */
export function useAppData(): AppData {
  const value = useContext(AppDataContext);
  if (!value) {
    throw new Error("useAppData used outside AppDataProvider");
  }
  return value;
}

/** `GET /1.0`, refreshed at most once a minute and on `config-*` events. */
export function useServerQuery() {
  return useQuery({ queryKey: queryKeys.server, queryFn: fetchServer, staleTime: 60_000, refetchInterval: 60_000 });
}

/** `GET /1.0/auth/identities/current`, only for trusted callers. */
export function useCurrentIdentityQuery(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.currentIdentity, queryFn: fetchCurrentIdentity, enabled, retry: false, staleTime: 60_000 });
}

export function buildAppData(server: ServerInfo, currentIdentity: IdentityInfo | undefined): AppData {
  return {
    server,
    clustered: server.environment?.server_clustered === true,
    currentIdentity,
    access: accessFromIdentity(currentIdentity),
  };
}

/** Where `/ui/` leads: the cluster links page of the current mode. */
export function linksHome(clustered: boolean): string {
  return clustered ? "/cluster/links" : "/server/cluster-links";
}

export const useClustered = () => useAppData().clustered;

export function useAccess(): Access {
  return useAppData().access;
}
