import { describe, expect, it, vi } from "vitest";
import { FakeApi } from "../test/fakeApi";
import { api, ApiError, apiPath, parseEnvelope } from "./client";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("parseEnvelope", () => {
  it("returns the metadata of a sync response", async () => {
    const metadata = await parseEnvelope<{ name: string }>(
      json({ type: "sync", status: "Success", status_code: 200, operation: "", error_code: 0, error: "", metadata: { name: "link" } }),
    );
    expect(metadata).toEqual({ name: "link" });
  });

  it("returns null metadata of a 201 creation without payload", async () => {
    const metadata = await parseEnvelope(json({ type: "sync", status: "Success", status_code: 200, error_code: 0, error: "", metadata: null }, 201));
    expect(metadata).toBeNull();
  });

  it("turns an error envelope into an ApiError with the server's message and HTTP status", async () => {
    const error = await parseEnvelope(json({ type: "error", status: "", status_code: 0, error_code: 400, error: "Invalid cluster link type \"x\"", metadata: null }, 400)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Invalid cluster link type "x"');
    expect((error as ApiError).status).toBe(400);
  });

  it("uses the status text when an error body is not an envelope", async () => {
    const error = await parseEnvelope(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" })).catch((caught: unknown) => caught);
    expect(error).toEqual(new ApiError("Bad Gateway", 502));
    expect((error as ApiError).status).toBe(502);
  });

  it("rejects a success response that is not an envelope", async () => {
    await expect(parseEnvelope(new Response("hello", { status: 200 }))).rejects.toThrow("Unexpected response from the server (HTTP 200)");
  });
});

describe("apiPath", () => {
  it("drops empty parameters and keeps entitlement commas readable", () => {
    expect(apiPath("/1.0/cluster/links", { recursion: 1, "with-access-entitlements": "can_edit,can_delete", project: undefined })).toBe(
      "/1.0/cluster/links?recursion=1&with-access-entitlements=can_edit,can_delete",
    );
    expect(apiPath("/1.0", {})).toBe("/1.0");
  });
});

describe("apiRequest", () => {
  it("sends JSON bodies and reads the envelope", async () => {
    const fake = new FakeApi().on("POST /1.0/auth/groups", { status: 201, metadata: null }).install();
    await api.post("/1.0/auth/groups", { name: "ops", description: "", permissions: [] });
    expect(fake.requests).toEqual([{ method: "POST", path: "/1.0/auth/groups", body: { name: "ops", description: "", permissions: [] } }]);
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));
    const error = await api.get("/1.0").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).message).toBe("Cannot reach the server: Failed to fetch");
  });
});
