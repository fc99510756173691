package dev.jxd.daemon.link;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.jxd.daemon.link.LinkFixtures.LINKS;
import static dev.jxd.daemon.link.LinkFixtures.assertError;
import static dev.jxd.daemon.link.LinkFixtures.assertErrorStartsWith;
import static dev.jxd.daemon.link.LinkFixtures.createGroup;
import static dev.jxd.daemon.link.LinkFixtures.createPending;
import static dev.jxd.daemon.link.LinkFixtures.createWithToken;
import static dev.jxd.daemon.link.LinkFixtures.identities;
import static dev.jxd.daemon.link.LinkFixtures.link;
import static dev.jxd.daemon.link.LinkFixtures.linkNames;
import static dev.jxd.daemon.link.LinkFixtures.memberStatuses;
import static dev.jxd.daemon.link.LinkFixtures.pendingToken;
import static dev.jxd.daemon.link.LinkFixtures.rowCount;
import static org.assertj.core.api.Assertions.assertThat;

/** Every creation flow of spec §4.8 between real daemons on loopback, and how each fails cleanly. */
class TestClusterLinkFlows
{
    private TestDaemon clusterA;
    private TestDaemon clusterB;
    private JxdClient adminA;
    private JxdClient adminB;

    @BeforeEach
    void start()
    {
        clusterA = TestDaemon.start("cluster-a");
        clusterB = TestDaemon.start("cluster-b");
        adminA = clusterA.unixClient();
        adminB = clusterB.unixClient();
        createGroup(adminA, "clusters", "project", "/1.0/projects/default", "can_view");
        createGroup(adminB, "clusters", "project", "/1.0/projects/default", "can_view");
    }

    @AfterEach
    void stop()
    {
        clusterA.close();
        clusterB.close();
    }

    @Test
    void bidirectionalLinkGivesEachSideTheOthersGroups()
    {
        Instant before = clusterA.clock().instant();
        ApiResponse pending = createPending(adminA, "cluster_b", List.of("clusters"));
        Instant after = clusterA.clock().instant();
        assertThat(pending.status()).isEqualTo(201);
        assertThat(pending.location()).matches("/1\\.0/auth/identities/tls/[0-9a-f-]{36}");
        CertificateAddToken token = pending.metadataAs(CertificateAddToken.class);
        assertThat(token.type()).isEqualTo(CertificateAddToken.TYPE_CLUSTER_LINK);
        assertThat(token.fingerprint()).isEqualTo(clusterA.serverFingerprint());
        assertThat(token.addresses()).containsExactly(clusterA.address());
        assertThat(token.clientName()).isEqualTo("cluster_b");
        // Link tokens expire after core.cluster_link_token_expiry, one hour by default
        assertThat(token.expiresAt()).isBetween(before.plus(Duration.ofHours(1)), after.plus(Duration.ofHours(1)));
        assertThat(link(adminA, "cluster_b").get("config").has("volatile.addresses")).isFalse();
        assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate (pending)");

        ApiResponse created = createWithToken(adminB, "cluster_a", "bidirectional", TrustTokens.encode(token), List.of("clusters"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/1.0/auth/identities/tls/" + clusterA.serverFingerprint());

        JsonNode onB = link(adminB, "cluster_a");
        assertThat(onB.get("type").asString()).isEqualTo("bidirectional");
        assertThat(onB.get("config").get("volatile.addresses").asString()).isEqualTo(clusterA.address());
        assertThat(onB.get("used_by").isArray()).isTrue();
        JsonNode onA = link(adminA, "cluster_b");
        assertThat(onA.get("config").get("volatile.addresses").asString()).isEqualTo(clusterB.address());
        assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate");
        assertThat(identities(adminB)).containsExactly("cluster_a: Cluster link certificate");
        JsonNode identityOnB = adminB.get("/1.0/auth/identities/tls/cluster_a").metadata();
        assertThat(identityOnB.get("id").asString()).isEqualTo(clusterA.serverFingerprint());
        assertThat(identityOnB.get("groups").toString()).isEqualTo("[\"clusters\"]");

        // Each side, calling with its network certificate, gets what the other side's group allows, and no more
        assertCallsAllowedByGroup(clusterA, clusterB);
        assertCallsAllowedByGroup(clusterB, clusterA);

        assertThat(memberStatuses(adminA, "cluster_b")).containsExactly(clusterB.address() + " Active");
        assertThat(memberStatuses(adminB, "cluster_a")).containsExactly(clusterA.address() + " Active");
        JsonNode member = adminB.get(LINKS + "/cluster_a/state").metadata().get("cluster_link_members").get(0);
        assertThat(member.get("server_name").asString()).isEqualTo("cluster-a");
        assertThat(member.has("last_contact")).isTrue();
        assertThat(member.has("certificate_expires_at")).isTrue();
    }

    @Test
    void unidirectionalLinkLetsOnlyTheInitiatorCall()
    {
        ApiResponse pending = adminB.post(LINKS, Map.of("name", "cluster_a", "type", "unidirectional", "auth_groups", List.of("clusters")));
        assertThat(pending.status()).isEqualTo(201);
        assertThat(identities(adminB)).containsExactly("cluster_a: Cluster link certificate (pending)");
        // The target keeps no link row, only the identity
        assertThat(linkNames(adminB)).isEmpty();
        String token = TrustTokens.encode(pending.metadataAs(CertificateAddToken.class));

        assertError(() -> createWithToken(adminA, "cluster_b", "unidirectional", token, List.of("clusters")), 400,
                "Auth groups cannot be set on the initiating side of a unidirectional cluster link: it creates no identity here; "
                        + "the target cluster chose the groups when it issued the token");
        ApiResponse created = createWithToken(adminA, "cluster_b", "unidirectional", token, List.of());
        assertThat(created.status()).isEqualTo(200);

        JsonNode onA = link(adminA, "cluster_b");
        assertThat(onA.get("type").asString()).isEqualTo("unidirectional");
        assertThat(onA.get("config").get("volatile.addresses").asString()).isEqualTo(clusterB.address());
        assertThat(identities(adminA)).isEmpty();
        assertThat(identities(adminB)).containsExactly("cluster_a: Cluster link certificate");
        assertThat(linkNames(adminB)).isEmpty();

        assertCallsAllowedByGroup(clusterA, clusterB);
        try (JxdClient bAsA = JxdClient.https(clusterA.url(), clusterA.serverCertificatePem(), clusterB.networkCertificate())) {
            assertThat(bAsA.get("/1.0").metadata().get("auth").asString()).isEqualTo("untrusted");
        }
        assertThat(memberStatuses(adminA, "cluster_b")).containsExactly(clusterB.address() + " Active");
    }

    @Test
    void tokenWhoseAddressesLeadToAnotherServerIsRefusedAndLeavesNothing()
    {
        try (TestDaemon impostor = TestDaemon.start("impostor")) {
            CertificateAddToken real = createPending(adminA, "cluster_b", List.of("clusters")).metadataAs(CertificateAddToken.class);
            CertificateAddToken tampered = new CertificateAddToken(real.clientName(), real.fingerprint(), List.of(impostor.address()), real.secret(), real.expiresAt(), real.type());

            ApiException refused = apiError(() -> createWithToken(adminB, "cluster_a", "bidirectional", TrustTokens.encode(tampered), List.of("clusters")));
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.getMessage()).startsWith("Failed validating cluster certificate: ").contains(impostor.address());
            assertThat(linkNames(adminB)).isEmpty();
            assertThat(identities(adminB)).isEmpty();
            assertThat(rowCount(clusterB, "certificates")).isZero();
            assertThat(linkNames(impostor.unixClient())).isEmpty();
            // A's pending link is untouched, and its token still works with the real address
            assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate (pending)");
            createWithToken(adminB, "cluster_a", "bidirectional", TrustTokens.encode(real), List.of("clusters"));
            assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate");
        }
    }

    @Test
    void issuerRefusingActivationRollsBackAndAFreshTokenSucceeds()
    {
        CertificateAddToken real = createPending(adminA, "cluster_b", List.of("clusters")).metadataAs(CertificateAddToken.class);
        CertificateAddToken corrupted = new CertificateAddToken(real.clientName(), real.fingerprint(), real.addresses(), TrustTokens.newSecret(), real.expiresAt(), real.type());

        assertError(() -> createWithToken(adminB, "cluster_a", "bidirectional", TrustTokens.encode(corrupted), List.of("clusters")), 403,
                "Failed activating cluster link \"cluster_a\" after trying 1 address(es): Remote cluster address \"" + clusterA.address() + "\": Invalid trust token");
        assertThat(linkNames(adminB)).isEmpty();
        assertThat(identities(adminB)).isEmpty();
        assertThat(rowCount(clusterB, "certificates")).isZero();

        String fresh = pendingToken(adminA, "cluster_b2", List.of("clusters"));
        createWithToken(adminB, "cluster_a", "bidirectional", fresh, List.of("clusters"));
        assertThat(memberStatuses(adminB, "cluster_a")).containsExactly(clusterA.address() + " Active");
    }

    @Test
    void issuerDownLeavesNothingAndRetrySucceeds()
    {
        String token = pendingToken(adminA, "cluster_b", List.of("clusters"));
        int port = clusterA.port();
        adminA.put("/1.0", Map.of("config", Map.of()), null);

        assertErrorStartsWith(() -> createWithToken(adminB, "cluster_a", "bidirectional", token, List.of("clusters")), 400,
                "Failed validating cluster certificate: ");
        assertThat(linkNames(adminB)).isEmpty();
        assertThat(identities(adminB)).isEmpty();

        adminA.put("/1.0", Map.of("config", Map.of("core.https_address", "127.0.0.1:" + port)), null);
        createWithToken(adminB, "cluster_a", "bidirectional", token, List.of("clusters"));
        assertThat(linkNames(adminB)).containsExactly("cluster_a");
    }

    @Test
    void expiredTokenIsRefusedWithoutRowsOnEitherSide()
    {
        String token = pendingToken(adminA, "cluster_b", List.of("clusters"));
        clusterA.clock().advance(Duration.ofHours(1).plusSeconds(1));

        assertError(() -> createWithToken(adminB, "cluster_a", "bidirectional", token, List.of("clusters")), 403,
                "Failed activating cluster link \"cluster_a\" after trying 1 address(es): Remote cluster address \"" + clusterA.address() + "\": Invalid trust token");
        assertThat(linkNames(adminB)).isEmpty();
        assertThat(identities(adminB)).isEmpty();
        // The pending link stays pending until the hourly pruning removes it with its expired identity
        assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate (pending)");
        adminA.waitForSuccess(adminA.post("/internal/testing/prune-tokens", Map.of()).operationUrl(), Duration.ofSeconds(30));
        assertThat(linkNames(adminA)).isEmpty();
        assertThat(identities(adminA)).isEmpty();
    }

    @Test
    void concurrentCreationsWithOneTokenLetExactlyOneSucceed()
            throws Exception
    {
        try (TestDaemon clusterC = TestDaemon.start("cluster-c")) {
            JxdClient adminC = clusterC.unixClient();
            createGroup(adminC, "clusters", "project", "/1.0/projects/default", "can_view");
            String token = pendingToken(adminA, "peer", List.of("clusters"));
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> attempts = List.of(
                        () -> attempt(() -> createWithToken(adminB, "cluster_a", "bidirectional", token, List.of("clusters"))),
                        () -> attempt(() -> createWithToken(adminC, "cluster_a", "bidirectional", token, List.of("clusters"))));
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : executor.invokeAll(attempts)) {
                    statuses.add(result.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 403);
            }
            finally {
                executor.shutdownNow();
            }
            assertThat(linkNames(adminB).size() + linkNames(adminC).size()).isEqualTo(1);
            assertThat(identities(adminB).size() + identities(adminC).size()).isEqualTo(1);
        }
    }

    @Test
    void duplicateNamesAndDuplicateLinksConflict()
    {
        LinkFixtures.linkBidirectional(clusterA, "cluster_b", clusterB, "cluster_a", "clusters");
        assertError(() -> createPending(adminA, "cluster_b", List.of()), 409, "Cluster link \"cluster_b\" already exists");
        // The same two clusters again, under new names
        String token = pendingToken(adminA, "again", List.of());
        assertError(() -> createWithToken(adminB, "again", "bidirectional", token, List.of()), 409, "A cluster link already exists between these clusters");
        assertThat(linkNames(adminB)).containsExactly("cluster_a");
    }

    @Test
    void tokensOfTheWrongTypeAreRefused()
    {
        String clientToken = TrustTokens.encode(adminA.post("/1.0/auth/identities/tls", Map.of("name", "laptop", "token", true)).metadataAs(CertificateAddToken.class));
        assertError(() -> createWithToken(adminB, "cluster_a", "bidirectional", clientToken, List.of()), 403, "Invalid trust token");
        assertError(() -> createWithToken(adminB, "cluster_a", "unidirectional", clientToken, List.of()), 403, "Invalid trust token");
        assertThat(linkNames(adminB)).isEmpty();

        // A bidirectional link token cannot make a user's certificate trusted
        String linkToken = pendingToken(adminA, "cluster_b", List.of());
        CertificateAndKey user = TestDaemon.newClientCertificate("user");
        try (JxdClient stranger = clusterA.httpsClient(user)) {
            assertError(() -> stranger.post("/1.0/auth/identities/tls", Map.of("trust_token", linkToken)), 403, "Invalid trust token");
            assertError(() -> stranger.post("/1.0/certificates", Map.of("trust_token", linkToken, "type", "client")), 403, "Invalid trust token");
        }
        assertThat(identities(adminA)).contains("cluster_b: Cluster link certificate (pending)");
    }

    @Test
    void untrustedCallersOnlyReachActivation()
    {
        try (JxdClient stranger = clusterA.httpsClient(null)) {
            assertError(() -> createPending(stranger, "cluster_b", List.of()), 403, "Forbidden");
            assertError(() -> stranger.post(LINKS, Map.of("type", "bidirectional")), 403, "Trust token required");
            assertError(() -> stranger.post(LINKS, Map.of("type", "bidirectional", "trust_token", "garbage", "config", Map.of("volatile.addresses", "127.0.0.1:1"))),
                    403, "Invalid trust token");
        }
    }

    @Test
    void repeatedBadActivationsAreRateLimited()
    {
        adminA.patch("/1.0", Map.of("config", Map.of("core.trust_failure_limit", "3")), null);
        Map<String, Object> activation = Map.of("type", "bidirectional", "trust_token", pendingToken(adminA, "cluster_b", List.of()) + "x",
                "cluster_certificate", clusterB.serverCertificatePem(), "config", Map.of("volatile.addresses", clusterB.address()));
        try (JxdClient stranger = clusterA.httpsClient(null)) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertError(() -> stranger.post(LINKS, activation), 403, "Invalid trust token");
            }
            assertError(() -> stranger.post(LINKS, activation), 429, "Too many failed trust token attempts; try again later");
        }
        assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate (pending)");
    }

    @Test
    void publicLinkPinsTheConfirmedCertificate()
    {
        ApiResponse pending = adminA.post(LINKS, Map.of("name", "lxd_b", "type", "public", "remote_address", clusterB.address()));
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.metadata().get("fingerprint").asString()).isEqualTo(clusterB.serverFingerprint());
        String certificate = pending.metadata().get("certificate").asString();
        assertThat(link(adminA, "lxd_b").get("config").has("volatile.addresses")).isFalse();

        String other = TestDaemon.newClientCertificate("other").certificatePem();
        assertError(() -> adminA.post(LINKS, Map.of("name", "lxd_b", "type", "public", "remote_address", clusterB.address(), "cluster_certificate", other)), 400,
                "Certificate does not match the certificate returned when the pending cluster link was created");

        adminA.post(LINKS, Map.of("name", "lxd_b", "type", "public", "remote_address", clusterB.address(), "cluster_certificate", certificate));
        JsonNode confirmed = link(adminA, "lxd_b").get("config");
        assertThat(confirmed.get("volatile.addresses").asString()).isEqualTo(clusterB.address());
        assertThat(confirmed.has("volatile.pending_certificate")).isFalse();
        assertError(() -> adminA.post(LINKS, Map.of("name", "lxd_b", "type", "public", "remote_address", clusterB.address(), "cluster_certificate", certificate)), 409,
                "Cluster link \"lxd_b\" has already been confirmed");
        // Public links call anonymously: the best they can be is Unauthenticated
        assertThat(memberStatuses(adminA, "lxd_b")).containsExactly(clusterB.address() + " Unauthenticated");
        assertThat(identities(adminB)).isEmpty();
    }

    @Test
    void requestClassificationErrors()
    {
        assertError(() -> adminA.post(LINKS, Map.of("name", "x")), 400, "Invalid cluster link type \"\"");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "sideways")), 400, "Invalid cluster link type \"sideways\"");
        assertError(() -> adminA.post(LINKS, Map.of("type", "public", "remote_address", "x")), 400, "Public cluster links require a name");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "public", "trust_token", "t", "remote_address", "x")), 400, "Trust token cannot be set for public cluster links");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "public", "auth_groups", List.of("g"), "remote_address", "x")), 400, "Auth groups cannot be set for public cluster links");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "public")), 400, "Public cluster links require remote_address");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "bidirectional", "remote_address", "x")), 400, "Remote address can only be set for public cluster links");
        assertError(() -> adminA.post(LINKS, Map.of("type", "bidirectional")), 403, "Trust token required");
        assertError(() -> adminA.post(LINKS, Map.of("type", "bidirectional", "trust_token", "t")), 400, ClusterLinkCreation.INVALID_REQUEST);
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "bidirectional", "config", Map.of("volatile.addresses", "127.0.0.1:1"))), 400,
                "Volatile configuration keys cannot be set");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "bidirectional", "config", Map.of("color", "blue"))), 400,
                "Invalid cluster link configuration key \"color\"");
        assertError(() -> adminA.post(LINKS, Map.of("name", "x", "type", "bidirectional", "auth_groups", List.of("missing"))), 404,
                "One or more groups were not found: \"missing\"");
        for (String name : List.of("../evil", "link..bad", "a/b", "link?param=1", "link&other", "link+plus", "lïnk")) {
            assertThat(apiError(() -> createPending(adminA, name, List.of())).statusCode()).as(name).isEqualTo(400);
        }
        assertThat(linkNames(adminA)).isEmpty();
        assertThat(identities(adminA)).isEmpty();
    }

    /** {@code caller}, presenting its network certificate to {@code callee}, is trusted and limited to the group "clusters" there. */
    private static void assertCallsAllowedByGroup(TestDaemon caller, TestDaemon callee)
    {
        try (JxdClient client = JxdClient.https(callee.url(), callee.serverCertificatePem(), caller.networkCertificate())) {
            assertThat(client.get("/1.0").metadata().get("auth").asString()).isEqualTo("trusted");
            assertThat(client.get("/1.0/projects/default").status()).isEqualTo(200);
            assertError(() -> client.post("/1.0/auth/groups", Map.of("name", "intruders")), 403, "Forbidden");
        }
    }

    private static int attempt(Callable<ApiResponse> call)
    {
        try {
            return call.call().status();
        }
        catch (ApiException exception) {
            return exception.statusCode();
        }
        catch (Exception exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static ApiException apiError(ThrowingCallable call)
    {
        try {
            call.call();
        }
        catch (ApiException exception) {
            return exception;
        }
        catch (Throwable throwable) {
            throw new AssertionError("Expected an API error, got " + throwable, throwable);
        }
        throw new AssertionError("Expected an API error, got success");
    }
}
