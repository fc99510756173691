import { describe, expect, it } from "vitest";
import { FakeApi } from "../test/fakeApi";
import { clusterLinkExists, createLinkRequest, linkAddresses, needsToken, type CreateLinkForm } from "./clusterLinks";

const FORM: CreateLinkForm = { type: "bidirectional", tokenSetup: "generate", token: "", name: " beta ", description: " backup site ", authGroups: ["admins"] };

describe("createLinkRequest", () => {
  it("asks for a pending link with groups when generating a token", () => {
    expect(createLinkRequest(FORM)).toEqual({ name: "beta", description: "backup site", auth_groups: ["admins"], type: "bidirectional" });
  });

  it("sends the pasted token and groups when consuming a bidirectional token", () => {
    expect(createLinkRequest({ ...FORM, tokenSetup: "consume", token: "eyJ0b2tlbiI6MX0=" })).toEqual({
      name: "beta",
      description: "backup site",
      trust_token: "eyJ0b2tlbiI6MX0=",
      auth_groups: ["admins"],
      type: "bidirectional",
    });
  });

  it("sends no groups for a unidirectional link and takes the last line of pasted CLI output", () => {
    const request = createLinkRequest({ ...FORM, type: "unidirectional", token: "Token for beta:\n  eyJ0b2tlbiI6Mn0=  \n" });
    expect(request).toEqual({ name: "beta", description: "backup site", trust_token: "eyJ0b2tlbiI6Mn0=", type: "unidirectional" });
    expect(JSON.parse(JSON.stringify(request))).not.toHaveProperty("auth_groups");
  });
});

describe("needsToken", () => {
  it("requires a token for unidirectional links and consumed tokens only", () => {
    expect(needsToken({ type: "bidirectional", tokenSetup: "generate" })).toBe(false);
    expect(needsToken({ type: "bidirectional", tokenSetup: "consume" })).toBe(true);
    expect(needsToken({ type: "unidirectional", tokenSetup: "generate" })).toBe(true);
  });
});

describe("linkAddresses", () => {
  it("splits volatile.addresses", () => {
    expect(linkAddresses({ config: { "volatile.addresses": "10.0.0.1:8443, 10.0.0.2:8443" } })).toEqual(["10.0.0.1:8443", "10.0.0.2:8443"]);
    expect(linkAddresses({ config: {} })).toEqual([]);
  });
});

describe("clusterLinkExists", () => {
  it("treats only a 404 as a free name", async () => {
    new FakeApi()
      .on("GET /1.0/cluster/links/taken", { metadata: { name: "taken" } })
      .on("GET /1.0/cluster/links/hidden", { status: 403, error: "Forbidden" })
      .install();
    expect(await clusterLinkExists("free")).toBe(false);
    expect(await clusterLinkExists("taken")).toBe(true);
    expect(await clusterLinkExists("hidden")).toBe(true);
  });

  it("encodes the name as one path segment", async () => {
    const fake = new FakeApi().install();
    await clusterLinkExists("a b#c");
    expect(fake.requests[0]!.path).toBe("/1.0/cluster/links/a%20b%23c");
  });
});
