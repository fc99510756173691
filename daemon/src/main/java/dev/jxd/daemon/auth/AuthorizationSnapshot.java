package dev.jxd.daemon.auth;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.model.Grant;
import dev.jxd.daemon.auth.model.PermissionIndex;
import dev.jxd.daemon.db.Sql;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable picture of who can authenticate and what every group holds, read from the database in
 * one go. Requests are authenticated and authorized against it with hash lookups only.
 */
final class AuthorizationSnapshot
{
    /**
     * An identity that can authenticate with a TLS client certificate.
     *
     * @param projects the projects a restricted legacy certificate may use (spec §2.7.5); empty for others
     */
    record TlsIdentity(String fingerprint, String name, IdentityType type, String identityUrl, Set<String> projects) {}

    private final Map<String, TlsIdentity> tlsIdentities;
    private final PermissionIndex index;

    private AuthorizationSnapshot(Map<String, TlsIdentity> tlsIdentities, PermissionIndex index)
    {
        this.tlsIdentities = tlsIdentities;
        this.index = index;
    }

    static AuthorizationSnapshot load(Connection connection)
    {
        Map<String, Set<String>> projectsByIdentity = new HashMap<>();
        Sql.query(connection, """
                SELECT identities.identifier, projects.name
                FROM identities_projects
                JOIN identities ON identities.id = identities_projects.identity_id
                JOIN projects ON projects.id = identities_projects.project_id
                WHERE identities.auth_method = ?""",
                row -> projectsByIdentity.computeIfAbsent(row.getString(1), _ -> new HashSet<>()).add(row.getString(2)),
                AuthenticationMethod.TLS.code());

        Map<String, TlsIdentity> identities = new HashMap<>();
        for (TlsIdentity identity : Sql.query(connection,
                "SELECT identifier, name, type FROM identities WHERE auth_method = ?",
                row -> {
                    IdentityType type = IdentityType.fromCode(row.getInt(3));
                    String identifier = row.getString(1);
                    return new TlsIdentity(identifier, row.getString(2), type,
                            EntityUrl.identity(AuthenticationMethod.TLS.apiName(), identifier).url(),
                            Set.copyOf(projectsByIdentity.getOrDefault(identifier, Set.of())));
                },
                AuthenticationMethod.TLS.code())) {
            if (identity.type().cacheable()) {
                identities.put(identity.fingerprint(), identity);
            }
        }

        Map<String, Set<String>> groupsByIdentity = new HashMap<>();
        Sql.query(connection, """
                SELECT identities.auth_method, identities.identifier, auth_groups.name
                FROM identities_auth_groups
                JOIN identities ON identities.id = identities_auth_groups.identity_id
                JOIN auth_groups ON auth_groups.id = identities_auth_groups.auth_group_id""",
                row -> {
                    String url = EntityUrl.identity(AuthenticationMethod.fromCode(row.getInt(1)).apiName(), row.getString(2)).url();
                    groupsByIdentity.computeIfAbsent(url, _ -> new HashSet<>()).add(row.getString(3));
                    return null;
                });

        Map<String, List<Grant>> grantsByGroup = new HashMap<>();
        Sql.query(connection, """
                SELECT auth_groups.name, auth_groups_permissions.entity_url, auth_groups_permissions.entitlement
                FROM auth_groups_permissions
                JOIN auth_groups ON auth_groups.id = auth_groups_permissions.auth_group_id""",
                row -> {
                    grantsByGroup.computeIfAbsent(row.getString(1), _ -> new ArrayList<>()).add(new Grant(row.getString(2), row.getString(3)));
                    return null;
                });
        return new AuthorizationSnapshot(Map.copyOf(identities), PermissionIndex.build(groupsByIdentity, grantsByGroup));
    }

    Optional<TlsIdentity> tlsIdentity(String fingerprint)
    {
        return Optional.ofNullable(tlsIdentities.get(fingerprint));
    }

    Collection<TlsIdentity> tlsIdentities()
    {
        return tlsIdentities.values();
    }

    PermissionIndex index()
    {
        return index;
    }
}
