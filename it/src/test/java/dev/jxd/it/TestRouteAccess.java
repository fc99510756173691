package dev.jxd.it;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the routing table, called once by an untrusted client and once by a trusted identity
 * that holds no permission. The list comes from the table itself, so a new route is covered the day it
 * is added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestRouteAccess
{
    private TestDaemon server;
    private JxdClient untrusted;
    private JxdClient powerless;

    @BeforeAll
    void start()
    {
        server = TestDaemon.start();
        CertificateAndKey certificate = TestDaemon.newClientCertificate("powerless");
        server.unixClient().post("/1.0/auth/identities/tls", Map.of("name", "powerless", "certificate", certificate.certificatePem()));
        // Another identity for the per-identity routes: every identity may view and delete itself
        server.unixClient().post("/1.0/auth/identities/tls", Map.of("name", "victim", "certificate", TestDaemon.newClientCertificate("victim").certificatePem()));
        untrusted = server.httpsClient(TestDaemon.newClientCertificate("stranger"));
        powerless = server.httpsClient(certificate);
        assertThat(powerless.get("/1.0").metadata().get("auth").asString()).isEqualTo("trusted");
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteRefusesCallersWithoutPermission()
    {
        List<Route> routes = server.daemon().routes().routes();
        assertThat(routes).hasSizeGreaterThan(20);
        return routes.stream().map(route -> DynamicTest.dynamicTest(route.toString(), () -> {
            String path = concretePath(route.pathTemplate());
            byte[] body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8);

            RawResponse anonymous = untrusted.rawRequest(route.method(), path, body, "application/json", Map.of());
            RawResponse withoutPermission = powerless.rawRequest(route.method(), path, body, "application/json", Map.of());
            String detail = route + " → untrusted " + anonymous.status() + ", no permission " + withoutPermission.status()
                    + ": " + new String(withoutPermission.body(), StandardCharsets.UTF_8);

            switch (route.accessRule()) {
                case AccessRule.UntrustedAllowed _ -> {
                    // The handler decides; it must never fail with a server error on a bare request
                    assertThat(anonymous.status()).as(detail).isLessThan(500);
                    assertThat(withoutPermission.status()).as(detail).isLessThan(500);
                }
                case AccessRule.Authenticated _ -> {
                    assertThat(anonymous.status()).as(detail).isEqualTo(403);
                    assertThat(withoutPermission.status()).as(detail).isLessThan(500);
                    if (route.method().equals("GET") && withoutPermission.status() == 200) {
                        // Lists are filtered: nothing the identity may not view shows up
                        assertThat(new String(withoutPermission.body(), StandardCharsets.UTF_8)).as(detail).doesNotContain("/1.0/projects/default\"", "\"admins\"");
                    }
                }
                case AccessRule.LocalOnly _ -> {
                    assertThat(anonymous.status()).as(detail).isEqualTo(403);
                    assertThat(withoutPermission.status()).as(detail).isEqualTo(403);
                }
                case AccessRule.Entitlement _ -> {
                    assertThat(anonymous.status()).as(detail).isEqualTo(403);
                    assertThat(withoutPermission.status()).as(detail).isIn(403, 404);
                }
            }
        }));
    }

    /** Fills path parameters with values that name real entities where it matters (so 404 is not the easy way out). */
    private static String concretePath(String template)
    {
        return template
                .replace("{authenticationMethod}", "tls")
                .replace("{method}", "tls")
                .replace("{nameOrIdentifier}", "victim")
                .replace("{groupName}", "admins")
                .replace("{name}", "default")
                .replaceAll("\\{[^}]+}", "x");
    }
}
