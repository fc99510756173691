import { bmpBytes, bmpString, concat, explicit, integer, nullValue, objectIdentifier, octetString, sequence, set, type Bytes } from "./der";
import { OID } from "./oids";

// PKCS#12 (RFC 7292) with today's algorithms: the key shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and the
// whole bundle authenticated with HMAC-SHA256, as OpenSSL 3 writes by default; browsers and OS key stores import it.

const PBKDF2_ITERATIONS = 100_000;
const MAC_ITERATIONS = 2048;
const SHA256_BLOCK = 64;
const SHA256_LENGTH = 32;

type Digest = (data: Bytes) => Promise<Bytes>;

function sha256With(crypto: Crypto): Digest {
  return async (data) => new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

function repeatToBlocks(source: Bytes, blockLength: number): Bytes {
  if (source.length === 0) {
    return new Uint8Array(0);
  }
  const length = blockLength * Math.ceil(source.length / blockLength);
  const result = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    result[index] = source[index % source.length] ?? 0;
  }
  return result;
}

/** The password as PKCS#12 key derivation wants it: BMPString with a two-byte zero terminator. */
export function pkcs12Password(password: string): Bytes {
  return concat(bmpBytes(password), new Uint8Array(2));
}

/** RFC 7292 appendix B.2 key derivation with SHA-256 (u = 32, v = 64); `id` 1 = key, 2 = IV, 3 = MAC key. */
export async function pkcs12Kdf(passwordBytes: Bytes, salt: Bytes, id: number, iterations: number, length: number, digest: Digest): Promise<Bytes> {
  const diversifier = new Uint8Array(SHA256_BLOCK).fill(id);
  const input = concat(repeatToBlocks(salt, SHA256_BLOCK), repeatToBlocks(passwordBytes, SHA256_BLOCK));
  const output = new Uint8Array(Math.ceil(length / SHA256_LENGTH) * SHA256_LENGTH);

  for (let round = 0; round * SHA256_LENGTH < length; round++) {
    let a = await digest(concat(diversifier, input));
    for (let iteration = 1; iteration < iterations; iteration++) {
      a = await digest(a);
    }
    output.set(a, round * SHA256_LENGTH);
    if ((round + 1) * SHA256_LENGTH >= length) {
      break;
    }
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I, where B is A repeated to v bytes
    const b = repeatToBlocks(a, SHA256_BLOCK);
    for (let offset = 0; offset < input.length; offset += SHA256_BLOCK) {
      let carry = 1;
      for (let index = SHA256_BLOCK - 1; index >= 0; index--) {
        const sum = (input[offset + index] ?? 0) + (b[index] ?? 0) + carry;
        input[offset + index] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return output.slice(0, length);
}

async function shroudKey(crypto: Crypto, privateKeyPkcs8: Bytes, password: string): Promise<Bytes> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  // PBES2 takes the password as UTF-8 bytes (unlike the BMPString of the PKCS#12 MAC)
  const baseKey = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey(
    { name: "PBKDF2", salt, iterations: PBKDF2_ITERATIONS, hash: "SHA-256" },
    baseKey,
    { name: "AES-CBC", length: 256 },
    false,
    ["encrypt"],
  );
  const encrypted = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv }, key, privateKeyPkcs8));
  const algorithm = sequence(
    objectIdentifier(OID.pbes2),
    sequence(
      sequence(objectIdentifier(OID.pbkdf2), sequence(octetString(salt), integer(PBKDF2_ITERATIONS), sequence(objectIdentifier(OID.hmacWithSha256), nullValue()))),
      sequence(objectIdentifier(OID.aes256Cbc), octetString(iv)),
    ),
  );
  return sequence(algorithm, octetString(encrypted));
}

function attributes(friendlyName: string, localKeyId: Bytes): Bytes {
  return set(
    sequence(objectIdentifier(OID.friendlyName), set(bmpString(friendlyName))),
    sequence(objectIdentifier(OID.localKeyId), set(octetString(localKeyId))),
  );
}

function dataContentInfo(content: Bytes): Bytes {
  return sequence(objectIdentifier(OID.data), explicit(0, octetString(content)));
}

/** A password-protected .pfx holding the certificate and its private key. */
export async function buildPfx(options: { certificateDer: Bytes; privateKeyPkcs8: Bytes; password: string; friendlyName: string }, crypto: Crypto = globalThis.crypto): Promise<Bytes> {
  const digest = sha256With(crypto);
  const localKeyId = await digest(options.certificateDer);
  const bagAttributes = attributes(options.friendlyName, localKeyId);

  const certificateBag = sequence(
    objectIdentifier(OID.certBag),
    explicit(0, sequence(objectIdentifier(OID.x509Certificate), explicit(0, octetString(options.certificateDer)))),
    bagAttributes,
  );
  const keyBag = sequence(objectIdentifier(OID.pkcs8ShroudedKeyBag), explicit(0, await shroudKey(crypto, options.privateKeyPkcs8, options.password)), bagAttributes);
  const authenticatedSafe = sequence(dataContentInfo(sequence(certificateBag)), dataContentInfo(sequence(keyBag)));

  const macSalt = crypto.getRandomValues(new Uint8Array(16));
  const macKeyBytes = await pkcs12Kdf(pkcs12Password(options.password), macSalt, 3, MAC_ITERATIONS, SHA256_LENGTH, digest);
  const macKey = await crypto.subtle.importKey("raw", macKeyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", macKey, authenticatedSafe));

  return sequence(
    integer(3),
    dataContentInfo(authenticatedSafe),
    sequence(sequence(sequence(objectIdentifier(OID.sha256), nullValue()), octetString(mac)), octetString(macSalt), integer(MAC_ITERATIONS)),
  );
}

export { sha256With };
