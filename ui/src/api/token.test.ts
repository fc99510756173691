import { describe, expect, it } from "vitest";
import { decodeToken, encodeToken } from "./token";
import type { TrustTokenMetadata } from "./types";

const METADATA: TrustTokenMetadata = {
  client_name: "beta",
  fingerprint: "0f".repeat(32),
  addresses: ["10.0.0.1:8443", "[fd00::1]:8443"],
  secret: "ab".repeat(32),
  expires_at: "2026-11-02T10:00:00.123456789Z",
  type: "Cluster link certificate",
};

describe("trust tokens", () => {
  it("are base64 of the metadata's JSON, as lxc prints them", () => {
    expect(encodeToken(METADATA)).toBe(btoa(JSON.stringify(METADATA)));
  });

  it("keep the server's field order", () => {
    const decoded = atob(encodeToken(METADATA));
    expect(decoded.startsWith('{"client_name":"beta","fingerprint":')).toBe(true);
  });

  it("encode names outside Latin-1 through UTF-8 and decode back", () => {
    const unicode = { ...METADATA, client_name: "clüster-连接" };
    const token = encodeToken(unicode);
    expect(decodeToken(token)).toEqual(unicode);
  });

  it("refuse to decode something that is not a JSON object", () => {
    expect(() => decodeToken(btoa("42"))).toThrow("Token is not a JSON object");
  });
});
