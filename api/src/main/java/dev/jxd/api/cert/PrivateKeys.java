package dev.jxd.api.cert;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads PEM private keys ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}, PKCS #8 {@code PRIVATE KEY})
 * and checks them against a certificate with the JDK alone, which keeps BouncyCastle off the daemon's
 * start-up path: the legacy forms are rewrapped as PKCS #8 for {@link KeyFactory}.
 */
final class PrivateKeys
{
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    // id-ecPublicKey and rsaEncryption (with its NULL parameters), DER-encoded
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_ZERO = {Der.INTEGER, 0x01, 0x00};
    private static final int CONTEXT_ZERO = 0xa0;
    private static final int CONTEXT_ONE = 0xa1;
    private static final Map<String, String> ALGORITHMS = Map.of(
            EC_PUBLIC_KEY, "EC",
            RSA_ENCRYPTION, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10040.4.1", "DSA",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateKeys() {}

    /**
     * A parsed key and, when the PEM data carries it (SEC 1 keys as Go and openssl write them), the
     * DER {@code SubjectPublicKeyInfo} of its public key.
     */
    record ParsedKey(PrivateKey privateKey, Optional<byte[]> subjectPublicKeyInfo)
    {
        ParsedKey
        {
            requireNonNull(privateKey, "privateKey is null");
            requireNonNull(subjectPublicKeyInfo, "subjectPublicKeyInfo is null");
        }
    }

    /**
     * The first private key in {@code pem}; blocks of other types before it are skipped.
     *
     * @throws CertificateParseException if there is none, it is encrypted, or it is malformed
     */
    static ParsedKey parse(String pem)
    {
        List<Pem.Block> blocks;
        try {
            blocks = Pem.read(pem);
        }
        catch (IllegalArgumentException exception) {
            throw new CertificateParseException("Malformed private key: " + exception.getMessage(), exception);
        }
        for (Pem.Block block : blocks) {
            boolean key = switch (block.type()) {
                case "EC PRIVATE KEY", "RSA PRIVATE KEY", "PRIVATE KEY" -> true;
                case "ENCRYPTED PRIVATE KEY" -> throw new CertificateParseException("Encrypted private keys are not supported");
                default -> false;
            };
            if (!key) {
                continue;
            }
            if (block.encrypted()) {
                throw new CertificateParseException("Encrypted private keys are not supported");
            }
            try {
                return switch (block.type()) {
                    case "EC PRIVATE KEY" -> parseSec1(block.content());
                    case "RSA PRIVATE KEY" -> new ParsedKey(generate("RSA", Der.element(Der.SEQUENCE, VERSION_ZERO, RSA_ALGORITHM, Der.element(Der.OCTET_STRING, block.content()))), Optional.empty());
                    default -> parsePkcs8(block.content());
                };
            }
            catch (IllegalArgumentException | GeneralSecurityException exception) {
                throw new CertificateParseException("Malformed private key: " + exception.getMessage(), exception);
            }
        }
        throw new CertificateParseException("No private key found in PEM data");
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}. Compares public keys where the key
     * file carries one (or, for RSA, the modulus), which is instant; otherwise signs and verifies.
     */
    static boolean matches(ParsedKey key, PublicKey publicKey)
    {
        if (key.subjectPublicKeyInfo().isPresent() && Arrays.equals(key.subjectPublicKeyInfo().get(), publicKey.getEncoded())) {
            return true;
        }
        if (key.privateKey() instanceof RSAPrivateCrtKey rsaKey && publicKey instanceof RSAPublicKey rsaPublicKey) {
            return rsaKey.getModulus().equals(rsaPublicKey.getModulus()) && rsaKey.getPublicExponent().equals(rsaPublicKey.getPublicExponent());
        }
        // A differently encoded public key (a compressed point, say) is not a mismatch yet: check the real thing
        return signatureVerifies(key.privateKey(), publicKey);
    }

    private static ParsedKey parseSec1(byte[] sec1)
            throws GeneralSecurityException
    {
        Der.Reader fields = Der.parse(sec1).expect(Der.SEQUENCE).reader();
        fields.next(Der.INTEGER);
        fields.next(Der.OCTET_STRING);
        Optional<byte[]> curve = Optional.empty();
        Optional<byte[]> publicKey = Optional.empty();
        while (fields.hasMore()) {
            Der.Element field = fields.next();
            if (field.tag() == CONTEXT_ZERO) {
                curve = Optional.of(field.contents());
            }
            else if (field.tag() == CONTEXT_ONE) {
                publicKey = Optional.of(field.reader().next(Der.BIT_STRING).encoding());
            }
        }
        if (curve.isEmpty()) {
            throw new IllegalArgumentException("EC private key names no curve");
        }
        byte[] algorithm = Der.element(Der.SEQUENCE, EC_PUBLIC_KEY_OID, curve.get());
        PrivateKey privateKey = generate("EC", Der.element(Der.SEQUENCE, VERSION_ZERO, algorithm, Der.element(Der.OCTET_STRING, sec1)));
        return new ParsedKey(privateKey, publicKey.map(bits -> Der.element(Der.SEQUENCE, algorithm, bits)));
    }

    private static ParsedKey parsePkcs8(byte[] pkcs8)
            throws GeneralSecurityException
    {
        Der.Reader fields = Der.parse(pkcs8).expect(Der.SEQUENCE).reader();
        fields.next(Der.INTEGER);
        Der.Element algorithm = fields.next(Der.SEQUENCE);
        String oid = Der.objectIdentifier(algorithm.reader().next());
        String name = ALGORITHMS.get(oid);
        if (name == null) {
            throw new IllegalArgumentException("unsupported key algorithm " + oid);
        }
        PrivateKey privateKey = generate(name, pkcs8);
        if (oid.equals(EC_PUBLIC_KEY)) {
            // openssl keeps the public key inside the wrapped SEC 1 structure; the JDK leaves it out
            Der.Reader sec1 = Der.parse(fields.next(Der.OCTET_STRING).contents()).expect(Der.SEQUENCE).reader();
            while (sec1.hasMore()) {
                Der.Element field = sec1.next();
                if (field.tag() == CONTEXT_ONE) {
                    byte[] bits = field.reader().next(Der.BIT_STRING).encoding();
                    return new ParsedKey(privateKey, Optional.of(Der.element(Der.SEQUENCE, algorithm.encoding(), bits)));
                }
            }
        }
        return new ParsedKey(privateKey, Optional.empty());
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8)
            throws GeneralSecurityException
    {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static boolean signatureVerifies(PrivateKey privateKey, PublicKey publicKey)
    {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> privateKey.getAlgorithm();
        };
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException _) {
            // e.g. an EC key with an RSA certificate
            return false;
        }
    }
}
