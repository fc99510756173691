package dev.jxd.daemon.group;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.client.ApiException;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.sql.Connection;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixtures and assertions shared by the group tests. */
final class GroupTesting
{
    private GroupTesting() {}

    static Permission permission(String entityType, String url, String entitlement)
    {
        return new Permission(entityType, url, entitlement);
    }

    static void assertApiError(ThrowingCallable call, int status, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.getMessage()).isEqualTo(message);
            assertThat(exception.statusCode()).isEqualTo(status);
        });
    }

    static void assertApiStatus(ThrowingCallable call, int status)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(status));
    }

    /**
     * Trusts {@code certificate} as a TLS identity of {@code type} in {@code groups}, written straight to the state
     * store so these tests do not depend on the identity API.
     *
     * @return the identity's fingerprint
     */
    static String addTlsIdentity(TestDaemon server, String name, CertificateAndKey certificate, IdentityType type, String... groups)
    {
        String fingerprint = Certificates.fingerprint(certificate.certificate());
        server.daemon().store().execute(new AddTlsIdentity(name, fingerprint, certificate.certificatePem(), type, List.of(groups)));
        return fingerprint;
    }

    record AddTlsIdentity(String name, String fingerprint, String certificatePem, IdentityType type, List<String> groups)
            implements StateCommand<Void>
    {
        AddTlsIdentity
        {
            requireNonNull(name, "name is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
            requireNonNull(type, "type is null");
            groups = List.copyOf(groups);
        }

        @Override
        public Void apply(Connection transaction)
        {
            long identityId = Sql.insert(transaction, "INSERT INTO identities (auth_method, type, identifier, name) VALUES (?, ?, ?, ?)",
                    AuthenticationMethod.TLS.code(), type.code(), fingerprint, name);
            long certificateId = Sql.insert(transaction, "INSERT INTO certificates (fingerprint, certificate) VALUES (?, ?)", fingerprint, certificatePem);
            Sql.update(transaction, "INSERT INTO identities_certificates (identity_id, certificate_id) VALUES (?, ?)", identityId, certificateId);
            for (String group : groups) {
                long groupId = Sql.queryOne(transaction, "SELECT id FROM auth_groups WHERE name = ?", row -> row.getLong(1), group)
                        .orElseThrow(() -> new IllegalArgumentException("No group " + group));
                Sql.update(transaction, "INSERT INTO identities_auth_groups (identity_id, auth_group_id) VALUES (?, ?)", identityId, groupId);
            }
            return null;
        }
    }
}
