package dev.jxd.api.cert;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestCertificates
{
    // Made with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 -subj "/O=jxd test/CN=fixture"
    private static final String FIXTURE_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBoTCCAUegAwIBAgIUAJW5KS6QsyMs1SU1GaaYRV9KQpIwCgYIKoZIzj0EAwIw
            JTERMA8GA1UECgwIanhkIHRlc3QxEDAOBgNVBAMMB2ZpeHR1cmUwIBcNMjYxMTIz
            MjAyNTAxWhgPMjEyNjEwMzAyMDI1MDFaMCUxETAPBgNVBAoMCGp4ZCB0ZXN0MRAw
            DgYDVQQDDAdmaXh0dXJlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEySvoRBni
            UN0clQBeV33juNgkQ4GfbHMAsen2bJ2VVRK/ufH0tLCZvCVWreN9AGTphHlQCN5X
            W2jrFdECqy6826NTMFEwHQYDVR0OBBYEFDVnVUVRw/BEcq2H4Y0P1i9Ng8UcMB8G
            A1UdIwQYMBaAFDVnVUVRw/BEcq2H4Y0P1i9Ng8UcMA8GA1UdEwEB/wQFMAMBAf8w
            CgYIKoZIzj0EAwIDSAAwRQIgJsXqpq9jLQoCbpvSJwVR6aNvaTYF/OLNoxV7c4hH
            N54CIQDCJzM18Tkgk0BhLmgQR098hQND/V3SC082KwrqONmWbA==
            -----END CERTIFICATE-----
            """;
    // openssl x509 -noout -fingerprint -sha256, lower-cased without colons
    private static final String FIXTURE_FINGERPRINT = "65b66912cf5c68234cbb8f7e489dd147759d267cd99e6328ba422d27ed356733";

    // Made with: openssl ecparam -name prime256v1 -genkey (writes an EC PARAMETERS block first)
    private static final String KEY_WITH_PARAMETERS = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIHNVarDw9HU1g/fO8CV/FROsX9KHOmiIFekW7wqCjzwloAoGCCqGSM49
            AwEHoUQDQgAEmVOF4lEQJbaGU9hQ82s7+mDQvXOsS6DjN6Hv9yzILNeQONBHDAK4
            /HECB2V2S4nYrUK9tv+KQ/aOEdfB/DlVvg==
            -----END EC PRIVATE KEY-----
            """;

    // Made with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:secret
    private static final String ENCRYPTED_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgYCV26ezmUwAICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEBdK2pcSTvTYX+y4qfEWYccEgZDF
            CqVUeuGIn6RdWAXLIoInKG03ZTHcUS2pNJriWEPdRgLtdl2CB6+jeNYy+WtHoZDF
            6gBUTv7DiR5YDUbDUfDUDGwRd9ObLWw2lSbPDyfgR+7Jf57QUFXBADS+LO4uYB26
            5hSFVTZ9T/uqvH/wald0Rz8IwFQrrhzphhZdEXnJjy/znJs+Ktw3HYSBzYp+SXk=
            -----END ENCRYPTED PRIVATE KEY-----
            """;

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @Test
    void testGenerateServerCertificate()
            throws Exception
    {
        Instant before = Instant.now();
        CertificateAndKey generated = Certificates.generate("alice@host", false, Duration.ofDays(30));
        X509Certificate certificate = generated.certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=alice@host,O=LXD");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());

        assertThat(certificate.getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(curveOf(certificate)).isEqualTo(SECObjectIdentifiers.secp384r1);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getOrder().bitLength()).isEqualTo(384);

        // digitalSignature(0) and keyEncipherment(2) only
        assertThat(certificate.getKeyUsage()).startsWith(true, false, true, false, false, false, false, false);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");

        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(SAN_DNS, Certificates.localHostName()),
                List.of(SAN_IP, "127.0.0.1"),
                List.of(SAN_IP, "0:0:0:0:0:0:0:1"));

        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);

        // NotBefore is backdated a minute; X.509 times have whole seconds
        Instant notBefore = certificate.getNotBefore().toInstant();
        assertThat(notBefore).isBetween(before.minus(Duration.ofMinutes(1)).minusSeconds(1), before.minusSeconds(59));
        assertThat(Duration.between(notBefore, certificate.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(30).minusSeconds(1), Duration.ofDays(30).plusSeconds(1));
    }

    @Test
    void testGenerateClientCertificate()
            throws Exception
    {
        X509Certificate certificate = Certificates.generate("bob@host", true, Certificates.DEFAULT_VALIDITY).certificate();

        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getSubjectAlternativeNames()).isNull();
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(3650).minusSeconds(1), Duration.ofDays(3650).plusSeconds(1));
    }

    @Test
    void testGeneratedCertificatesAreDistinct()
    {
        CertificateAndKey first = Certificates.generate("alice@host", true, Duration.ofDays(1));
        CertificateAndKey second = Certificates.generate("alice@host", true, Duration.ofDays(1));

        assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
    }

    @Test
    void testTemplateSubjectAlternativeNames()
            throws Exception
    {
        CertificateTemplate template = CertificateTemplate.of("member@one", false, Instant.now(), Duration.ofHours(1))
                .withSubjectAlternativeNames(List.of("one.example"), List.of(InetAddress.ofLiteral("10.1.2.3")));

        X509Certificate certificate = Certificates.generate(template).certificate();

        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(SAN_DNS, "one.example"),
                List.of(SAN_IP, "10.1.2.3"));
    }

    @Test
    void testDefaultCommonName()
    {
        assertThat(Certificates.defaultCommonName()).isEqualTo(System.getProperty("user.name") + "@" + Certificates.localHostName());
    }

    @Test
    void testFingerprintMatchesOpenssl()
    {
        assertThat(Certificates.fingerprint(Certificates.parsePem(FIXTURE_CERTIFICATE))).isEqualTo(FIXTURE_FINGERPRINT);
    }

    @Test
    void testPemRoundTrip()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));
        String pem = generated.certificatePem();

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(Certificates.parsePem(pem)).isEqualTo(generated.certificate());
        assertThat(Certificates.toPem(Certificates.parsePem(FIXTURE_CERTIFICATE))).isEqualTo(FIXTURE_CERTIFICATE);
    }

    @Test
    void testParsePemIgnoresSurroundingText()
    {
        X509Certificate certificate = Certificates.parsePem("Certificate:\n" + FIXTURE_CERTIFICATE + "trailing text\n");

        assertThat(Certificates.fingerprint(certificate)).isEqualTo(FIXTURE_FINGERPRINT);
    }

    @Test
    void testParsePemRejectsNonCertificates()
    {
        assertThatThrownBy(() -> Certificates.parsePem("hello"))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Not a certificate: no PEM data found");
        assertThatThrownBy(() -> Certificates.parsePem(KEY_WITH_PARAMETERS))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Not a certificate: PEM block is of type \"EC PARAMETERS\"");
        assertThatThrownBy(() -> Certificates.parsePem(pem("CERTIFICATE", "not DER".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageStartingWith("Not a certificate: ");
        assertThatThrownBy(() -> Certificates.parsePem("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageStartingWith("Malformed PEM data: ");
        assertThatThrownBy(() -> Certificates.parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageStartingWith("Malformed PEM data: ");
    }

    @Test
    void testParsePemChain()
    {
        CertificateAndKey leaf = Certificates.generate("leaf", true, Duration.ofDays(1));
        String chain = leaf.certificatePem() + KEY_WITH_PARAMETERS + FIXTURE_CERTIFICATE;

        assertThat(Certificates.parsePemChain(chain))
                .extracting(Certificates::fingerprint)
                .containsExactly(leaf.fingerprint(), FIXTURE_FINGERPRINT);
        assertThatThrownBy(() -> Certificates.parsePemChain(KEY_WITH_PARAMETERS))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Not a certificate: no CERTIFICATE block found");
    }

    @Test
    void testEcPrivateKeyPem()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));
        String pem = generated.privateKeyPem();

        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n").endsWith("\n-----END EC PRIVATE KEY-----\n");
        // Go's x509.ParseECPrivateKey and openssl need the curve and accept the public key inside the SEC 1 structure
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(pemContent(pem));
        assertThat(sec1.getParametersObject()).isEqualTo(SECObjectIdentifiers.secp384r1);
        assertThat(sec1.getPublicKey().getOctets())
                .isEqualTo(SubjectPublicKeyInfo.getInstance(generated.certificate().getPublicKey().getEncoded()).getPublicKeyData().getOctets());

        assertSameEcKey(Certificates.parsePrivateKeyPem(pem), generated.privateKey());
    }

    @Test
    void testRsaPrivateKeyPem()
            throws Exception
    {
        KeyPair keyPair = rsaKeyPair(2048);
        CertificateAndKey rsa = new CertificateAndKey(TestCertificateValidation.rsaCertificate(keyPair, Instant.now(), Duration.ofDays(1)), keyPair.getPrivate());

        String pem = rsa.privateKeyPem();

        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        assertThat(Certificates.parsePrivateKeyPem(pem).getEncoded()).isEqualTo(keyPair.getPrivate().getEncoded());
    }

    @Test
    void testParsePrivateKeyPemFormats()
    {
        PrivateKey withParameters = Certificates.parsePrivateKeyPem(KEY_WITH_PARAMETERS);
        assertThat(withParameters.getAlgorithm()).isEqualTo("EC");

        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));
        String pkcs8 = pem("PRIVATE KEY", generated.privateKey().getEncoded());
        assertThat(Certificates.parsePrivateKeyPem(pkcs8).getEncoded()).isEqualTo(generated.privateKey().getEncoded());
    }

    @Test
    void testParsePrivateKeyPemErrors()
    {
        assertThatThrownBy(() -> Certificates.parsePrivateKeyPem(ENCRYPTED_KEY))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Encrypted private keys are not supported");
        assertThatThrownBy(() -> Certificates.parsePrivateKeyPem(FIXTURE_CERTIFICATE))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("No private key found in PEM data");
        assertThatThrownBy(() -> Certificates.parsePrivateKeyPem("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageStartingWith("Malformed private key: ");
    }

    @Test
    void testToStringHidesPrivateKey()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));

        assertThat(generated.toString())
                .contains(generated.fingerprint())
                .doesNotContain(Base64.getEncoder().encodeToString(generated.privateKey().getEncoded()))
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void testLoadOrCreateWritesKeyWithMode0600(@TempDir Path directory)
            throws Exception
    {
        Path state = directory.resolve("var/lib/jxd");

        CertificateAndKey created = Certificates.loadOrCreate(state, "server", false);

        Path keyPath = state.resolve("server.key");
        Path certificatePath = state.resolve("server.crt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyPath))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificatePath))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(keyPath)).isEqualTo(created.privateKeyPem());
        assertThat(Files.readString(certificatePath)).isEqualTo(created.certificatePem());
        assertThat(created.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(created.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + Certificates.defaultCommonName() + ",O=LXD");
        try (Stream<Path> files = Files.list(state)) {
            // no temporary files left behind
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("server.crt", "server.key");
        }
    }

    @Test
    void testLoadOrCreateLoadsExistingPair(@TempDir Path directory)
            throws Exception
    {
        CertificateAndKey created = Certificates.loadOrCreate(directory, "client", true);

        CertificateAndKey loaded = Certificates.loadOrCreate(directory, "client", true);

        assertThat(loaded.fingerprint()).isEqualTo(created.fingerprint());
        assertSameEcKey(loaded.privateKey(), created.privateKey());
        assertThat(loaded.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    }

    @Test
    void testLoadOrCreateRegeneratesIncompletePair(@TempDir Path directory)
            throws IOException
    {
        CertificateAndKey created = Certificates.loadOrCreate(directory, "client", true);
        Files.delete(directory.resolve("client.key"));

        CertificateAndKey regenerated = Certificates.loadOrCreate(directory, "client", true);

        assertThat(regenerated.fingerprint()).isNotEqualTo(created.fingerprint());
        assertThat(Certificates.parsePem(Files.readString(directory.resolve("client.crt")))).isEqualTo(regenerated.certificate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("client.key")))).isEqualTo("rw-------");
    }

    @Test
    void testLoadOrCreateRejectsMismatchedKey(@TempDir Path directory)
            throws IOException
    {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        Certificates.loadOrCreate(first, "server", false);
        Certificates.loadOrCreate(second, "server", false);
        Files.copy(second.resolve("server.key"), first.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Certificates.loadOrCreate(first, "server", false))
                .isInstanceOf(CertificateParseException.class)
                .hasMessageContaining("does not match certificate");
    }

    @Test
    void testLoadOrCreateRejectsCorruptCertificate(@TempDir Path directory)
            throws IOException
    {
        Certificates.loadOrCreate(directory, "server", false);
        Files.writeString(directory.resolve("server.crt"), "garbage");

        assertThatThrownBy(() -> Certificates.loadOrCreate(directory, "server", false))
                .isInstanceOf(CertificateParseException.class)
                .hasMessage("Invalid certificate file " + directory.resolve("server.crt") + ": Not a certificate: no PEM data found");
    }

    @Test
    void testKeyManagersPresentCertificate()
    {
        CertificateAndKey generated = Certificates.generate("alice@host", true, Duration.ofDays(1));

        KeyManager[] keyManagers = Certificates.keyManagers(generated);

        assertThat(keyManagers).hasSize(1);
        assertThat(keyManagers[0]).isInstanceOf(X509KeyManager.class);
        X509KeyManager keyManager = (X509KeyManager) keyManagers[0];
        String alias = keyManager.chooseClientAlias(new String[] {"EC"}, null, null);
        assertThat(alias).isNotNull();
        assertThat(keyManager.getCertificateChain(alias)).containsExactly(generated.certificate());
        assertThat(keyManager.getPrivateKey(alias).getEncoded()).isEqualTo(generated.privateKey().getEncoded());
    }

    @Test
    void testMutualTlsHandshakeWithGeneratedCertificates()
            throws Exception
    {
        CertificateAndKey server = Certificates.generate("server@host", false, Duration.ofDays(1));
        CertificateAndKey client = Certificates.generate("client@host", true, Duration.ofDays(1));
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(Certificates.keyManagers(server), new TrustManager[] {new AcceptAnyTrustManager()}, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(Certificates.keyManagers(client), new TrustManager[] {new AcceptAnyTrustManager()}, null);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(30_000);
            CompletableFuture<String> peerSeenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    String fingerprint = Certificates.fingerprint((X509Certificate) accepted.getSession().getPeerCertificates()[0]);
                    accepted.getOutputStream().write(1);
                    return fingerprint;
                }
                catch (IOException exception) {
                    throw new UncheckedIOException(exception);
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                assertThat(socket.getInputStream().read()).isEqualTo(1);
                assertThat(Certificates.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0])).isEqualTo(server.fingerprint());
            }
            assertThat(peerSeenByServer.get(30, TimeUnit.SECONDS)).isEqualTo(client.fingerprint());
        }
    }

    static KeyPair rsaKeyPair(int bits)
            throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    // The parsed key's PKCS #8 encoding may carry the optional curve and public key, so compare the key itself
    private static void assertSameEcKey(PrivateKey actual, PrivateKey expected)
    {
        assertThat(actual).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) actual).getS()).isEqualTo(((ECPrivateKey) expected).getS());
        assertThat(((ECPrivateKey) actual).getParams().getOrder()).isEqualTo(((ECPrivateKey) expected).getParams().getOrder());
    }

    private static ASN1ObjectIdentifier curveOf(X509Certificate certificate)
    {
        return (ASN1ObjectIdentifier) SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()).getAlgorithm().getParameters();
    }

    private static byte[] pemContent(String pem)
    {
        String body = pem.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        return Base64.getDecoder().decode(body);
    }

    private static String pem(String type, byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static final class AcceptAnyTrustManager
            extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
