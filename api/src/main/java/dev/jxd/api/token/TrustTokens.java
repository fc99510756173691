package dev.jxd.api.token;

import dev.jxd.api.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Encoding and decoding of trust tokens ({@code shared.CertificateTokenDecode}, spec §3.1) and handling
 * of their secrets. jxd stores only {@link #hashSecret the hash} of a secret and compares presented
 * secrets against it in constant time.
 */
public final class TrustTokens
{
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    // Unknown fields are ignored as Go does; trailing garbage after the object is not (json.Unmarshal rejects it)
    private static final ObjectReader TOKEN_READER = Json.lenient()
            .readerFor(CertificateAddToken.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TrustTokens() {}

    /** {@code base64(json(token))}, standard alphabet with padding, as {@code lxc} prints tokens. */
    public static String encode(CertificateAddToken token)
    {
        requireNonNull(token, "token is null");
        CertificateAddToken normalized = token.expiresAt() != null
                ? token
                : new CertificateAddToken(token.clientName(), token.fingerprint(), token.addresses(), token.secret(), CertificateAddToken.NO_EXPIRY, token.type());
        return Base64.getEncoder().encodeToString(Json.writeBytes(normalized));
    }

    /**
     * Decodes a token made by {@link #encode} or by LXD. Surrounding whitespace and line breaks (as left by
     * copy and paste) are ignored, as Go's base64 decoder ignores line breaks. Absent fields come back as
     * empty values: no expiry is {@link CertificateAddToken#NO_EXPIRY}, no type is {@code ""}.
     *
     * @throws InvalidTokenException if the token is malformed or lacks a required field
     */
    public static CertificateAddToken decode(String encoded)
    {
        requireNonNull(encoded, "encoded is null");
        String text = encoded.strip().replace("\r", "").replace("\n", "");
        byte[] json;
        try {
            // Java's decoder tolerates missing padding; Go's standard encoding does not
            if (text.length() % 4 != 0) {
                throw new IllegalArgumentException("length is not a multiple of 4");
            }
            json = Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException exception) {
            throw new InvalidTokenException("Invalid certificate add token: not valid base64 (" + exception.getMessage() + ")", exception);
        }

        CertificateAddToken token;
        try {
            token = TOKEN_READER.readValue(json);
        }
        catch (JacksonException exception) {
            throw new InvalidTokenException("Invalid certificate add token: not valid JSON (" + exception.getOriginalMessage() + ")", exception);
        }
        if (token == null) {
            // Go decodes a JSON null into an empty token, which then fails the first field check
            token = new CertificateAddToken(null, null, null, null, null, null);
        }

        if (isEmpty(token.clientName())) {
            throw new InvalidTokenException("No client name in certificate add token");
        }
        if (token.addresses() == null || token.addresses().isEmpty()) {
            throw new InvalidTokenException("No server addresses in certificate add token");
        }
        if (isEmpty(token.secret())) {
            throw new InvalidTokenException("No secret in certificate add token");
        }
        if (isEmpty(token.fingerprint())) {
            throw new InvalidTokenException("No certificate fingerprint in certificate add token");
        }
        if (token.addresses().contains(null)) {
            throw new InvalidTokenException("Invalid certificate add token: null server address");
        }
        return new CertificateAddToken(
                token.clientName(),
                token.fingerprint(),
                List.copyOf(token.addresses()),
                token.secret(),
                token.expiresAt() == null ? CertificateAddToken.NO_EXPIRY : token.expiresAt(),
                token.type() == null ? "" : token.type());
    }

    /** A new token secret: 32 random bytes as 64 lowercase hex characters (LXD's {@code RandomCryptoString}). */
    public static String newSecret()
    {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The only form of a secret jxd stores: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String hashSecret(String secret)
    {
        requireNonNull(secret, "secret is null");
        return HexFormat.of().formatHex(sha256(secret));
    }

    /**
     * Whether {@code presentedSecret} hashes to {@code storedHash}. The comparison takes the same time
     * wherever the digests differ, so response timing reveals nothing about the stored hash.
     */
    public static boolean secretMatches(String presentedSecret, String storedHash)
    {
        if (presentedSecret == null || storedHash == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        }
        catch (IllegalArgumentException _) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presentedSecret), expected);
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }

    private static byte[] sha256(String value)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is not available", exception);
        }
    }
}
