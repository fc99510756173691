import { bitString, explicit, integer, nullValue, objectIdentifier, octetString, pem, sequence, set, time, unsignedInteger, utf8String, type Bytes } from "./der";
import { OID } from "./oids";

const RSA_ALGORITHM: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: Uint8Array.of(1, 0, 1),
  hash: "SHA-256",
};

export interface GeneratedCertificate {
  /** DER of the self-signed X.509 certificate. */
  certificateDer: Bytes;
  certificatePem: string;
  /** PKCS#8 DER of the private key (kept in memory only, for the .pfx). */
  privateKeyPkcs8: Bytes;
  commonName: string;
}

function name(commonName: string): Bytes {
  return sequence(
    set(sequence(objectIdentifier(OID.organizationName), utf8String("jxd UI"))),
    set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Bytes): Bytes {
  return critical ? sequence(objectIdentifier(oid), Uint8Array.of(0x01, 0x01, 0xff), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

const SIGNATURE_ALGORITHM = () => sequence(objectIdentifier(OID.sha256WithRsaEncryption), nullValue());

/** The to-be-signed part of a client certificate: not a CA, digital signature + key encipherment, TLS client auth. */
export function tbsCertificate(options: { serial: Bytes; commonName: string; notBefore: Date; notAfter: Date; subjectPublicKeyInfo: Bytes }): Bytes {
  const subject = name(options.commonName);
  // KeyUsage bits: digitalSignature (0) and keyEncipherment (2) → 1010 0000 with 5 unused bits
  const keyUsage = bitString(Uint8Array.of(0xa0), 5);
  return sequence(
    explicit(0, integer(2)),
    unsignedInteger(options.serial),
    SIGNATURE_ALGORITHM(),
    subject,
    sequence(time(options.notBefore), time(options.notAfter)),
    subject,
    options.subjectPublicKeyInfo,
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, sequence()),
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.extendedKeyUsage, false, sequence(objectIdentifier(OID.clientAuth))),
      ),
    ),
  );
}

/** Generates an RSA-2048 key pair in the browser and a self-signed client certificate valid for ten years. */
export async function generateCertificate(commonName: string, crypto: Crypto = globalThis.crypto, now: Date = new Date()): Promise<GeneratedCertificate> {
  const keys = await crypto.subtle.generateKey(RSA_ALGORITHM, true, ["sign", "verify"]);
  const subjectPublicKeyInfo = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const privateKeyPkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));

  const serial = crypto.getRandomValues(new Uint8Array(16));
  // Positive and never zero-led, so the encoding is exactly 16 bytes
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  // Backdated a little so a client clock slightly behind the server's does not see a future certificate
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 10);

  const tbs = tbsCertificate({ serial, commonName, notBefore, notAfter, subjectPublicKeyInfo });
  const signature = new Uint8Array(await crypto.subtle.sign(RSA_ALGORITHM.name, keys.privateKey, tbs));
  const certificateDer = sequence(tbs, SIGNATURE_ALGORITHM(), bitString(signature));
  return { certificateDer, certificatePem: pem("CERTIFICATE", certificateDer), privateKeyPkcs8, commonName };
}


