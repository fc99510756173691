package dev.jxd.daemon.link.peer;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.client.ApiException;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TestPeerConnector
{
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private TestDaemon server;
    private TestDaemon impostor;
    private CertificateAndKey trustedClient;
    private X509Certificate serverCertificate;
    private SettableClock clock;
    private PeerConnector connector;

    @BeforeAll
    void setUp()
    {
        server = TestDaemon.start("peer-server");
        impostor = TestDaemon.start("impostor");
        serverCertificate = Certificates.parsePem(server.serverCertificatePem());
        trustedClient = TestDaemon.newClientCertificate("linked-cluster");
        server.unixClient().post("/1.0/auth/identities/tls", Map.of("name", "linked-cluster", "certificate", trustedClient.certificatePem()));
        clock = new SettableClock();
        connector = new PeerConnector(TIMEOUT, clock);
    }

    @AfterAll
    void tearDown()
    {
        connector.close();
        server.close();
        impostor.close();
    }

    @Test
    void canonicalAddress()
    {
        assertThat(PeerConnector.canonicalAddress("10.0.0.1")).isEqualTo("10.0.0.1:8443");
        assertThat(PeerConnector.canonicalAddress("10.0.0.1:9443")).isEqualTo("10.0.0.1:9443");
        assertThat(PeerConnector.canonicalAddress("lxd.example.com")).isEqualTo("lxd.example.com:8443");
        assertThat(PeerConnector.canonicalAddress("::1")).isEqualTo("[::1]:8443");
        assertThat(PeerConnector.canonicalAddress("fd00::1")).isEqualTo("[fd00::1]:8443");
        assertThat(PeerConnector.canonicalAddress("[fd00::1]")).isEqualTo("[fd00::1]:8443");
        assertThat(PeerConnector.canonicalAddress("[fd00::1]:9443")).isEqualTo("[fd00::1]:9443");
        assertThatThrownBy(() -> PeerConnector.canonicalAddress("10.0.0.1:port")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerConnector.canonicalAddress("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyCertificateToleratesUnreachableAddresses()
    {
        String refused = refusedAddress();
        try (Blackhole blackhole = new Blackhole()) {
            VerifiedCertificate verified = connector.verifyCertificate(List.of(refused, blackhole.address(), server.address()), server.serverFingerprint());

            assertThat(Certificates.fingerprint(verified.certificate())).isEqualTo(server.serverFingerprint());
            assertThat(verified.verifiedAddresses()).containsExactly(server.address());
        }
    }

    @Test
    void verifyCertificateKeepsAddressOrderAndAcceptsAnyFingerprintCase()
    {
        String noPortForm = server.address();
        VerifiedCertificate verified = connector.verifyCertificate(List.of(server.address(), noPortForm), server.serverFingerprint().toUpperCase());

        assertThat(verified.verifiedAddresses()).containsExactly(server.address(), noPortForm);
    }

    @Test
    void verifyCertificateRejectsAnAddressServingAnotherCertificate()
    {
        PeerException exception = catchThrowableOfType(PeerException.class,
                () -> connector.verifyCertificate(List.of(server.address(), impostor.address()), server.serverFingerprint()));

        assertThat(exception.getMessage()).isEqualTo("Failed retrieving cluster certificate from any address: Certificate fingerprint mismatch for address \"%s\" (expected %s, got %s)"
                .formatted(impostor.address(), server.serverFingerprint(), impostor.serverFingerprint()));
        assertThat(exception.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.address()).isEqualTo(impostor.address());
            assertThat(failure.kind()).isEqualTo(PeerFailureKind.FINGERPRINT_MISMATCH);
            assertThat(failure.describe()).isEqualTo("\"%s\": certificate fingerprint mismatch (expected %s, got %s)"
                    .formatted(impostor.address(), server.serverFingerprint(), impostor.serverFingerprint()));
        });
    }

    @Test
    void verifyCertificateNamesEveryAddressAndReason()
    {
        String refused = refusedAddress();
        try (Blackhole blackhole = new Blackhole(); CannedTlsServer notLxd = CannedTlsServer.notFound()) {
            PeerException exception = catchThrowableOfType(PeerException.class,
                    () -> connector.verifyCertificate(List.of(refused, blackhole.address(), notLxd.address()), notLxd.fingerprint()));

            assertThat(exception.getMessage()).isEqualTo("Failed retrieving cluster certificate from any address: "
                    + "Failed retrieving certificate from \"%s\": connection refused; ".formatted(refused)
                    + "Failed retrieving certificate from \"%s\": timed out after 1500 ms; ".formatted(blackhole.address())
                    + "Failed verifying \"%s\" is a LXD server: Failed querying /1.0 endpoint at \"%s\": HTTP 404 from peer: Not Found".formatted(notLxd.address(), notLxd.address()));
            assertThat(exception.failures()).extracting(PeerFailure::kind)
                    .containsExactly(PeerFailureKind.REFUSED, PeerFailureKind.TIMEOUT, PeerFailureKind.NOT_LXD);
            assertThat(exception.failures().get(2).httpStatus()).isEqualTo(OptionalInt.of(404));
        }
    }

    @Test
    void verifyCertificateWithoutAddresses()
    {
        assertThatThrownBy(() -> connector.verifyCertificate(List.of(), server.serverFingerprint()))
                .isInstanceOf(PeerException.class)
                .hasMessage("Failed checking cluster link certificate: no addresses provided");
    }

    @Test
    void verifyCertificateWithAMalformedFingerprint()
    {
        assertThatThrownBy(() -> connector.verifyCertificate(List.of(server.address()), "not-a-fingerprint"))
                .isInstanceOf(PeerException.class)
                .hasMessage("Failed retrieving cluster certificate from any address: invalid certificate fingerprint \"not-a-fingerprint\"");
    }

    @Test
    void fetchVerifiedServerCertificate()
    {
        X509Certificate certificate = connector.fetchVerifiedServerCertificate(server.address());

        assertThat(certificate).isEqualTo(serverCertificate);
    }

    @Test
    void fetchVerifiedServerCertificateRejectsServersThatAreNotLxd()
    {
        try (CannedTlsServer notFound = CannedTlsServer.notFound(); CannedTlsServer webPage = CannedTlsServer.webPage(); CannedTlsServer garbage = CannedTlsServer.garbage()) {
            assertThatThrownBy(() -> connector.fetchVerifiedServerCertificate(notFound.address()))
                    .isInstanceOf(PeerException.class)
                    .hasMessage("Failed verifying \"%s\" is a LXD server: Failed querying /1.0 endpoint at \"%s\": HTTP 404 from peer: Not Found", notFound.address(), notFound.address());
            PeerException page = catchThrowableOfType(PeerException.class, () -> connector.fetchVerifiedServerCertificate(webPage.address()));
            assertThat(page.getMessage()).startsWith("Failed verifying \"%s\" is a LXD server: Failed querying /1.0 endpoint at \"%s\": ".formatted(webPage.address(), webPage.address()));
            assertThat(page.failures()).singleElement().extracting(PeerFailure::kind).isEqualTo(PeerFailureKind.NOT_LXD);
            PeerException protocol = catchThrowableOfType(PeerException.class, () -> connector.fetchVerifiedServerCertificate(garbage.address()));
            assertThat(protocol.getMessage()).startsWith("Failed verifying \"%s\" is a LXD server: ".formatted(garbage.address()));
            assertThat(protocol.failures()).singleElement().extracting(PeerFailure::kind).isEqualTo(PeerFailureKind.NOT_LXD);
        }
    }

    @Test
    void fetchVerifiedServerCertificateReportsUnreachableAddresses()
    {
        String refused = refusedAddress();
        PeerException exception = catchThrowableOfType(PeerException.class, () -> connector.fetchVerifiedServerCertificate(refused));

        assertThat(exception.getMessage()).isEqualTo("Failed retrieving certificate from \"%s\": connection refused".formatted(refused));
        assertThat(exception.failures()).extracting(PeerFailure::kind).containsExactly(PeerFailureKind.REFUSED);
    }

    @Test
    void callFirstSkipsUnreachableAddresses()
    {
        String refused = refusedAddress();
        PeerCallResult<String> result = connector.callFirst(
                List.of(refused, server.address()),
                PeerCredentials.authenticated(serverCertificate, trustedClient),
                client -> client.get("/1.0").metadata().path("auth").asString());

        assertThat(result.address()).isEqualTo(server.address());
        assertThat(result.value()).isEqualTo("trusted");
    }

    @Test
    void callFirstReportsThePeersErrorStatusAndMessage()
    {
        ApiException direct = catchThrowableOfType(ApiException.class, () -> server.httpsClient(null).get("/1.0/projects"));
        String refused = refusedAddress();

        PeerException exception = catchThrowableOfType(PeerException.class, () -> connector.callFirst(
                List.of(refused, server.address()),
                PeerCredentials.anonymous(serverCertificate),
                client -> client.get("/1.0/projects")));

        assertThat(exception.failures()).hasSize(2);
        assertThat(exception.failures().get(0)).isEqualTo(PeerFailure.of(refused, PeerFailureKind.REFUSED, "connection refused"));
        assertThat(exception.failures().get(1)).isEqualTo(new PeerFailure(server.address(), PeerFailureKind.HTTP_ERROR, OptionalInt.of(direct.statusCode()), direct.getMessage()));
        assertThat(exception.getMessage()).isEqualTo("Failed connecting to any address: \"%s\": connection refused; \"%s\": HTTP %d from peer: %s"
                .formatted(refused, server.address(), direct.statusCode(), direct.getMessage()));
    }

    @Test
    void callFirstRefusesAnAddressServingAnotherCertificate()
    {
        PeerException exception = catchThrowableOfType(PeerException.class, () -> connector.callFirst(
                List.of(impostor.address()),
                PeerCredentials.anonymous(serverCertificate),
                client -> client.get("/1.0")));

        assertThat(exception.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.kind()).isEqualTo(PeerFailureKind.FINGERPRINT_MISMATCH);
            assertThat(failure.describe()).isEqualTo("\"%s\": certificate fingerprint mismatch (expected %s, got %s)"
                    .formatted(impostor.address(), server.serverFingerprint(), impostor.serverFingerprint()));
        });
    }

    @Test
    void callFirstBoundsABlackholedAddress()
    {
        try (Blackhole blackhole = new Blackhole()) {
            PeerCallResult<String> result = connector.callFirst(
                    List.of(blackhole.address(), server.address()),
                    PeerCredentials.anonymous(serverCertificate),
                    client -> client.get("/1.0").metadata().path("auth").asString());

            assertThat(result.address()).isEqualTo(server.address());
            assertThat(result.value()).isEqualTo("untrusted");
        }
    }

    @Test
    void probeWithATrustedCertificateIsActive()
    {
        ProbeResult result = connector.probe(server.address(), PeerCredentials.authenticated(serverCertificate, trustedClient));

        assertThat(result.address()).isEqualTo(server.address());
        assertThat(result.status()).isEqualTo(ProbeStatus.ACTIVE);
        assertThat(result.serverName()).isEqualTo("peer-server");
        assertThat(result.roundTrip()).isPresent();
        assertThat(result.certificateExpiresAt()).contains(serverCertificate.getNotAfter().toInstant());
        assertThat(result.failure()).isEmpty();
        assertThat(result.probedAt()).isEqualTo(clock.instant());
    }

    @Test
    void probeWithoutAClientCertificateIsUnauthenticated()
    {
        ProbeResult anonymous = connector.probe(server.address(), PeerCredentials.anonymous(serverCertificate));
        ProbeResult unknownCertificate = connector.probe(server.address(), PeerCredentials.authenticated(serverCertificate, TestDaemon.newClientCertificate("stranger")));

        for (ProbeResult result : List.of(anonymous, unknownCertificate)) {
            assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHENTICATED);
            assertThat(result.serverName()).isEmpty();
            assertThat(result.failure()).isEmpty();
        }
    }

    @Test
    void probeOfAnImpostorIsUnreachable()
    {
        ProbeResult result = connector.probe(impostor.address(), PeerCredentials.authenticated(serverCertificate, trustedClient));

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(result.failure()).get().extracting(PeerFailure::kind).isEqualTo(PeerFailureKind.FINGERPRINT_MISMATCH);
        assertThat(result.roundTrip()).isEmpty();
    }

    @Test
    void probeAllReportsEveryAddressInOrder()
    {
        String refused = refusedAddress();
        try (Blackhole blackhole = new Blackhole()) {
            List<ProbeResult> results = connector.probeAll(
                    List.of(server.address(), blackhole.address(), refused, "unresolvable.invalid:8443"),
                    PeerCredentials.authenticated(serverCertificate, trustedClient));

            assertThat(results).extracting(ProbeResult::address).containsExactly(server.address(), blackhole.address(), refused, "unresolvable.invalid:8443");
            assertThat(results).extracting(ProbeResult::status)
                    .containsExactly(ProbeStatus.ACTIVE, ProbeStatus.UNREACHABLE, ProbeStatus.UNREACHABLE, ProbeStatus.UNREACHABLE);
            assertThat(results.get(1).failure()).get().isEqualTo(PeerFailure.of(blackhole.address(), PeerFailureKind.TIMEOUT, "timed out after 1500 ms"));
            assertThat(results.get(2).failure()).get().isEqualTo(PeerFailure.of(refused, PeerFailureKind.REFUSED, "connection refused"));
            assertThat(results.get(3).failure()).get().extracting(PeerFailure::kind).isEqualTo(PeerFailureKind.UNRESOLVED_HOST);
        }
    }

    @Test
    void clientsArePooledPerCredentials()
    {
        try (PeerConnector pooling = new PeerConnector(TIMEOUT, clock)) {
            // Verifying a certificate by its fingerprint leaves the connection to the calls pinned to that certificate
            VerifiedCertificate verified = pooling.verifyCertificate(List.of(server.address()), server.serverFingerprint());
            pooling.callFirst(verified.verifiedAddresses(), PeerCredentials.anonymous(verified.certificate()), client -> client.get("/1.0"));
            assertThat(pooling.pooledClients()).isEqualTo(1);

            PeerCredentials trusted = PeerCredentials.authenticated(serverCertificate, trustedClient);
            pooling.probe(server.address(), trusted);
            pooling.probe(server.address(), trusted);
            pooling.callFirst(List.of(server.address()), trusted, client -> client.get("/1.0"));
            assertThat(pooling.pooledClients()).isEqualTo(2);

            pooling.probe(server.address(), PeerCredentials.anonymous(serverCertificate));
            assertThat(pooling.pooledClients()).isEqualTo(2);
        }
    }

    @Test
    void credentialsNeverPrintThePrivateKey()
    {
        PeerCredentials credentials = PeerCredentials.authenticated(serverCertificate, trustedClient);

        assertThat(credentials.toString())
                .contains(server.serverFingerprint(), trustedClient.fingerprint())
                .doesNotContain("PRIVATE");
    }

    private static String refusedAddress()
    {
        // Bound and released: nothing listens there any more
        return "127.0.0.1:" + TestDaemon.freePort();
    }
}
