import type { TrustTokenMetadata } from "./types";

/** The CLI form of a trust token: standard base64 of the JSON the API returned, as LXD's `lxc` prints it. */
export function encodeToken(metadata: TrustTokenMetadata): string {
  const json = JSON.stringify(metadata);
  // btoa only takes Latin-1; names may hold other characters, so go through UTF-8 bytes
  const bytes = new TextEncoder().encode(json);
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** Inverse of {@link encodeToken}; throws on anything that is not a base64 JSON object. */
export function decodeToken(token: string): TrustTokenMetadata {
  const binary = atob(token.trim());
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof value !== "object" || value === null) {
    throw new Error("Token is not a JSON object");
  }
  return value as TrustTokenMetadata;
}
