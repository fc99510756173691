package dev.jxd.cli;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.json.Json;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.cli.CliRunner.Result;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

/** {@code jxc remote add} against a fake daemon on real TLS: fingerprint checks, pinning, token redemption. */
@TestInstance(PER_CLASS)
final class TestRemoteAdd
{
    private CertificateAndKey serverCertificate;
    private FakeApiServer daemon;
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> trustedFingerprints = ConcurrentHashMap.newKeySet();

    @TempDir
    Path directory;

    private CliRunner cli;

    @BeforeAll
    void startDaemon()
            throws Exception
    {
        serverCertificate = Certificates.generate("jxd", false, Duration.ofDays(1));
        daemon = FakeApiServer.https(serverCertificate);
        daemon.route("GET", "/1.0", exchange -> Replies.sync("{\"auth\":\"%s\",\"api_version\":\"1.0\"}"
                .formatted(trustedFingerprints.contains(String.valueOf(exchange.clientCertificateFingerprint())) ? "trusted" : "untrusted")));
        daemon.route("POST", "/1.0/auth/identities/tls", this::redeem);
    }

    @AfterAll
    void stopDaemon()
            throws Exception
    {
        daemon.close();
    }

    @BeforeEach
    void setUp()
    {
        cli = new CliRunner(directory.resolve("conf"), directory.resolve("state"));
    }

    @Test
    void addsARemoteFromATokenAndPinsItsCertificate()
            throws Exception
    {
        String token = newToken(serverCertificate.fingerprint(), List.of("127.0.0.1:" + closedPort(), daemon.hostAndPort()));

        Result result = cli.run("remote", "add", "r1", token);
        assertThat(result.exitCode()).as(result.err()).isZero();

        Path configDirectory = directory.resolve("conf");
        assertThat(Files.readString(configDirectory.resolve("servercerts/r1.crt"), StandardCharsets.US_ASCII))
                .isEqualTo(serverCertificate.certificatePem());
        CertificateAndKey clientCertificate = Certificates.loadOrCreate(configDirectory, "client", true);
        assertThat(trustedFingerprints).contains(clientCertificate.fingerprint());
        Exchange redemption = daemon.exchanges().stream().filter(exchange -> exchange.method().equals("POST")).reduce((first, second) -> second).orElseThrow();
        assertThat(redemption.body()).isEqualTo(Json.write(Map.of("trust_token", token)));
        assertThat(redemption.clientCertificateFingerprint()).isEqualTo(clientCertificate.fingerprint());

        Result query = cli.run("query", "r1:/1.0");
        assertThat(query.exitCode()).as(query.err()).isZero();
        assertThat(Json.lenient().readTree(query.out()).get("auth").asString()).isEqualTo("trusted");

        assertThat(cli.run("remote", "switch", "r1").exitCode()).isZero();
        assertThat(cli.run("remote", "list", "-f", "csv").out()).isEqualTo("""
                local,unix://,lxd,file access,NO,NO,NO
                r1 (current),%s,lxd,tls,NO,NO,NO
                """.formatted(daemon.url()));
        assertThat(cli.run("remote", "get-default").out()).isEqualTo("r1\n");

        assertThat(cli.run("remote", "rename", "r1", "r2").exitCode()).isZero();
        assertThat(configDirectory.resolve("servercerts/r2.crt")).exists();
        assertThat(cli.run("remote", "get-default").out()).isEqualTo("r2\n");
        assertThat(cli.run("remote", "switch", "local").exitCode()).isZero();
        assertThat(cli.run("remote", "remove", "r2").exitCode()).isZero();
        assertThat(configDirectory.resolve("servercerts/r2.crt")).doesNotExist();
    }

    @Test
    void rejectsATokenWhoseFingerprintDoesNotMatch()
    {
        String otherFingerprint = Certificates.generate("other", false, Duration.ofDays(1)).fingerprint();
        String token = newToken(otherFingerprint, List.of(daemon.hostAndPort()));

        Result result = cli.run("remote", "add", "r1", token);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Certificate fingerprint mismatch between certificate token and server \"%s\"\n".formatted(daemon.url()));
        assertThat(directory.resolve("conf/config.yml")).doesNotExist();
        assertThat(directory.resolve("conf/servercerts/r1.crt")).doesNotExist();
    }

    @Test
    void failsWhenNoTokenAddressIsReachable()
            throws Exception
    {
        String token = newToken(serverCertificate.fingerprint(), List.of("127.0.0.1:" + closedPort()));

        Result result = cli.run("remote", "add", "r1", token);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: Failed to add remote: Unable to connect to 127.0.0.1:");
    }

    @Test
    void addsARemoteByAddressAfterConfirmation()
    {
        String token = newToken(serverCertificate.fingerprint(), List.of(daemon.hostAndPort()));
        String fingerprint = serverCertificate.fingerprint();

        Result refused = cli.runWithInput("n\n", "remote", "add", "r1", daemon.hostAndPort());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEqualTo("Certificate fingerprint: %s\nok (y/n/[fingerprint])? ".formatted(fingerprint));
        assertThat(refused.err()).isEqualTo("Error: Server certificate NACKed by user\n");

        Result accepted = cli.runWithInput(fingerprint + "\n" + token + "\n", "remote", "add", "r1", daemon.url());
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("Trust token for r1: ").endsWith("Client certificate now trusted by server: r1\n");
        assertThat(cli.run("remote", "list", "-f", "csv").out()).contains("r1,%s,lxd,tls,NO,NO,NO".formatted(daemon.url()));
    }

    @Test
    void addsARemoteByAddressWithFlags()
    {
        String token = newToken(serverCertificate.fingerprint(), List.of(daemon.hostAndPort()));

        Result result = cli.run("remote", "add", "r1", daemon.hostAndPort(), "--accept-certificate", "--token", token);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(cli.run("query", "r1:/1.0").exitCode()).isZero();

        // Adding the same server again under another name: already trusted, no token needed
        assertThat(cli.run("remote", "add", "r2", daemon.hostAndPort(), "--accept-certificate").exitCode()).isZero();
    }

    @Test
    void reportsATokenTheServerRejects()
    {
        Result result = cli.run("remote", "add", "r1", daemon.hostAndPort(), "--accept-certificate", "--token",
                TrustTokens.encode(new CertificateAddToken("x", serverCertificate.fingerprint(), List.of(daemon.hostAndPort()), "unknown", CertificateAddToken.NO_EXPIRY, CertificateAddToken.TYPE_CLIENT)));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Generating a client certificate. This may take a minute...\n"
                + "Error: No pending identities found with given secret\n");
        assertThat(directory.resolve("conf/config.yml")).doesNotExist();
    }

    private FakeApiServer.Reply redeem(Exchange exchange)
    {
        String token = Json.lenient().readTree(exchange.body()).get("trust_token").asString();
        String fingerprint = exchange.clientCertificateFingerprint();
        if (fingerprint != null && trustedFingerprints.contains(fingerprint)) {
            return Replies.error(409, "Identity already exists");
        }
        if (fingerprint == null || !validTokens.remove(token)) {
            return Replies.error(403, "No pending identities found with given secret");
        }
        trustedFingerprints.add(fingerprint);
        return Replies.created("/1.0/auth/identities/tls/" + fingerprint, "null");
    }

    private String newToken(String fingerprint, List<String> addresses)
    {
        String token = TrustTokens.encode(new CertificateAddToken("client", fingerprint, addresses, TrustTokens.newSecret(), CertificateAddToken.NO_EXPIRY, CertificateAddToken.TYPE_CLIENT));
        validTokens.add(token);
        return token;
    }

    private static int closedPort()
            throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
