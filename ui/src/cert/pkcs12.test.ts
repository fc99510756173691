import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateCertificate } from "./certificate";
import { bmpBytes, fromHex, toHex, type Bytes } from "./der";
import { buildPfx, pkcs12Kdf, pkcs12Password, sha256With } from "./pkcs12";

const digest = sha256With(globalThis.crypto);

// Vectors computed with OpenSSL 3 (`openssl kdf ... PKCS12KDF`), an independent implementation
describe("pkcs12Kdf", () => {
  it("derives the MAC key like OpenSSL", async () => {
    const key = await pkcs12Kdf(pkcs12Password("secret"), fromHex("0102030405060708"), 3, 2048, 32, digest);
    expect(toHex(key)).toBe("f5482fd03f702689b4e96cbbea867c6b16e5bda934929f2ecaf4da9e1c67be8f");
  });

  it("derives output longer than one hash like OpenSSL", async () => {
    const key = await pkcs12Kdf(pkcs12Password("p"), fromHex("0001020304050607"), 1, 3, 70, digest);
    expect(toHex(key)).toBe(
      "bebe8f7a027c02fb16a3942a81693ab5b1a790f8352ee876b4321fa3e4cdeb878f14b8b02d84f302e186297f4c46d79bf9424a663265ffab634b27e37db9aaffee38d360cb7f",
    );
  });

  it("derives a key from the empty password like OpenSSL", async () => {
    const key = await pkcs12Kdf(pkcs12Password(""), fromHex("0a0b0c0d0e0f1011"), 3, 1, 32, digest);
    expect(toHex(key)).toBe("12efad0b86a99527b8659f9da729675ae6a5eace9ef94e7f155c5623f9d614ef");
  });
});

// A minimal DER reader, enough to walk the PFX in the test
interface Node {
  tag: number;
  content: Bytes;
  children: () => Node[];
}

function read(bytes: Bytes, offset = 0): { node: Node; next: number } {
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let index = 0; index < count; index++) {
      length = length * 256 + bytes[start + index]!;
    }
    start += count;
  }
  const content = bytes.slice(start, start + length);
  const node: Node = {
    tag,
    content,
    children: () => {
      const result: Node[] = [];
      for (let position = 0; position < content.length; ) {
        const child = read(content, position);
        result.push(child.node);
        position = child.next;
      }
      return result;
    },
  };
  return { node, next: start + length };
}

const child = (node: Node, ...path: number[]) => path.reduce((current, index) => current.children()[index]!, node);

describe("generateCertificate", () => {
  it("creates a self-signed RSA client certificate that verifies with its own key", async () => {
    const now = new Date("2026-11-01T12:00:00Z");
    const generated = await generateCertificate("jxd-ui-test", globalThis.crypto, now);
    const certificate = new X509Certificate(Buffer.from(generated.certificateDer));

    expect(certificate.subject).toContain("CN=jxd-ui-test");
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(new Date(certificate.validFrom).getTime()).toBe(new Date("2026-11-01T11:00:00Z").getTime());
    expect(new Date(certificate.validTo).getTime()).toBe(new Date("2036-11-01T12:00:00Z").getTime());
    expect(generated.certificatePem).toBe(certificate.toString());
  });
});

describe("buildPfx", () => {
  it("holds the certificate and the key, which decrypts with the password, under a valid MAC", async () => {
    const generated = await generateCertificate("jxd-ui-test");
    const pfx = await buildPfx({ certificateDer: generated.certificateDer, privateKeyPkcs8: generated.privateKeyPkcs8, password: "hunter2", friendlyName: "jxd-ui-test" });

    const root = read(pfx).node;
    expect(child(root, 0).content).toEqual(Uint8Array.of(3));
    const authenticatedSafe = child(root, 1, 1, 0).content;

    // MAC: HMAC-SHA256 over the authenticated safe, keyed by the PKCS#12 KDF of the BMPString password
    const macData = child(root, 2);
    const mac = child(macData, 0, 1).content;
    const salt = child(macData, 1).content;
    const iterations = child(macData, 2).content.reduce((total, byte) => total * 256 + byte, 0);
    const macKey = await pkcs12Kdf(pkcs12Password("hunter2"), salt, 3, iterations, 32, digest);
    const hmacKey = await crypto.subtle.importKey("raw", macKey, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    expect(await crypto.subtle.verify("HMAC", hmacKey, mac, authenticatedSafe)).toBe(true);

    const safe = read(authenticatedSafe).node;
    const certificateBag = read(child(safe, 0, 1, 0).content).node.children()[0]!;
    const certificateDer = child(certificateBag, 1, 0, 1, 0).content;
    expect(certificateDer).toEqual(generated.certificateDer);
    const friendlyName = child(certificateBag, 2, 0, 1, 0).content;
    expect(friendlyName).toEqual(bmpBytes("jxd-ui-test"));

    // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, which Node (OpenSSL) decrypts given the password
    const keyBag = read(child(safe, 1, 1, 0).content).node.children()[0]!;
    const encryptedKeyInfo = child(keyBag, 1, 0);
    const encryptedKeyDer = Buffer.from([0x30, ...encodeLength(encryptedKeyInfo.content.length), ...encryptedKeyInfo.content]);
    const privateKey = createPrivateKey({ key: encryptedKeyDer, format: "der", type: "pkcs8", passphrase: "hunter2" });
    expect(privateKey.asymmetricKeyType).toBe("rsa");
    expect(Buffer.from(privateKey.export({ format: "der", type: "pkcs8" }))).toEqual(Buffer.from(generated.privateKeyPkcs8));
    expect(() => createPrivateKey({ key: encryptedKeyDer, format: "der", type: "pkcs8", passphrase: "wrong" })).toThrow();
  });
});

function encodeLength(length: number): number[] {
  if (length < 0x80) {
    return [length];
  }
  const bytes: number[] = [];
  for (let remaining = length; remaining > 0; remaining = Math.floor(remaining / 256)) {
    bytes.unshift(remaining & 0xff);
  }
  return [0x80 | bytes.length, ...bytes];
}
