import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTITLEMENTS_BY_ENTITY_TYPE, entitlementsFor, entityLabel, GRANTABLE_ENTITY_TYPES, isValidEntitlement } from "./entitlements";

// The daemon's table of grantable entitlements (tests run in ui/); the UI must offer exactly these
function daemonTable(): Map<string, string[]> {
  const source = readFileSync(resolve(process.cwd(), "../api/src/main/java/dev/jxd/api/entity/EntityType.java"), "utf8");
  const table = new Map<string, string[]>();
  const constant = /^\s{4}[A-Z_]+\("([a-z_]+)", \d+, "[^"]*", (?:true|false), (?:true|false),\s*List\.of\(([^)]*)\)\)[,;]/gms;
  for (const match of source.matchAll(constant)) {
    const entitlements = [...match[2]!.matchAll(/"([a-z_]+)"/g)].map((entitlement) => entitlement[1]!);
    table.set(match[1]!, entitlements);
  }
  return table;
}

describe("the entitlement table", () => {
  it("matches the daemon's EntityType for every type that takes entitlements", () => {
    const daemon = daemonTable();
    expect(daemon.size).toBeGreaterThan(20);
    const grantable = [...daemon].filter(([, entitlements]) => entitlements.length > 0);
    expect(Object.fromEntries(grantable)).toEqual(Object.fromEntries(Object.entries(ENTITLEMENTS_BY_ENTITY_TYPE).map(([type, list]) => [type, [...list]])));
  });

  it("offers no type the server refuses permissions on", () => {
    expect(GRANTABLE_ENTITY_TYPES).not.toContain("container");
    expect(GRANTABLE_ENTITY_TYPES).not.toContain("instance_snapshot");
    expect(GRANTABLE_ENTITY_TYPES).not.toContain("operation");
    expect(entitlementsFor("cluster_member")).toEqual([]);
  });

  it("lists roles before can_* entitlements and keeps only the type's own", () => {
    expect(entitlementsFor("cluster_link")).toEqual(["can_view", "can_edit", "can_delete"]);
    expect(entitlementsFor("storage_pool")).toEqual(["can_edit", "can_delete"]);
    const server = entitlementsFor("server");
    expect(server.slice(0, 5)).toEqual(["admin", "viewer", "permission_manager", "storage_pool_manager", "project_manager"]);
    expect(server).toContain("can_create_cluster_links");
    expect(isValidEntitlement("server", "can_exec")).toBe(false);
    expect(isValidEntitlement("instance", "can_exec")).toBe(true);
  });
});

describe("entityLabel", () => {
  it("names entities by their last path segment and project", () => {
    expect(entityLabel("server", "/1.0")).toBe("Server");
    expect(entityLabel("cluster_link", "/1.0/cluster/links/beta%20site")).toBe("beta site");
    expect(entityLabel("instance", "/1.0/instances/c1?project=prod")).toBe("c1 (project prod)");
    expect(entityLabel("identity", "/1.0/auth/identities/tls/abcdef")).toBe("tls/abcdef");
  });
});
