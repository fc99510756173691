import type { ClusterLink, ClusterLinkState, Identity } from "../../api/types";

export type LinkStatus = "Pending" | "Active" | "Unreachable";

const LINK_IDENTITY_TYPE = "Cluster link certificate";

/** The identity a bidirectional link owns: same name, a "Cluster link certificate" type (pending or not). */
export function linkIdentity(link: Pick<ClusterLink, "name">, identities: readonly Identity[] | undefined): Identity | undefined {
  return identities?.find((identity) => identity.name === link.name && identity.type.startsWith(LINK_IDENTITY_TYPE));
}

export function isPendingIdentity(identity: Identity | undefined): boolean {
  return identity !== undefined && identity.type.includes("(pending)");
}

/**
 * Pending while the link's identity waits for the other cluster to redeem the token; Active when at least one remote
 * member answers as trusted; Unreachable otherwise (including when the state cannot be read).
 * Undefined while the state is still loading.
 */
export function linkStatus(identity: Identity | undefined, state: ClusterLinkState | undefined, stateFailed: boolean): LinkStatus | undefined {
  if (isPendingIdentity(identity)) {
    return "Pending";
  }
  if (state === undefined) {
    return stateFailed ? "Unreachable" : undefined;
  }
  return state.cluster_link_members.some((member) => member.status === "Active") ? "Active" : "Unreachable";
}

export function capitalise(value: string): string {
  return value === "" ? value : value.charAt(0).toUpperCase() + value.slice(1);
}
