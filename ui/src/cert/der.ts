// A small DER (ASN.1 distinguished encoding) writer: just the types X.509 certificates and PKCS#12 need.

export type Bytes = Uint8Array<ArrayBuffer>;

export function concat(...parts: Bytes[]): Bytes {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const result = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

function encodeLength(length: number): Bytes {
  if (length < 0x80) {
    return Uint8Array.of(length);
  }
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining = Math.floor(remaining / 256)) {
    bytes.unshift(remaining & 0xff);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A TLV with the given tag byte. */
export function tlv(tag: number, content: Bytes): Bytes {
  return concat(Uint8Array.of(tag), encodeLength(content.length), content);
}

export const sequence = (...items: Bytes[]) => tlv(0x30, concat(...items));
export const set = (...items: Bytes[]) => tlv(0x31, concat(...items));
export const octetString = (content: Bytes) => tlv(0x04, content);
export const nullValue = () => Uint8Array.of(0x05, 0x00);
export const utf8String = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
/** `[n]` EXPLICIT: a constructed context-specific tag around a complete encoding. */
export const explicit = (tagNumber: number, content: Bytes) => tlv(0xa0 | tagNumber, content);

/** BIT STRING with no unused bits, or with `unusedBits` trailing bits of the last byte unused. */
export function bitString(content: Bytes, unusedBits = 0): Bytes {
  return tlv(0x03, concat(Uint8Array.of(unusedBits), content));
}

/** INTEGER from a non-negative big-endian magnitude (minimal encoding, sign byte added when needed). */
export function unsignedInteger(magnitude: Bytes): Bytes {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) {
    start++;
  }
  let bytes = magnitude.slice(start);
  if (bytes.length === 0) {
    bytes = Uint8Array.of(0);
  }
  if ((bytes[0] ?? 0) & 0x80) {
    bytes = concat(Uint8Array.of(0), bytes);
  }
  return tlv(0x02, bytes);
}

export function integer(value: number): Bytes {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Unsupported INTEGER ${value}`);
  }
  const bytes: number[] = [];
  let remaining = value;
  do {
    bytes.unshift(remaining & 0xff);
    remaining = Math.floor(remaining / 256);
  } while (remaining > 0);
  return unsignedInteger(Uint8Array.from(bytes));
}

export function objectIdentifier(dotted: string): Bytes {
  const arcs = dotted.split(".").map((arc) => Number.parseInt(arc, 10));
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [];
    let remaining = arc;
    do {
      chunk.unshift(remaining & 0x7f);
      remaining = Math.floor(remaining / 128);
    } while (remaining > 0);
    for (let index = 0; index < chunk.length - 1; index++) {
      chunk[index] = (chunk[index] ?? 0) | 0x80;
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Bytes {
  const year = date.getUTCFullYear();
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  const ascii = (text: string) => new TextEncoder().encode(text);
  if (year >= 1950 && year < 2050) {
    return tlv(0x17, ascii(`${pad(year % 100)}${rest}`));
  }
  return tlv(0x18, ascii(`${pad(year, 4)}${rest}`));
}

/** BMPString content (UTF-16 big endian), as PKCS#12 uses for friendly names and passwords. */
export function bmpBytes(text: string): Bytes {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[index * 2] = unit >> 8;
    bytes[index * 2 + 1] = unit & 0xff;
  }
  return bytes;
}

export const bmpString = (text: string) => tlv(0x1e, bmpBytes(text));

export function toHex(bytes: Bytes): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Bytes {
  const clean = hex.replace(/[^0-9a-fA-F]/g, "");
  const bytes = new Uint8Array(clean.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(clean.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

export function toBase64(bytes: Bytes): string {
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

export function pem(label: string, der: Bytes): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
