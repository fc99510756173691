package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.event.Event;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Set-up shared by the identity API tests. */
final class IdentityFixtures
{
    private IdentityFixtures() {}

    /**
     * Creates a group holding entitlements on the server directly in the database, so these tests do not
     * depend on the groups API.
     */
    static void createGroup(TestDaemon server, String name, String... serverEntitlements)
    {
        StateCommand<Void> command = transaction -> {
            long id = Sql.insert(transaction, "INSERT INTO auth_groups (name, description) VALUES (?, '')", name);
            for (String entitlement : serverEntitlements) {
                Sql.update(transaction, "INSERT INTO auth_groups_permissions (auth_group_id, entity_type, entity_url, entitlement) VALUES (?, 'server', '/1.0', ?)",
                        id, entitlement);
            }
            return null;
        };
        server.daemon().store().execute(command);
    }

    /** Inserts an identity of a type the API cannot create (e.g. a legacy unrestricted certificate). */
    static void insertTlsIdentity(TestDaemon server, IdentityType type, String name, CertificateAndKey certificate)
    {
        StateCommand<Void> command = transaction -> {
            long id = IdentityStore.insertIdentity(transaction, AuthenticationMethod.TLS, type, certificate.fingerprint(), name, "{}");
            IdentityStore.attachCertificate(transaction, id, certificate.fingerprint(), certificate.certificatePem());
            return null;
        };
        server.daemon().store().execute(command);
    }

    /** Issues a client token as the local administrator; the response's metadata is the token object. */
    static ApiResponse issueToken(JxdClient admin, String name, List<String> groups)
    {
        return admin.post("/1.0/auth/identities/tls", Map.of("name", name, "token", true, "groups", groups));
    }

    static String encodedToken(ApiResponse issued)
    {
        return TrustTokens.encode(issued.metadataAs(CertificateAddToken.class));
    }

    /** Trusts a new client certificate through a token and returns it. */
    static CertificateAndKey trustedClient(TestDaemon server, JxdClient admin, String name, List<String> groups)
    {
        CertificateAndKey certificate = Certificates.generate(name, true, Duration.ofDays(365));
        String token = encodedToken(issueToken(admin, name, groups));
        server.httpsClient(certificate).post("/1.0/auth/identities/tls", Map.of("trust_token", token));
        return certificate;
    }

    /**
     * Subscribes to lifecycle and security events and returns once the subscription delivers: the server
     * registers a subscriber just after the websocket handshake, so events of the next instant could be missed.
     */
    static EventSubscription subscribe(JxdClient admin, BlockingQueue<Event> events)
    {
        return admin.events("lifecycle,security", events::add);
    }

    static String authStatus(TestDaemon server, CertificateAndKey certificate)
    {
        return server.httpsClient(certificate).get("/1.0").metadata().get("auth").asString();
    }

    static void assertError(ThrowingCallable call, int status, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.statusCode()).isEqualTo(status);
            assertThat(exception.getMessage()).isEqualTo(message);
        });
    }

    static void assertStatus(ThrowingCallable call, int status)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(status));
    }
}
