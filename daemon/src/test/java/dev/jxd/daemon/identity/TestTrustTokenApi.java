package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.event.Event;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.identity.IdentityFixtures.assertError;
import static dev.jxd.daemon.identity.IdentityFixtures.assertStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.authStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.encodedToken;
import static dev.jxd.daemon.identity.IdentityFixtures.issueToken;
import static org.assertj.core.api.Assertions.assertThat;

/** Trust tokens end to end: issued over the unix socket, redeemed over HTTPS with client certificates. */
class TestTrustTokenApi
{
    private static final String INVALID_TOKEN = "Invalid trust token";

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @Test
    void newClientRedeemsATokenAndBecomesTrusted()
    {
        ApiResponse issued = issueToken(admin, "laptop", List.of());
        assertThat(issued.status()).isEqualTo(201);
        assertThat(issued.location()).matches("/1\\.0/auth/identities/tls/[0-9a-f-]{36}");
        CertificateAddToken token = issued.metadataAs(CertificateAddToken.class);
        assertThat(token.clientName()).isEqualTo("laptop");
        assertThat(token.fingerprint()).isEqualTo(server.serverFingerprint());
        assertThat(token.addresses()).containsExactly(server.address());
        assertThat(token.type()).isEqualTo(CertificateAddToken.TYPE_CLIENT);

        // The pending identity is listed, without certificate or expiry
        JsonNode pending = admin.get(issued.location()).metadata();
        assertThat(pending.get("type").asString()).isEqualTo("Client certificate (pending)");
        assertThat(pending.get("tls_certificate").asString()).isEmpty();
        assertThat(pending.has("expires_at")).isFalse();

        CertificateAndKey laptop = TestDaemon.newClientCertificate("laptop");
        assertThat(authStatus(server, laptop)).isEqualTo("untrusted");
        ApiResponse redeemed = server.httpsClient(laptop).post("/1.0/auth/identities/tls", Map.of("trust_token", TrustTokens.encode(token)));
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.location()).isEqualTo("/1.0/auth/identities/tls/" + laptop.fingerprint());
        assertThat(authStatus(server, laptop)).isEqualTo("trusted");

        JsonNode active = admin.get("/1.0/auth/identities/tls/laptop").metadata();
        assertThat(active.get("id").asString()).isEqualTo(laptop.fingerprint());
        assertThat(active.get("type").asString()).isEqualTo("Client certificate");
        assertThat(active.get("tls_certificate").asString()).isEqualTo(laptop.certificatePem());
        assertStatus(() -> admin.get(issued.location()), 404);
    }

    @Test
    void usedTokenIsRefused()
    {
        String token = encodedToken(issueToken(admin, "laptop", List.of()));
        server.httpsClient(TestDaemon.newClientCertificate("first")).post("/1.0/auth/identities/tls", Map.of("trust_token", token));

        CertificateAndKey second = TestDaemon.newClientCertificate("second");
        assertError(() -> server.httpsClient(second).post("/1.0/auth/identities/tls", Map.of("trust_token", token)), 403, INVALID_TOKEN);
        assertThat(authStatus(server, second)).isEqualTo("untrusted");
    }

    @Test
    void expiredTokenIsRefusedAndPendingIdentitiesArePruned()
    {
        ApiResponse expiring = issueToken(admin, "late", List.of());
        ApiResponse pruned = issueToken(admin, "never-used", List.of());
        server.clock().advance(Duration.ofDays(16));

        CertificateAndKey late = TestDaemon.newClientCertificate("late");
        assertError(() -> server.httpsClient(late).post("/1.0/auth/identities/tls", Map.of("trust_token", encodedToken(expiring))), 403, INVALID_TOKEN);
        // The attempt deleted its pending identity; the other one waits for pruning
        assertStatus(() -> admin.get(expiring.location()), 404);
        assertThat(admin.get(pruned.location()).status()).isEqualTo(200);

        // Pruning runs as an operation, visible in /1.0/operations and awaited through its wait endpoint
        ApiResponse prune = admin.post("/internal/testing/prune-tokens", null);
        assertThat(prune.status()).isEqualTo(202);
        assertThat(prune.isAsync()).isTrue();
        assertThat(admin.get("/1.0/operations?recursion=1").metadata().toString()).contains("Removing expired pending identities");
        Operation done = admin.waitOperation(prune.operationUrl(), Duration.ofSeconds(30));
        assertThat(done.status()).isEqualTo("Success");
        assertThat(done.metadata()).containsEntry("removed", 1);
        assertStatus(() -> admin.get(pruned.location()), 404);
        assertStatus(() -> admin.get("/1.0/operations/no-such-operation/wait?timeout=1"), 404);
    }

    @Test
    void pruneHookIsOnlyForLocalCallers()
    {
        CertificateAndKey client = IdentityFixtures.trustedClient(server, admin, "client", List.of());
        assertError(() -> server.httpsClient(client).post("/internal/testing/prune-tokens", null), 403, "Forbidden");
    }

    @Test
    void corruptedTokensAreRefusedAlike()
    {
        CertificateAddToken token = issueToken(admin, "laptop", List.of()).metadataAs(CertificateAddToken.class);
        String otherSecret = TrustTokens.encode(new CertificateAddToken(token.clientName(), token.fingerprint(), token.addresses(),
                TrustTokens.newSecret(), token.expiresAt(), token.type()));
        String truncated = TrustTokens.encode(token).substring(0, 40);

        JxdClient client = server.httpsClient(TestDaemon.newClientCertificate("laptop"));
        for (String bad : List.of(otherSecret, truncated, "garbage")) {
            assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("trust_token", bad)), 403, INVALID_TOKEN);
        }
        // None of this touched the pending identity: the real token still works
        assertThat(client.post("/1.0/auth/identities/tls", Map.of("trust_token", TrustTokens.encode(token))).status()).isEqualTo(201);
    }

    @Test
    void concurrentRedemptionsOfOneTokenHaveExactlyOneWinner()
            throws Exception
    {
        String token = encodedToken(issueToken(admin, "race", List.of()));
        int contenders = 8;
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int index = 0; index < contenders; index++) {
            JxdClient client = server.httpsClient(TestDaemon.newClientCertificate("contender-" + index));
            attempts.add(() -> {
                try {
                    return client.post("/1.0/auth/identities/tls", Map.of("trust_token", token)).status();
                }
                catch (ApiException exception) {
                    assertThat(exception.getMessage()).isEqualTo(INVALID_TOKEN);
                    return exception.statusCode();
                }
            });
        }
        // The contenders race on the token only: the authorizer has loaded its state before they start
        assertThat(authStatus(server, TestDaemon.newClientCertificate("warm-up"))).isEqualTo("untrusted");
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(contenders)) {
            for (Future<Integer> result : executor.invokeAll(attempts)) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).containsOnly(201, 403);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(admin.get("/1.0/auth/identities/tls?recursion=1").metadata().findValuesAsString("name")).containsOnlyOnce("race");
    }

    @Test
    void unidirectionalLinkTokenIsRedeemedOnlyThroughTheIdentitiesApi()
    {
        // The target side of a unidirectional link: a pending cluster-link identity without a link row, as
        // POST /1.0/cluster/links with type unidirectional creates it (bidirectional link tokens are covered by the link tests)
        String secret = TrustTokens.newSecret();
        String identifier = UUID.randomUUID().toString();
        server.daemon().store().execute(new TrustTokenStore.CreatePendingIdentity(identifier, "link", IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING,
                new PendingMetadata(TrustTokens.hashSecret(secret), CertificateAddToken.NO_EXPIRY).toJson(), List.of()));
        String token = TrustTokens.encode(new CertificateAddToken("link", server.serverFingerprint(), List.of(server.address()), secret,
                CertificateAddToken.NO_EXPIRY, CertificateAddToken.TYPE_CLUSTER_LINK));

        CertificateAndKey initiator = TestDaemon.newClientCertificate("initiator");
        JxdClient client = server.httpsClient(initiator);
        // lxc remote add goes through the legacy certificates API, which only takes client tokens
        assertError(() -> client.post("/1.0/certificates", Map.of("type", "client", "password", token)), 403, INVALID_TOKEN);
        assertThat(admin.get("/1.0/auth/identities/tls/" + identifier).metadata().get("type").asString()).isEqualTo("Cluster link certificate (pending)");

        assertThat(client.post("/1.0/auth/identities/tls", Map.of("trust_token", token)).location()).isEqualTo("/1.0/auth/identities/tls/" + initiator.fingerprint());
        assertThat(admin.get("/1.0/auth/identities/tls/link").metadata().get("type").asString()).isEqualTo("Cluster link certificate");
    }

    @Test
    void repeatedFailuresAreRateLimitedWithASecurityEvent()
            throws Exception
    {
        admin.patch("/1.0", Map.of("config", Map.of("core.trust_failure_limit", "3")), null);
        String token = encodedToken(issueToken(admin, "laptop", List.of()));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (EventSubscription _ = IdentityFixtures.subscribe(admin, events)) {
            JxdClient client = server.httpsClient(TestDaemon.newClientCertificate("guesser"));
            for (int attempt = 0; attempt < 3; attempt++) {
                assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("trust_token", "guess")), 403, INVALID_TOKEN);
            }
            assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("trust_token", token)), 429,
                    "Too many failed trust token attempts; try again later");
            assertError(() -> client.post("/1.0/certificates", Map.of("trust_token", token)), 429,
                    "Too many failed trust token attempts; try again later");
            RawResponse limited = client.rawRequest("POST", "/1.0/auth/identities/tls", ("{\"trust_token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8), "application/json", Map.of());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.headers().get("Retry-After"))).isBetween(1L, 60L);

            List<String> names = new ArrayList<>();
            while (!names.contains("trust_token_rate_limited:127.0.0.1")) {
                Event event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("security events so far: %s", names).isNotNull();
                assertThat(event.metadata().toString()).doesNotContain("guess", token);
                if (event.type().equals("security")) {
                    names.add(event.metadata().get("name").asString());
                }
            }
            assertThat(names).filteredOn("trust_token_failed"::equals).hasSize(3);

            // The block ends with the window
            server.clock().advance(Duration.ofMinutes(1));
            assertThat(client.post("/1.0/auth/identities/tls", Map.of("trust_token", token)).status()).isEqualTo(201);
        }
    }

    @Test
    void untrustedRequestMustCarryOnlyATokenAndACertificate()
    {
        String token = encodedToken(issueToken(admin, "laptop", List.of()));
        JxdClient client = server.httpsClient(TestDaemon.newClientCertificate("laptop"));
        assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("name", "laptop")), 403, "Trust token required");
        assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("trust_token", token, "name", "other")), 403, "Only trust token must be provided");
        assertError(() -> client.post("/1.0/auth/identities/tls", Map.of("trust_token", token, "groups", List.of("admins"))), 403, "Only trust token must be provided");
        assertError(() -> server.httpsClient(null).post("/1.0/auth/identities/tls", Map.of("trust_token", token)), 400, "No client certificate provided");
        assertError(() -> client.get("/1.0/auth/identities"), 403, "Forbidden");
    }

    @Test
    void trustedCallerCannotRedeem()
    {
        CertificateAndKey client = IdentityFixtures.trustedClient(server, admin, "client", List.of());
        IdentityFixtures.createGroup(server, "creators", "can_create_identities");
        admin.put("/1.0/auth/identities/tls/client", Map.of("groups", List.of("creators")), null);
        String token = encodedToken(issueToken(admin, "other", List.of()));
        assertError(() -> server.httpsClient(client).post("/1.0/auth/identities/tls", Map.of("name", "x", "trust_token", token)), 409, "Client already trusted");
    }

    @Test
    void legacyCertificatesApiRedeemsTokensAsLxd50Does()
    {
        // LXD 5.0's lxc remote add sends every field of api.CertificatesPost; the token goes in password or trust_token
        for (String field : List.of("password", "trust_token")) {
            String token = encodedToken(issueToken(admin, "lxc-" + field, List.of()));
            Map<String, Object> body = new HashMap<>();
            body.put("name", "");
            body.put("type", "client");
            body.put("restricted", false);
            body.put("projects", null);
            body.put("certificate", "");
            body.put("password", "");
            body.put("trust_token", "");
            body.put("token", false);
            body.put(field, token);
            CertificateAndKey client = TestDaemon.newClientCertificate("lxc-" + field);

            ApiResponse response = server.httpsClient(client).post("/1.0/certificates", body);
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.location()).isEqualTo("/1.0/certificates/" + client.fingerprint());
            assertThat(authStatus(server, client)).isEqualTo("trusted");

            // lxc config trust list
            JsonNode own = server.httpsClient(client).get("/1.0/certificates?recursion=1").metadata();
            assertThat(own.size()).isEqualTo(1);
            assertThat(own.get(0).get("name").asString()).isEqualTo("lxc-" + field);
            assertThat(own.get(0).get("type").asString()).isEqualTo("client");
            assertThat(own.get(0).get("restricted").asBoolean()).isFalse();
            assertThat(own.get(0).get("fingerprint").asString()).isEqualTo(client.fingerprint());
            assertThat(own.get(0).get("certificate").asString()).isEqualTo(client.certificatePem());
            assertThat(own.get(0).get("expires_at").asString()).endsWith("Z");
        }
        assertThat(admin.get("/1.0/certificates").metadata().size()).isEqualTo(2);
    }
}
