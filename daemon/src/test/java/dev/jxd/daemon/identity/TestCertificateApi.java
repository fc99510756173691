package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.json.Json;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.jxd.daemon.identity.IdentityFixtures.assertError;
import static dev.jxd.daemon.identity.IdentityFixtures.assertStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.authStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.createGroup;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The legacy certificates API with restricted certificates (spec §2.7.5): creation, what a restricted
 * certificate may do over HTTPS, edits with ETags, removal, and what happens when a project goes.
 */
class TestCertificateApi
{
    private static final String RESTRICTED = "Certificate is restricted";

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @BeforeEach
    void createFixtures()
    {
        admin.post("/1.0/projects", Map.of("name", "web"));
        admin.post("/1.0/projects", Map.of("name", "secret"));
    }

    /** One request of a restricted certificate and LXD's answer to it. */
    private record Expected(String method, String path, Object body, int status, String error)
    {
        static Expected allowed(String method, String path, Object body)
        {
            return new Expected(method, path, body, 200, "");
        }

        static Expected denied(String method, String path, Object body, String error)
        {
            return new Expected(method, path, body, 403, error);
        }
    }

    @Test
    void restrictedCertificateIsAuthorizedByItsProjects()
    {
        CertificateAndKey other = add("other", Map.of());
        CertificateAndKey restricted = add("ci", Map.of("restricted", true, "projects", List.of("web", "default")));
        JxdClient client = server.httpsClient(restricted);
        String self = restricted.fingerprint();

        List<Expected> table = List.of(
                Expected.allowed("GET", "/1.0", null),
                Expected.allowed("GET", "/1.0/projects/web", null),
                Expected.allowed("GET", "/1.0/projects/default", null),
                Expected.denied("GET", "/1.0/projects/secret", null, RESTRICTED),
                Expected.denied("PUT", "/1.0/projects/web", Map.of("description", "mine"), RESTRICTED),
                Expected.denied("DELETE", "/1.0/projects/web", null, RESTRICTED),
                Expected.denied("POST", "/1.0/projects", Map.of("name", "new"), RESTRICTED),
                Expected.allowed("GET", "/1.0/metrics", null),
                Expected.denied("GET", "/1.0/operations", null, RESTRICTED),
                Expected.denied("GET", "/1.0/auth/groups/admins", null, RESTRICTED),
                Expected.denied("POST", "/1.0/auth/groups", Map.of("name", "mine"), RESTRICTED),
                Expected.denied("GET", "/1.0/auth/permissions", null, RESTRICTED),
                Expected.denied("GET", "/1.0/cluster/links/peer", null, RESTRICTED),
                Expected.denied("PATCH", "/1.0", Map.of("config", Map.of("user.x", "y")), RESTRICTED),
                Expected.allowed("GET", "/1.0/auth/identities/tls/" + self, null),
                Expected.denied("GET", "/1.0/auth/identities/tls/" + other.fingerprint(), null, RESTRICTED),
                Expected.allowed("GET", "/1.0/certificates/" + self, null),
                Expected.denied("GET", "/1.0/certificates/" + other.fingerprint(), null, RESTRICTED),
                Expected.denied("DELETE", "/1.0/certificates/" + other.fingerprint(), null, RESTRICTED),
                Expected.denied("PATCH", "/1.0/certificates/" + self, Map.of("projects", List.of("secret")), "Only the certificate can be changed"),
                Expected.denied("POST", "/1.0/certificates", Map.of("name", "more", "token", true), RESTRICTED),
                new Expected("GET", "/1.0/projects?recursion=1&with-access-entitlements=can_view", null, 400,
                        "Cannot report entitlements for identities that do not use fine-grained authorization"));
        List<String> mismatches = new ArrayList<>();
        for (Expected expected : table) {
            byte[] body = expected.body() == null ? null : Json.writeBytes(expected.body());
            RawResponse response = client.rawRequest(expected.method(), expected.path(), body, "application/json", Map.of());
            // Successful answers need not be JSON (metrics are text); refusals always are
            String error = response.status() == 200 ? "" : Json.lenient().readTree(response.body()).get("error").asString();
            if (response.status() != expected.status() || !error.equals(expected.error())) {
                mismatches.add(expected.method() + " " + expected.path() + " → " + response.status() + " \"" + error + "\"");
            }
        }
        assertThat(mismatches).isEmpty();

        // Lists show only what it may view
        assertThat(client.get("/1.0/projects").metadata().toString()).isEqualTo("[\"/1.0/projects/default\",\"/1.0/projects/web\"]");
        assertThat(client.get("/1.0/certificates").metadata().toString()).isEqualTo("[\"/1.0/certificates/" + self + "\"]");
        assertThat(client.get("/1.0/auth/identities").metadata().toString()).isEqualTo("[\"/1.0/auth/identities/tls/" + self + "\"]");
        assertThat(client.get("/1.0/auth/groups").metadata().size()).isZero();
        JsonNode current = client.get("/1.0/auth/identities/current").metadata();
        assertThat(current.get("type").asString()).isEqualTo("Client certificate (restricted)");
        assertThat(current.get("fine_grained").asBoolean()).isFalse();
        // Nothing above changed anything
        assertThat(admin.get("/1.0/certificates/" + self).metadata().get("projects").toString()).isEqualTo("[\"default\",\"web\"]");
    }

    @Test
    void createdCertificatesGetTheirLegacyTypes()
    {
        CertificateAndKey plain = add("plain", Map.of());
        CertificateAndKey restricted = add("restricted", Map.of("restricted", true, "projects", List.of("web")));
        CertificateAndKey metrics = add("metrics", Map.of("type", "metrics"));
        CertificateAndKey restrictedMetrics = add("restricted-metrics", Map.of("type", "metrics", "restricted", true, "projects", List.of("web")));
        assertThat(identityType(plain)).isEqualTo("Client certificate");
        assertThat(identityType(restricted)).isEqualTo("Client certificate (restricted)");
        assertThat(identityType(metrics)).isEqualTo("Metrics certificate (unrestricted)");
        assertThat(identityType(restrictedMetrics)).isEqualTo("Metrics certificate (restricted)");

        JsonNode listed = admin.get("/1.0/certificates?recursion=1").metadata();
        Map<String, String> shown = new HashMap<>();
        listed.forEach(certificate -> shown.put(certificate.get("name").asString(),
                certificate.get("type").asString() + " " + certificate.get("restricted").asBoolean() + " " + certificate.get("projects")));
        assertThat(shown).containsExactlyInAnyOrderEntriesOf(Map.of(
                "plain", "client false []",
                "restricted", "client true [\"web\"]",
                "metrics", "metrics false []",
                "restricted-metrics", "metrics true [\"web\"]"));

        // An unrestricted metrics certificate reads metrics and nothing else
        JxdClient scraper = server.httpsClient(metrics);
        assertThat(scraper.rawRequest("GET", "/1.0/metrics", null, "application/json", Map.of()).status()).isEqualTo(200);
        assertError(() -> scraper.get("/1.0/projects/default"), 403, RESTRICTED);
    }

    @Test
    void badCreationsAreRefusedAndCreateNothing()
    {
        CertificateAndKey certificate = TestDaemon.newClientCertificate("bad");
        String pem = certificate.certificatePem();
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", pem, "type", "server")), 400, "Unsupported certificate type \"server\"");
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", pem, "restricted", true, "projects", List.of("nope"))), 400,
                "One or more projects were not found: \"nope\"");
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", pem, "projects", List.of("web"))), 400,
                "Projects can only be set for restricted certificates");
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", pem, "name", "a/b")), 400,
                "Invalid certificate name \"a/b\", name must not start with a hyphen or contain forward slashes");
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", pem, "name", "bell\u0007")), 400,
                "Identity name cannot contain control characters");
        assertError(() -> admin.post("/1.0/certificates", Map.of("token", true, "name", "..")), 400, "Identity name cannot be \".\" or \"..\"");
        assertThat(admin.get("/1.0/certificates").metadata().size()).isZero();
        assertThat(admin.get("/1.0/auth/identities").metadata().toString()).doesNotContain("bell", "..");
        assertThat(authStatus(server, certificate)).isEqualTo("untrusted");
    }

    @Test
    void aCertificateAddedWithoutANameIsNamedAfterAValidCommonNameOnly()
    {
        CertificateAndKey plain = TestDaemon.newClientCertificate("laptop");
        CertificateAndKey slashed = TestDaemon.newClientCertificate("ops/laptop");
        admin.post("/1.0/certificates", Map.of("certificate", plain.certificatePem()));
        admin.post("/1.0/certificates", Map.of("certificate", slashed.certificatePem()));
        assertThat(admin.get("/1.0/certificates/" + plain.fingerprint()).metadata().get("name").asString()).isEqualTo("laptop");
        // A common name that is no valid name gives way to the start of the fingerprint
        assertThat(admin.get("/1.0/certificates/" + slashed.fingerprint()).metadata().get("name").asString()).isEqualTo(slashed.fingerprint().substring(0, 12));
    }

    @Test
    void editsChangeNameRestrictionAndProjectsUnderAnEtag()
    {
        createGroup(server, "viewers", "can_view_identities");
        CertificateAndKey alice = add("alice", Map.of());
        admin.put("/1.0/auth/identities/tls/" + alice.fingerprint(), Map.of("groups", List.of("viewers")), null);
        String path = "/1.0/certificates/" + alice.fingerprint();
        ApiResponse shown = admin.get(path);
        assertThat(shown.etag()).isNotEmpty();

        Map<String, Object> restrict = Map.of("name", "alice-ci", "type", "client", "restricted", true, "projects", List.of("web"));
        assertStatus(() -> admin.put(path, restrict, "\"0000\""), 412);
        assertThat(admin.put(path, restrict, shown.etag()).status()).isEqualTo(200);
        JsonNode edited = admin.get(path).metadata();
        assertThat(edited.get("name").asString()).isEqualTo("alice-ci");
        assertThat(edited.get("restricted").asBoolean()).isTrue();
        assertThat(edited.get("projects").toString()).isEqualTo("[\"web\"]");
        JsonNode identity = admin.get("/1.0/auth/identities/tls/" + alice.fingerprint()).metadata();
        assertThat(identity.get("type").asString()).isEqualTo("Client certificate (restricted)");
        // Groups do not apply to a restricted certificate, so it leaves them
        assertThat(identity.get("groups").size()).isZero();
        // The stale ETag no longer matches
        assertStatus(() -> admin.put(path, restrict, shown.etag()), 412);

        JxdClient client = server.httpsClient(alice);
        assertThat(client.get("/1.0/projects").metadata().toString()).isEqualTo("[\"/1.0/projects/web\"]");
        admin.patch(path, Map.of("projects", List.of("default")), null);
        assertThat(client.get("/1.0/projects").metadata().toString()).isEqualTo("[\"/1.0/projects/default\"]");
        assertThat(admin.get(path).metadata().get("restricted").asBoolean()).isTrue();

        // Lifting the restriction makes an ordinary client certificate again, without projects
        admin.patch(path, Map.of("restricted", false), null);
        JsonNode lifted = admin.get(path).metadata();
        assertThat(lifted.get("restricted").asBoolean()).isFalse();
        assertThat(lifted.get("projects").size()).isZero();
        assertThat(identityType(alice)).isEqualTo("Client certificate");
        assertThat(client.get("/1.0/projects").metadata().size()).isZero();

        // lxc config trust edit sends every field of LXD 5.0's CertificatePut, empty ones included
        Map<String, Object> lxcBody = new HashMap<>();
        lxcBody.put("name", "alice-metrics");
        lxcBody.put("type", "metrics");
        lxcBody.put("restricted", false);
        lxcBody.put("projects", null);
        lxcBody.put("certificate", "");
        admin.put(path, lxcBody, null);
        assertThat(identityType(alice)).isEqualTo("Metrics certificate (unrestricted)");
        assertThat(admin.get(path).metadata().get("name").asString()).isEqualTo("alice-metrics");
    }

    @Test
    void badEditsAreRefusedAndChangeNothing()
    {
        CertificateAndKey bob = add("bob", Map.of("restricted", true, "projects", List.of("web")));
        String path = "/1.0/certificates/" + bob.fingerprint();
        String etag = admin.get(path).etag();

        assertError(() -> admin.put(path, Map.of("name", "bob", "restricted", true, "projects", List.of("web", "nope")), null), 400,
                "One or more projects were not found: \"nope\"");
        assertError(() -> admin.patch(path, Map.of("type", "admin"), null), 400, "Unsupported certificate type \"admin\"");
        assertError(() -> admin.patch(path, Map.of("restricted", false, "projects", List.of("web")), null), 400,
                "Projects can only be set for restricted certificates");
        assertError(() -> admin.patch(path, Map.of("name", "-bob"), null), 400,
                "Invalid certificate name \"-bob\", name must not start with a hyphen or contain forward slashes");
        assertError(() -> admin.put(path, Map.of("restricted", true, "projects", List.of("web")), null), 400, "Certificate name must be provided");
        assertError(() -> admin.patch(path, Map.of("groups", List.of("admins")), null), 400, "Failed decoding request body: unknown field \"groups\"");
        assertStatus(() -> admin.patch(path, Map.of("certificate", "not a certificate"), null), 400);
        assertThat(admin.get(path).etag()).isEqualTo(etag);
        assertThat(identityType(bob)).isEqualTo("Client certificate (restricted)");
    }

    @Test
    void aCertificateWithoutCanEditMayOnlyReplaceItsCertificate()
    {
        CertificateAndKey old = add("rotating", Map.of("restricted", true, "projects", List.of("web")));
        JxdClient client = server.httpsClient(old);
        String path = "/1.0/certificates/" + old.fingerprint();
        assertError(() -> client.put(path, Map.of("name", "rotating", "restricted", false), null), 403, "Only the certificate can be changed");
        assertError(() -> client.patch(path, Map.of("name", "renamed"), null), 403, "Only the certificate can be changed");

        CertificateAndKey replacement = TestDaemon.newClientCertificate("rotating");
        assertThat(client.patch(path, Map.of("certificate", replacement.certificatePem()), null).status()).isEqualTo(200);
        assertThat(authStatus(server, old)).isEqualTo("untrusted");
        assertThat(authStatus(server, replacement)).isEqualTo("trusted");
        JsonNode rotated = admin.get("/1.0/certificates/" + replacement.fingerprint()).metadata();
        assertThat(rotated.get("projects").toString()).isEqualTo("[\"web\"]");
        assertThat(rotated.get("restricted").asBoolean()).isTrue();
    }

    @Test
    void certificatesAreFoundByAPrefixOfTheirFingerprint()
    {
        CertificateAndKey carol = add("carol", Map.of());
        String prefix = carol.fingerprint().substring(0, 12);
        assertThat(admin.get("/1.0/certificates/" + prefix).metadata().get("fingerprint").asString()).isEqualTo(carol.fingerprint());
        admin.patch("/1.0/certificates/" + prefix, Map.of("name", "caroline"), null);
        assertThat(admin.get("/1.0/certificates/" + carol.fingerprint()).metadata().get("name").asString()).isEqualTo("caroline");
        assertError(() -> admin.get("/1.0/certificates/0123"), 404, "Not Found");
        admin.delete("/1.0/certificates/" + prefix);
        assertThat(authStatus(server, carol)).isEqualTo("untrusted");
    }

    @Test
    void aRestrictedCertificateMayRemoveItself()
    {
        CertificateAndKey restricted = add("leaving", Map.of("restricted", true, "projects", List.of("web")));
        assertThat(server.httpsClient(restricted).delete("/1.0/certificates/" + restricted.fingerprint()).status()).isEqualTo(200);
        assertThat(authStatus(server, restricted)).isEqualTo("untrusted");
        assertThat(admin.get("/1.0/auth/identities").metadata().size()).isZero();
    }

    @Test
    void deletingAProjectTakesItOffRestrictedCertificatesAndRenamingOneKeepsIt()
    {
        CertificateAndKey restricted = add("dave", Map.of("restricted", true, "projects", List.of("web", "secret")));
        String path = "/1.0/certificates/" + restricted.fingerprint();
        admin.delete("/1.0/projects/web");
        assertThat(admin.get(path).metadata().get("projects").toString()).isEqualTo("[\"secret\"]");
        long rows = server.daemon().store().read(connection -> Sql.queryLong(connection, "SELECT COUNT(*) FROM identities_projects"));
        assertThat(rows).isEqualTo(1);
        // A new project of the same name is not the certificate's
        admin.post("/1.0/projects", Map.of("name", "web"));
        JxdClient client = server.httpsClient(restricted);
        assertError(() -> client.get("/1.0/projects/web"), 403, RESTRICTED);

        admin.post("/1.0/projects/secret", Map.of("name", "vault"));
        assertThat(admin.get(path).metadata().get("projects").toString()).isEqualTo("[\"vault\"]");
        assertThat(client.get("/1.0/projects/vault").status()).isEqualTo(200);
    }

    /** Trusts a new certificate through {@code POST /1.0/certificates} with LXD's base64 DER encoding. */
    private CertificateAndKey add(String name, Map<String, Object> fields)
    {
        CertificateAndKey certificate = TestDaemon.newClientCertificate(name);
        Map<String, Object> body = new HashMap<>(fields);
        body.put("name", name);
        body.put("certificate", base64Der(certificate));
        assertThat(admin.post("/1.0/certificates", body).location()).isEqualTo("/1.0/certificates/" + certificate.fingerprint());
        return certificate;
    }

    private String identityType(CertificateAndKey certificate)
    {
        return admin.get("/1.0/auth/identities/tls/" + certificate.fingerprint()).metadata().get("type").asString();
    }

    private static String base64Der(CertificateAndKey certificate)
    {
        try {
            return Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
        }
        catch (CertificateEncodingException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
