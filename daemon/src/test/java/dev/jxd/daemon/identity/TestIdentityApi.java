package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.CertificateTemplate;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.event.Event;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.identity.IdentityFixtures.assertError;
import static dev.jxd.daemon.identity.IdentityFixtures.assertStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.authStatus;
import static dev.jxd.daemon.identity.IdentityFixtures.createGroup;
import static dev.jxd.daemon.identity.IdentityFixtures.trustedClient;
import static org.assertj.core.api.Assertions.assertThat;

/** The identities API over the unix socket and over HTTPS with fine-grained callers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestIdentityApi
{
    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @BeforeAll
    void createFixtures()
    {
        createGroup(server, "viewers", "can_view_identities");
        createGroup(server, "editors", "can_view_identities", "can_edit_identities");
        createGroup(server, "creators", "can_create_identities");
        createGroup(server, "blue");
        createGroup(server, "green");
    }

    @Test
    void directCreationShowAndList()
            throws Exception
    {
        CertificateAndKey certificate = TestDaemon.newClientCertificate("direct");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ApiResponse created;
        try (EventSubscription _ = IdentityFixtures.subscribe(admin, events)) {
            created = admin.post("/1.0/auth/identities/tls", Map.of("name", "direct", "certificate", certificate.certificatePem(), "groups", List.of("blue")));
            List<String> names = new ArrayList<>();
            while (!names.contains("authz_admin:identity_create:tls/" + certificate.fingerprint())) {
                Event event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("events so far: %s", names).isNotNull();
                names.add(event.metadata().has("action") ? event.metadata().get("action").asString() + " " + event.metadata().get("source").asString()
                        : event.metadata().get("name").asString());
            }
            assertThat(names).contains(
                    "identity-created /1.0/auth/identities/tls/" + certificate.fingerprint(),
                    "user_created:tls:" + certificate.fingerprint());
        }
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/1.0/auth/identities/tls/" + certificate.fingerprint());
        assertThat(created.metadata().isNull()).isTrue();
        assertThat(authStatus(server, certificate)).isEqualTo("trusted");

        ApiResponse byFingerprint = admin.get("/1.0/auth/identities/tls/" + certificate.fingerprint());
        ApiResponse byName = admin.get("/1.0/auth/identities/tls/direct");
        assertThat(byName.metadata()).isEqualTo(byFingerprint.metadata());
        assertThat(byName.etag()).isNotEmpty().isEqualTo(byFingerprint.etag());
        JsonNode identity = byName.metadata();
        assertThat(identity.get("authentication_method").asString()).isEqualTo("tls");
        assertThat(identity.get("type").asString()).isEqualTo("Client certificate");
        assertThat(identity.get("groups").toString()).isEqualTo("[\"blue\"]");
        assertThat(Instant.parse(identity.get("expires_at").asString())).isEqualTo(certificate.certificate().getNotAfter().toInstant());

        assertThat(admin.get("/1.0/auth/identities").metadata().toString()).contains("/1.0/auth/identities/tls/" + certificate.fingerprint());
        assertThat(admin.get("/1.0/auth/identities/tls?recursion=1").metadata().findValuesAsString("name")).contains("direct");
        assertThat(admin.get("/1.0/auth/identities/bearer").metadata().isEmpty()).isTrue();
        assertError(() -> admin.get("/1.0/auth/identities/kerberos"), 400, "Invalid authentication method \"kerberos\"");
        assertError(() -> admin.get("/1.0/auth/identities/tls/nobody"), 404, "Not Found");
    }

    @Test
    void creationValidatesTheRequestAndTheCertificate()
    {
        Instant now = Instant.now();
        CertificateAndKey expired = Certificates.generate(CertificateTemplate.of("old", true, now.minus(Duration.ofDays(10)), Duration.ofDays(5)));
        CertificateAndKey future = Certificates.generate(CertificateTemplate.of("new", true, now.plus(Duration.ofDays(5)), Duration.ofDays(5)));
        String valid = TestDaemon.newClientCertificate("valid").certificatePem();

        assertError(() -> create("expired", expired.certificatePem()), 400, "The provided certificate is expired");
        assertError(() -> create("future", future.certificatePem()), 400, "The provided certificate is not valid yet");
        assertStatus(() -> create("garbage", "not a certificate"), 400);
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("certificate", valid)), 400, "Identity name must be provided");
        // Names are looked up in paths (tls/<name>) and shown in tables and logs
        assertError(() -> create("a/b", valid), 400, "Identity name cannot contain a forward slash");
        assertError(() -> create("..", valid), 400, "Identity name cannot be \".\" or \"..\"");
        assertError(() -> create("bad\u0001name", valid), 400, "Identity name cannot contain control characters");
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("name", "line\nbreak", "token", true)), 400,
                "Identity name cannot contain control characters");
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("name", "empty")), 400, "Must provide a certificate");
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("name", "both", "token", true, "certificate", valid)), 400,
                "Cannot use certificate if token is requested");
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("name", "x", "certificate", valid, "groups", List.of("blue", "nope", "nada"))), 404,
                "One or more groups were not found: \"nope\", \"nada\"");
        assertError(() -> admin.post("/1.0/auth/identities/tls", Map.of("name", "x", "certificate", valid, "bogus", 1)), 400,
                "Failed decoding request body: unknown field \"bogus\"");

        create("once", valid);
        assertStatus(() -> create("twice", valid), 409);
        assertThat(admin.get("/1.0/auth/identities/tls?recursion=1").metadata().findValuesAsString("name")).doesNotContain("expired", "future", "garbage", "x", "twice", "a/b", "..", "bad\u0001name", "line\nbreak");
    }

    @Test
    void putReplacesGroupsAndPatchAddsThem()
    {
        CertificateAndKey certificate = TestDaemon.newClientCertificate("member");
        create("member", certificate.certificatePem());
        String path = "/1.0/auth/identities/tls/member";

        admin.patch(path, Map.of("groups", List.of("green")), null);
        admin.patch(path, Map.of("groups", List.of("blue")), null);
        assertThat(admin.get(path).metadata().get("groups").toString()).isEqualTo("[\"blue\",\"green\"]");
        admin.patch(path, Map.of(), null);
        assertThat(admin.get(path).metadata().get("groups").size()).isEqualTo(2);

        String etag = admin.get(path).etag();
        admin.put(path, Map.of("groups", List.of("green")), etag);
        assertThat(admin.get(path).metadata().get("groups").toString()).isEqualTo("[\"green\"]");

        assertStatus(() -> admin.put(path, Map.of("groups", List.of()), etag), 412);
        assertError(() -> admin.put(path, Map.of("groups", List.of("missing")), null), 404, "One or more groups were not found: \"missing\"");
        assertThat(admin.get(path).metadata().get("groups").toString()).isEqualTo("[\"green\"]");

        admin.put(path, Map.of("groups", List.of()), null);
        assertThat(admin.get(path).metadata().get("groups").isEmpty()).isTrue();
    }

    @Test
    void currentIdentityIsOnlyAvailableOverHttps()
    {
        CertificateAndKey certificate = trustedClient(server, admin, "current", List.of("viewers"));
        JsonNode current = server.httpsClient(certificate).get("/1.0/auth/identities/current").metadata();
        assertThat(current.get("id").asString()).isEqualTo(certificate.fingerprint());
        assertThat(current.get("name").asString()).isEqualTo("current");
        assertThat(current.get("groups").toString()).isEqualTo("[\"viewers\"]");
        assertThat(current.get("effective_groups").toString()).isEqualTo("[\"viewers\"]");
        assertThat(current.get("effective_permissions").toString()).contains("can_view_identities");
        assertThat(current.get("fine_grained").asBoolean()).isTrue();

        assertError(() -> admin.get("/1.0/auth/identities/current"), 400, "Current identity information must be requested via the HTTPS API");
    }

    @Test
    void fineGrainedCallersSeeWhatTheyMayView()
    {
        CertificateAndKey loner = trustedClient(server, admin, "loner", List.of());
        CertificateAndKey viewer = trustedClient(server, admin, "viewer", List.of("viewers"));

        JsonNode own = server.httpsClient(loner).get("/1.0/auth/identities?recursion=1").metadata();
        assertThat(own.findValuesAsString("id")).containsExactly(loner.fingerprint());
        assertError(() -> server.httpsClient(loner).get("/1.0/auth/identities/tls/viewer"), 404, "Not Found");

        JxdClient viewerClient = server.httpsClient(viewer);
        assertThat(viewerClient.get("/1.0/auth/identities?recursion=1").metadata().findValuesAsString("id")).contains(loner.fingerprint(), viewer.fingerprint());
        // Groups are filtered to those the caller can view: its own, not others'
        assertThat(viewerClient.get("/1.0/auth/identities/tls/viewer").metadata().get("groups").toString()).isEqualTo("[\"viewers\"]");
        JsonNode withEntitlements = viewerClient.get("/1.0/auth/identities/tls/loner?with-access-entitlements=can_view,can_edit").metadata();
        assertThat(withEntitlements.get("access_entitlements").toString()).isEqualTo("[\"can_view\"]");
        assertError(() -> viewerClient.put("/1.0/auth/identities/tls/loner", Map.of("groups", List.of()), null), 403, "Forbidden");
        assertError(() -> viewerClient.delete("/1.0/auth/identities/tls/loner"), 403, "Forbidden");
        assertError(() -> server.httpsClient(loner).put("/1.0/auth/identities/tls/viewer", Map.of("groups", List.of()), null), 404, "Not Found");
    }

    @Test
    void editorMustSeeEveryGroupOfTheIdentity()
    {
        CertificateAndKey editor = trustedClient(server, admin, "editor", List.of("editors"));
        trustedClient(server, admin, "in-blue", List.of("blue"));
        trustedClient(server, admin, "in-editors", List.of("editors"));
        JxdClient editorClient = server.httpsClient(editor);

        assertError(() -> editorClient.put("/1.0/auth/identities/tls/in-blue", Map.of("groups", List.of()), null), 403, "Forbidden");
        editorClient.put("/1.0/auth/identities/tls/in-editors", Map.of("groups", List.of()), null);
        assertThat(admin.get("/1.0/auth/identities/tls/in-editors").metadata().get("groups").isEmpty()).isTrue();
    }

    @Test
    void identityMayRotateItsOwnCertificateOnly()
    {
        CertificateAndKey original = trustedClient(server, admin, "rotator", List.of("blue"));
        CertificateAndKey replacement = TestDaemon.newClientCertificate("rotator");
        JxdClient self = server.httpsClient(original);
        String path = "/1.0/auth/identities/tls/rotator";

        assertError(() -> self.patch(path, Map.of("groups", List.of("green")), null), 403, "Only the certificate may be changed");
        assertError(() -> self.put(path, Map.of("groups", List.of()), null), 403, "Only the certificate may be changed");
        self.put(path, Map.of("groups", List.of("blue")), null);

        self.put(path, Map.of("groups", List.of("blue"), "tls_certificate", replacement.certificatePem()), null);
        assertThat(authStatus(server, original)).isEqualTo("untrusted");
        assertThat(authStatus(server, replacement)).isEqualTo("trusted");
        JsonNode rotated = admin.get(path).metadata();
        assertThat(rotated.get("id").asString()).isEqualTo(replacement.fingerprint());
        assertThat(rotated.get("groups").toString()).isEqualTo("[\"blue\"]");
    }

    @Test
    void identityMayDeleteItself()
    {
        CertificateAndKey leaver = trustedClient(server, admin, "leaver", List.of());
        server.httpsClient(leaver).delete("/1.0/auth/identities/tls/" + leaver.fingerprint());
        assertThat(authStatus(server, leaver)).isEqualTo("untrusted");
        assertStatus(() -> admin.get("/1.0/auth/identities/tls/leaver"), 404);
    }

    @Test
    void adminDeletesIdentities()
    {
        CertificateAndKey certificate = trustedClient(server, admin, "removed", List.of("blue"));
        admin.delete("/1.0/auth/identities/tls/removed");
        assertThat(authStatus(server, certificate)).isEqualTo("untrusted");
        assertError(() -> admin.delete("/1.0/auth/identities/tls/removed"), 404, "Not Found");
    }

    @Test
    void legacyCertificateTypesCannotBeModifiedHere()
    {
        CertificateAndKey legacy = TestDaemon.newClientCertificate("legacy");
        IdentityFixtures.insertTlsIdentity(server, IdentityType.CLIENT_CERTIFICATE_UNRESTRICTED, "legacy", legacy);
        String path = "/1.0/auth/identities/tls/legacy";
        assertThat(admin.get(path).metadata().get("type").asString()).isEqualTo("Client certificate (unrestricted)");
        assertError(() -> admin.put(path, Map.of("groups", List.of()), null), 501, "Identities of type \"Client certificate (unrestricted)\" cannot be modified via this API");
        assertError(() -> admin.delete(path), 501, "Identities of type \"Client certificate (unrestricted)\" cannot be modified via this API");
        assertThat(server.httpsClient(legacy).get("/1.0/auth/identities/current").metadata().get("fine_grained").asBoolean()).isFalse();
    }

    @Test
    void pendingIdentityGroupsCanBeEditedButNotItsCertificate()
    {
        String location = IdentityFixtures.issueToken(admin, "pending", List.of("blue")).location();
        admin.put(location, Map.of("groups", List.of("green")), null);
        assertThat(admin.get(location).metadata().get("groups").toString()).isEqualTo("[\"green\"]");
        assertError(() -> admin.patch(location, Map.of("tls_certificate", TestDaemon.newClientCertificate("p").certificatePem()), null), 400,
                "Cannot update certificate for identities of type \"Client certificate (pending)\"");
    }

    @Test
    void nameSharedByIdentitiesMustBeDisambiguated()
    {
        CertificateAndKey first = TestDaemon.newClientCertificate("twin");
        create("twin", first.certificatePem());
        create("twin", TestDaemon.newClientCertificate("twin").certificatePem());
        assertError(() -> admin.get("/1.0/auth/identities/tls/twin"), 400, "More than one identity found with name \"twin\"");
        assertThat(admin.get("/1.0/auth/identities/tls/" + first.fingerprint()).status()).isEqualTo(200);
    }

    @Test
    void fineGrainedCallerNeedsPermissionToCreate()
    {
        CertificateAndKey plain = trustedClient(server, admin, "plain", List.of());
        CertificateAndKey creator = trustedClient(server, admin, "creator", List.of("creators"));
        String pem = TestDaemon.newClientCertificate("made").certificatePem();
        assertError(() -> server.httpsClient(plain).post("/1.0/auth/identities/tls", Map.of("name", "made", "certificate", pem)), 403, "Forbidden");
        assertThat(server.httpsClient(creator).post("/1.0/auth/identities/tls", Map.of("name", "made", "certificate", pem)).status()).isEqualTo(201);
    }

    @Test
    void legacyCertificatesApiForTrustedCallers()
    {
        CertificateAndKey added = TestDaemon.newClientCertificate("added");
        String base64Der = Base64.getEncoder().encodeToString(encoded(added));
        ApiResponse response = admin.post("/1.0/certificates", Map.of("type", "client", "certificate", base64Der, "name", "added"));
        assertThat(response.location()).isEqualTo("/1.0/certificates/" + added.fingerprint());
        JsonNode certificate = admin.get("/1.0/certificates/" + added.fingerprint()).metadata();
        assertThat(certificate.get("name").asString()).isEqualTo("added");
        assertThat(admin.get("/1.0/auth/identities/tls/added").metadata().get("type").asString()).isEqualTo("Client certificate");
        assertThat(admin.get("/1.0/certificates").metadata().toString()).contains("/1.0/certificates/" + added.fingerprint());

        // Restricted certificates are covered by TestCertificateApi; the input is checked before the trust store
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", base64Der, "restricted", true, "projects", List.of("nope"))), 400,
                "One or more projects were not found: \"nope\"");
        assertError(() -> admin.post("/1.0/certificates", Map.of("certificate", base64Der)), 409, "Certificate already in trust store");
        admin.delete("/1.0/certificates/" + added.fingerprint());
        assertError(() -> admin.get("/1.0/certificates/" + added.fingerprint()), 404, "Not Found");
    }

    private ApiResponse create(String name, String certificatePem)
    {
        return admin.post("/1.0/auth/identities/tls", Map.of("name", name, "certificate", certificatePem));
    }

    private static byte[] encoded(CertificateAndKey certificate)
    {
        try {
            return certificate.certificate().getEncoded();
        }
        catch (CertificateEncodingException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
