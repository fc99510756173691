package dev.jxd.api.token;

import dev.jxd.api.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestTrustTokens
{
    private static final String SECRET = "5f0c2cbd1c2a7c3e9d5e8b8b7a3f0e6d4c2b1a0f9e8d7c6b5a4f3e2d1c0b9a88";
    private static final String FINGERPRINT = "65b66912cf5c68234cbb8f7e489dd147759d267cd99e6328ba422d27ed356733";

    @Test
    void testEncodeMatchesGoJson()
    {
        CertificateAddToken token = new CertificateAddToken(
                "backup",
                FINGERPRINT,
                List.of("10.0.0.1:8443", "[fd42::1]:8443"),
                SECRET,
                Instant.parse("2026-11-23T21:13:11.120Z"),
                CertificateAddToken.TYPE_CLUSTER_LINK);

        String json = new String(Base64.getDecoder().decode(TrustTokens.encode(token)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"client_name\":\"backup\",\"fingerprint\":\"" + FINGERPRINT + "\","
                + "\"addresses\":[\"10.0.0.1:8443\",\"[fd42::1]:8443\"],\"secret\":\"" + SECRET + "\","
                + "\"expires_at\":\"2026-11-23T21:13:11.12Z\",\"type\":\"Cluster link certificate\"}");
    }

    @Test
    void testEncodeWithoutExpiryUsesGoZeroTime()
    {
        CertificateAddToken token = new CertificateAddToken("c1", FINGERPRINT, List.of("10.0.0.1:8443"), SECRET, null, CertificateAddToken.TYPE_CLIENT);

        String json = new String(Base64.getDecoder().decode(TrustTokens.encode(token)), StandardCharsets.UTF_8);

        assertThat(json).contains("\"expires_at\":\"0001-01-01T00:00:00Z\"");
        assertThat(TrustTokens.decode(TrustTokens.encode(token)).expiresAt()).isEqualTo(CertificateAddToken.NO_EXPIRY);
    }

    @Test
    void testRoundTrip()
    {
        CertificateAddToken token = new CertificateAddToken(
                "c1",
                FINGERPRINT,
                List.of("10.0.0.1:8443"),
                TrustTokens.newSecret(),
                Instant.parse("2026-12-08T19:13:11.123456789Z"),
                CertificateAddToken.TYPE_CLIENT);

        assertThat(TrustTokens.decode(TrustTokens.encode(token))).isEqualTo(token);
    }

    @Test
    void testEncodeIsStandardBase64WithPadding()
    {
        // A client name whose JSON length is not a multiple of 3 forces padding
        for (String name : List.of("a", "ab", "abc")) {
            String encoded = TrustTokens.encode(new CertificateAddToken(name, FINGERPRINT, List.of("h:1"), SECRET, CertificateAddToken.NO_EXPIRY, ""));
            assertThat(encoded.length() % 4).isZero();
            assertThat(encoded).matches("[A-Za-z0-9+/]+=*");
        }
    }

    @Test
    void testRestApiMetadataUsesGoTimeFormat()
    {
        CertificateAddToken token = new CertificateAddToken("c1", FINGERPRINT, List.of("10.0.0.1:8443"), SECRET, Instant.parse("2026-11-23T21:13:11.500Z"), "");

        assertThat(Json.write(token)).contains("\"expires_at\":\"2026-11-23T21:13:11.5Z\"");
    }

    @Test
    void testDecodeGoToken()
    {
        // As LXD marshals it: local time with an offset, and a field this version does not know
        String json = "{\"client_name\":\"c1\",\"fingerprint\":\"" + FINGERPRINT + "\",\"addresses\":[\"192.0.2.10:8443\",\"[2001:db8::10]:8443\"],"
                + "\"secret\":\"" + SECRET + "\",\"expires_at\":\"2026-12-08T20:13:11.123456789+01:00\",\"type\":\"Client certificate\",\"future\":1}";

        CertificateAddToken token = TrustTokens.decode(base64(json));

        assertThat(token).isEqualTo(new CertificateAddToken(
                "c1",
                FINGERPRINT,
                List.of("192.0.2.10:8443", "[2001:db8::10]:8443"),
                SECRET,
                Instant.parse("2026-12-08T19:13:11.123456789Z"),
                CertificateAddToken.TYPE_CLIENT));
    }

    @Test
    void testDecodeLegacyTokenWithoutTypeOrExpiry()
    {
        String json = "{\"client_name\":\"c1\",\"fingerprint\":\"" + FINGERPRINT + "\",\"addresses\":[\"192.0.2.10:8443\"],\"secret\":\"" + SECRET + "\"}";

        CertificateAddToken token = TrustTokens.decode(base64(json));

        assertThat(token.type()).isEmpty();
        assertThat(token.expiresAt()).isEqualTo(CertificateAddToken.NO_EXPIRY);
    }

    @Test
    void testDecodeAcceptsSurroundingWhitespaceAndLineBreaks()
    {
        CertificateAddToken token = new CertificateAddToken("c1", FINGERPRINT, List.of("10.0.0.1:8443"), SECRET, CertificateAddToken.NO_EXPIRY, "");
        String encoded = TrustTokens.encode(token);
        String wrapped = "  \n" + encoded.substring(0, 40) + "\r\n" + encoded.substring(40) + "\n\t ";

        assertThat(TrustTokens.decode(wrapped)).isEqualTo(token);
    }

    @Test
    void testDecodeMissingFields()
    {
        assertDecodeFails("{\"fingerprint\":\"f\",\"addresses\":[\"h:1\"],\"secret\":\"s\"}", "No client name in certificate add token");
        assertDecodeFails("{\"client_name\":\"\",\"fingerprint\":\"f\",\"addresses\":[\"h:1\"],\"secret\":\"s\"}", "No client name in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\",\"fingerprint\":\"f\",\"secret\":\"s\"}", "No server addresses in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\",\"fingerprint\":\"f\",\"addresses\":[],\"secret\":\"s\"}", "No server addresses in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\",\"fingerprint\":\"f\",\"addresses\":[\"h:1\"],\"secret\":\"\"}", "No secret in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\",\"addresses\":[\"h:1\"],\"secret\":\"s\"}", "No certificate fingerprint in certificate add token");
    }

    @Test
    void testDecodeChecksFieldsInLxdOrder()
    {
        assertDecodeFails("{}", "No client name in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\"}", "No server addresses in certificate add token");
        assertDecodeFails("{\"client_name\":\"c\",\"addresses\":[\"h:1\"]}", "No secret in certificate add token");
        // Go decodes a JSON null into an empty token
        assertDecodeFails("null", "No client name in certificate add token");
    }

    @Test
    void testDecodeCorruptedBase64()
    {
        String encoded = TrustTokens.encode(new CertificateAddToken("c1", FINGERPRINT, List.of("10.0.0.1:8443"), SECRET, CertificateAddToken.NO_EXPIRY, ""));
        String corrupted = encoded.substring(0, 10) + "*" + encoded.substring(11);

        assertThatThrownBy(() -> TrustTokens.decode(corrupted))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid base64");
        // Go's standard encoding insists on padding: "{}" is "e30=" there
        assertThat(base64("{}")).isEqualTo("e30=");
        assertThatThrownBy(() -> TrustTokens.decode("e30"))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid base64");
        assertThatThrownBy(() -> TrustTokens.decode(""))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid JSON");
    }

    @Test
    void testDecodeInvalidJson()
    {
        assertThatThrownBy(() -> TrustTokens.decode(base64("not json")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid JSON");
        assertThatThrownBy(() -> TrustTokens.decode(base64("{\"client_name\":\"c\"} trailing")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid JSON");
        assertThatThrownBy(() -> TrustTokens.decode(base64("{\"client_name\":\"c\",\"expires_at\":\"tomorrow\"}")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid JSON");
        assertThatThrownBy(() -> TrustTokens.decode(base64("{\"client_name\":\"c\",\"expires_at\":12}")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageStartingWith("Invalid certificate add token: not valid JSON");
    }

    @Test
    void testNewSecret()
    {
        String first = TrustTokens.newSecret();
        String second = TrustTokens.newSecret();

        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(second).matches("[0-9a-f]{64}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void testHashSecret()
    {
        // FIPS 180-2 test vector
        assertThat(TrustTokens.hashSecret("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TrustTokens.hashSecret(SECRET)).matches("[0-9a-f]{64}").isNotEqualTo(SECRET);
    }

    @Test
    void testSecretMatches()
    {
        String secret = TrustTokens.newSecret();
        String storedHash = TrustTokens.hashSecret(secret);

        assertThat(TrustTokens.secretMatches(secret, storedHash)).isTrue();
        assertThat(TrustTokens.secretMatches(TrustTokens.newSecret(), storedHash)).isFalse();
        assertThat(TrustTokens.secretMatches(secret.substring(1), storedHash)).isFalse();
        // The stored hash itself is not a valid secret
        assertThat(TrustTokens.secretMatches(storedHash, storedHash)).isFalse();
        assertThat(TrustTokens.secretMatches(secret, secret)).isFalse();
        assertThat(TrustTokens.secretMatches(secret, "not hex")).isFalse();
        assertThat(TrustTokens.secretMatches(null, storedHash)).isFalse();
        assertThat(TrustTokens.secretMatches(secret, null)).isFalse();
    }

    @Test
    void testToStringHidesSecret()
    {
        CertificateAddToken token = new CertificateAddToken("c1", FINGERPRINT, List.of("10.0.0.1:8443"), SECRET, CertificateAddToken.NO_EXPIRY, "");

        assertThat(token.toString()).contains("c1").doesNotContain(SECRET);
    }

    private static void assertDecodeFails(String json, String message)
    {
        assertThatThrownBy(() -> TrustTokens.decode(base64(json)))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage(message);
    }

    private static String base64(String json)
    {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
