package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.GoTime;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.jxd.daemon.identity.IdentityFixtures.assertError;
import static dev.jxd.daemon.identity.IdentityFixtures.authStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.createGroup;
import static dev.jxd.daemon.identity.IdentityFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * LXD's token operation behind {@code lxc config trust add}: issued over the unix socket, read back as
 * {@code lxc} reads it, redeemed over HTTPS, revoked by cancelling it, and ended by expiry.
 */
class TestCertificateTokens
{
    private static final String INVALID_TOKEN = "Invalid trust token";

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @Test
    void tokenOperationCarriesWhatLxcTurnsIntoAToken()
    {
        Instant before = server.clock().instant();
        ApiResponse issued = requestToken(Map.of("name", "laptop", "type", "client", "token", true));
        assertThat(issued.status()).isEqualTo(202);
        assertThat(issued.isAsync()).isTrue();
        assertThat(issued.location()).isEqualTo(issued.operationUrl()).matches("/1\\.0/operations/[0-9a-f-]{36}");

        JsonNode operation = issued.metadata();
        assertThat(operation.get("class").asString()).isEqualTo("token");
        assertThat(operation.get("description").asString()).isEqualTo("Certificate add token");
        assertThat(operation.get("status").asString()).isEqualTo("Running");
        assertThat(operation.get("may_cancel").asBoolean()).isTrue();
        JsonNode metadata = operation.get("metadata");
        assertThat(metadata.get("secret").asString()).matches("[0-9a-f]{64}");
        assertThat(metadata.get("fingerprint").asString()).isEqualTo(server.serverFingerprint());
        assertThat(metadata.get("addresses").toString()).isEqualTo("[\"" + server.address() + "\"]");
        assertThat(GoTime.parse(metadata.get("expiresAt").asString())).isCloseTo(before.plus(Duration.ofDays(15)), within(Duration.ofMinutes(1)));
        JsonNode request = metadata.get("request");
        assertThat(request.get("name").asString()).isEqualTo("laptop");
        assertThat(request.get("type").asString()).isEqualTo("client");
        assertThat(request.get("restricted").asBoolean()).isFalse();
        assertThat(request.get("projects").toString()).isEqualTo("[]");
        assertThat(request.get("token").asBoolean()).isTrue();

        // lxc config trust list-tokens finds it among the running operations
        assertThat(runningTokenNames()).containsExactly("laptop");
        // The secret lives in memory only: the database keeps its hash, under a pending identity
        JsonNode pending = pendingIdentity("laptop");
        assertThat(pending.get("type").asString()).isEqualTo("Client certificate (pending)");
        String stored = server.daemon().store().read(connection -> IdentityStore.findByIdentifier(connection, AuthenticationMethod.TLS,
                pending.get("id").asString())).orElseThrow().metadata();
        assertThat(stored).doesNotContain(metadata.get("secret").asString()).contains(TrustTokens.hashSecret(metadata.get("secret").asString()));
    }

    @Test
    void redemptionMakesAClientAndCompletesTheOperation()
    {
        ApiResponse issued = requestToken(Map.of("name", "laptop", "type", "client", "token", true));
        CertificateAndKey laptop = TestDaemon.newClientCertificate("laptop");
        ApiResponse redeemed = server.httpsClient(laptop).post("/1.0/certificates", Map.of("type", "client", "password", lxcToken(issued.metadata())));
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.location()).isEqualTo("/1.0/certificates/" + laptop.fingerprint());
        assertThat(authStatus(server, laptop)).isEqualTo("trusted");
        assertThat(admin.get("/1.0/auth/identities/tls/" + laptop.fingerprint()).metadata().get("type").asString()).isEqualTo("Client certificate");

        JsonNode operation = admin.get(issued.operationUrl()).metadata();
        assertThat(operation.get("status").asString()).isEqualTo("Success");
        assertThat(operation.get("may_cancel").asBoolean()).isFalse();
        assertThat(operation.get("metadata").has("secret")).isFalse();
        assertThat(runningTokenNames()).isEmpty();
        // A used token cannot be revoked any more
        assertError(() -> admin.delete(issued.operationUrl()), 400, "This operation can't be cancelled");
    }

    @Test
    void restrictedTokenMakesARestrictedCertificate()
    {
        admin.post("/1.0/projects", Map.of("name", "web"));
        ApiResponse issued = requestToken(Map.of("name", "ci", "type", "client", "token", true, "restricted", true, "projects", List.of("web", "default", "web")));
        JsonNode request = issued.metadata().get("metadata").get("request");
        assertThat(request.get("restricted").asBoolean()).isTrue();
        assertThat(request.get("projects").toString()).isEqualTo("[\"default\",\"web\"]");

        CertificateAndKey ci = TestDaemon.newClientCertificate("ci");
        server.httpsClient(ci).post("/1.0/certificates", Map.of("type", "client", "trust_token", lxcToken(issued.metadata())));
        JsonNode certificate = admin.get("/1.0/certificates/" + ci.fingerprint()).metadata();
        assertThat(certificate.get("restricted").asBoolean()).isTrue();
        assertThat(certificate.get("projects").toString()).isEqualTo("[\"default\",\"web\"]");
        assertThat(certificate.get("name").asString()).isEqualTo("ci");
        assertThat(admin.get("/1.0/auth/identities/tls/" + ci.fingerprint()).metadata().get("type").asString()).isEqualTo("Client certificate (restricted)");
        // Authorized by its projects at once
        JxdClient client = server.httpsClient(ci);
        assertThat(client.get("/1.0/projects").metadata().toString()).isEqualTo("[\"/1.0/projects/default\",\"/1.0/projects/web\"]");
        assertError(() -> client.get("/1.0/auth/groups/admins"), 403, "Certificate is restricted");
    }

    @Test
    void cancellingTheOperationRevokesTheToken()
    {
        ApiResponse issued = requestToken(Map.of("name", "laptop", "type", "client", "token", true));
        String token = lxcToken(issued.metadata());
        String pendingLocation = "/1.0/auth/identities/tls/" + pendingIdentity("laptop").get("id").asString();

        assertThat(admin.delete(issued.operationUrl()).status()).isEqualTo(200);
        JsonNode operation = admin.get(issued.operationUrl()).metadata();
        assertThat(operation.get("status").asString()).isEqualTo("Cancelled");
        assertThat(operation.get("metadata").has("secret")).isFalse();
        IdentityFixtures.assertStatus(() -> admin.get(pendingLocation), 404);
        assertThat(runningTokenNames()).isEmpty();

        CertificateAndKey laptop = TestDaemon.newClientCertificate("laptop");
        assertError(() -> server.httpsClient(laptop).post("/1.0/certificates", Map.of("type", "client", "password", token)), 403, INVALID_TOKEN);
        assertThat(authStatus(server, laptop)).isEqualTo("untrusted");
    }

    @Test
    void expiryEndsTheOperationAndTheToken()
    {
        ApiResponse issued = requestToken(Map.of("name", "late", "type", "client", "token", true));
        String token = lxcToken(issued.metadata());
        server.clock().advance(Duration.ofDays(16));

        JsonNode operation = admin.get(issued.operationUrl()).metadata();
        assertThat(operation.get("status").asString()).isEqualTo("Cancelled");
        assertThat(operation.get("err").asString()).isEqualTo("Token expired");
        assertThat(operation.get("metadata").has("secret")).isFalse();
        assertThat(runningTokenNames()).isEmpty();
        assertError(() -> server.httpsClient(TestDaemon.newClientCertificate("late")).post("/1.0/certificates", Map.of("password", token)), 403, INVALID_TOKEN);
    }

    @Test
    void deletingThePendingIdentityEndsTheOperation()
    {
        ApiResponse issued = requestToken(Map.of("name", "laptop", "type", "client", "token", true));
        admin.delete("/1.0/auth/identities/tls/" + pendingIdentity("laptop").get("id").asString());
        JsonNode operation = admin.get(issued.operationUrl()).metadata();
        assertThat(operation.get("status").asString()).isEqualTo("Cancelled");
        assertThat(operation.get("err").asString()).isEqualTo("Token revoked");
    }

    @Test
    void badRequestsCreateNothing()
    {
        assertError(() -> requestToken(Map.of("name", "m", "type", "metrics", "token", true)), 400, "Tokens can only be issued for client certificates");
        assertError(() -> requestToken(Map.of("name", "x", "type", "server", "token", true)), 400, "Unsupported certificate type \"server\"");
        assertError(() -> requestToken(Map.of("name", "x", "token", true, "restricted", true, "projects", List.of("nope", "default", "gone"))), 400,
                "One or more projects were not found: \"gone\", \"nope\"");
        assertError(() -> requestToken(Map.of("name", "x", "token", true, "projects", List.of("default"))), 400,
                "Projects can only be set for restricted certificates");
        assertError(() -> requestToken(Map.of("name", "-x", "token", true)), 400,
                "Invalid certificate name \"-x\", name must not start with a hyphen or contain forward slashes");
        assertError(() -> requestToken(Map.of("name", "x", "token", true, "certificate", "abc")), 400, "Cannot use certificate if token is requested");
        assertThat(admin.get("/1.0/auth/identities").metadata().size()).isZero();
        assertThat(runningTokenNames()).isEmpty();
    }

    @Test
    void onlyViewersOfOperationsSeeTokensAndOnlyEditorsRevokeThem()
    {
        createGroup(server, "operation-viewers", "can_view_operations");
        createGroup(server, "token-issuers", "can_create_identities");
        ApiResponse issued = requestToken(Map.of("name", "laptop", "token", true));
        JxdClient viewer = server.httpsClient(trustedClient(server, admin, "viewer", List.of("operation-viewers")));
        JxdClient issuer = server.httpsClient(trustedClient(server, admin, "issuer", List.of("token-issuers")));

        assertThat(viewer.get(issued.operationUrl()).metadata().get("metadata").get("secret").asString()).isNotEmpty();
        assertError(() -> viewer.delete(issued.operationUrl()), 403, "Forbidden");
        // May issue tokens, yet not read them back from /1.0/operations
        assertError(() -> issuer.get("/1.0/operations"), 403, "Forbidden");
        ApiResponse own = issuer.post("/1.0/certificates", Map.of("name", "other", "token", true));
        assertThat(own.status()).isEqualTo(202);
        assertThat(runningTokenNames()).containsExactlyInAnyOrder("laptop", "other");
    }

    private ApiResponse requestToken(Map<String, Object> body)
    {
        return admin.post("/1.0/certificates", body);
    }

    /** The names of running certificate add tokens, as {@code lxc config trust list-tokens} finds them. */
    private List<String> runningTokenNames()
    {
        List<String> names = new ArrayList<>();
        JsonNode byStatus = admin.get("/1.0/operations?recursion=1&project=default").metadata();
        for (JsonNode operations : byStatus) {
            for (JsonNode operation : operations) {
                JsonNode request = operation.get("metadata").get("request");
                if (operation.get("class").asString().equals("token") && operation.get("status_code").asInt() == 103 && request != null) {
                    names.add(request.get("name").asString());
                }
            }
        }
        return names;
    }

    private JsonNode pendingIdentity(String name)
    {
        for (JsonNode identity : admin.get("/1.0/auth/identities/tls?recursion=1").metadata()) {
            if (identity.get("name").asString().equals(name) && identity.get("type").asString().endsWith("(pending)")) {
                return identity;
            }
        }
        throw new AssertionError("No pending identity named " + name);
    }

    /** The token {@code lxc config trust add} prints: built from the operation's metadata, without a type. */
    static String lxcToken(JsonNode operation)
    {
        JsonNode metadata = operation.get("metadata");
        List<String> addresses = new ArrayList<>();
        metadata.get("addresses").forEach(address -> addresses.add(address.asString()));
        Instant expiry = metadata.has("expiresAt") ? GoTime.parse(metadata.get("expiresAt").asString()) : CertificateAddToken.NO_EXPIRY;
        return TrustTokens.encode(new CertificateAddToken(metadata.get("request").get("name").asString(), metadata.get("fingerprint").asString(),
                addresses, metadata.get("secret").asString(), expiry, ""));
    }
}
