import { describe, expect, it } from "vitest";
import type { ClusterLinkState, Identity } from "../../api/types";
import { linkIdentity, linkStatus } from "./linkStatus";

const identity = (name: string, type: string): Identity => ({ authentication_method: "tls", type, id: `${name}-id`, name, groups: [] });
const state = (...statuses: string[]): ClusterLinkState => ({
  cluster_link_members: statuses.map((status, index) => ({ server_name: `m${index}`, address: `10.0.0.${index}:8443`, status })),
});

describe("linkIdentity", () => {
  it("finds the cluster link identity of the same name, not a client of that name", () => {
    const identities = [identity("beta", "Client certificate"), identity("beta", "Cluster link certificate (pending)"), identity("gamma", "Cluster link certificate")];
    expect(linkIdentity({ name: "beta" }, identities)?.type).toBe("Cluster link certificate (pending)");
    expect(linkIdentity({ name: "delta" }, identities)).toBeUndefined();
  });
});

describe("linkStatus", () => {
  it("is Pending while the identity is pending, whatever the state says", () => {
    expect(linkStatus(identity("beta", "Cluster link certificate (pending)"), state("Active"), false)).toBe("Pending");
    expect(linkStatus(identity("beta", "Cluster link certificate (pending)"), undefined, false)).toBe("Pending");
  });

  it("is Active when any remote member is Active", () => {
    expect(linkStatus(identity("beta", "Cluster link certificate"), state("Unreachable", "Active"), false)).toBe("Active");
    // Unidirectional links have no identity on this side
    expect(linkStatus(undefined, state("Active"), false)).toBe("Active");
  });

  it("is Unreachable when no member is Active, when there are none, or when the state fails", () => {
    expect(linkStatus(identity("beta", "Cluster link certificate"), state("Unreachable", "Unauthenticated"), false)).toBe("Unreachable");
    expect(linkStatus(undefined, state(), false)).toBe("Unreachable");
    expect(linkStatus(undefined, undefined, true)).toBe("Unreachable");
  });

  it("is unknown while the state is loading", () => {
    expect(linkStatus(identity("beta", "Cluster link certificate"), undefined, false)).toBeUndefined();
  });
});
