package dev.jxd.daemon.identity;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.http.HttpStatusException;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** SQL for identities: reads, and the commands that create, change and delete them. */
public final class IdentityStore
{
    private static final String ALREADY_TRUSTED = "Certificate already in trust store";
    private static final String COLUMNS = "id, auth_method, type, identifier, name, metadata";

    /** The types the legacy certificates API creates and edits; it only keeps {@code Client certificate (unrestricted)}. */
    static final Set<IdentityType> LEGACY_API_TYPES = Set.of(
            IdentityType.CLIENT_CERTIFICATE,
            IdentityType.CLIENT_CERTIFICATE_RESTRICTED,
            IdentityType.CLIENT_CERTIFICATE_UNRESTRICTED,
            IdentityType.METRICS_CERTIFICATE_RESTRICTED,
            IdentityType.METRICS_CERTIFICATE_UNRESTRICTED);

    private IdentityStore() {}

    /** One row of {@code identities}. */
    public record IdentityRow(long id, AuthenticationMethod method, IdentityType type, String identifier, String name, String metadata)
    {
        public IdentityRow
        {
            requireNonNull(method, "method is null");
            requireNonNull(type, "type is null");
            requireNonNull(identifier, "identifier is null");
            requireNonNull(name, "name is null");
            requireNonNull(metadata, "metadata is null");
        }

        public EntityUrl url()
        {
            return EntityUrl.identity(method.apiName(), identifier);
        }
    }

    private static final Sql.RowMapper<IdentityRow> ROW = row -> new IdentityRow(
            row.getLong(1),
            AuthenticationMethod.fromCode(row.getInt(2)),
            IdentityType.fromCode(row.getInt(3)),
            row.getString(4),
            row.getString(5),
            row.getString(6));

    /** Every identity, or those of one method, ordered by method code and identifier as LXD lists them. */
    static List<IdentityRow> list(Connection connection, Optional<AuthenticationMethod> method)
    {
        if (method.isPresent()) {
            return Sql.query(connection, "SELECT " + COLUMNS + " FROM identities WHERE auth_method = ? ORDER BY identifier", ROW, method.get().code());
        }
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM identities ORDER BY auth_method, identifier", ROW);
    }

    public static Optional<IdentityRow> findByIdentifier(Connection connection, AuthenticationMethod method, String identifier)
    {
        return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM identities WHERE auth_method = ? AND identifier = ?", ROW, method.code(), identifier);
    }

    /** The identities whose identifier starts with {@code prefix}: LXD finds certificates by a prefix of their fingerprint. */
    static List<IdentityRow> findByIdentifierPrefix(Connection connection, AuthenticationMethod method, String prefix)
    {
        // substr rather than LIKE: a prefix is literal text, not a pattern
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM identities WHERE auth_method = ? AND substr(identifier, 1, ?) = ? ORDER BY identifier", ROW,
                method.code(), prefix.length(), prefix);
    }

    /** Names are not unique (spec §2.3), so this may return several rows. */
    static List<IdentityRow> findByName(Connection connection, AuthenticationMethod method, String name)
    {
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM identities WHERE auth_method = ? AND name = ? ORDER BY identifier", ROW, method.code(), name);
    }

    public static Optional<IdentityRow> findById(Connection connection, long id)
    {
        return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM identities WHERE id = ?", ROW, id);
    }

    /** Identity names follow the names of what they stand for, such as a bidirectional cluster link. */
    public static void rename(Connection transaction, long id, String name)
    {
        Sql.update(transaction, "UPDATE identities SET name = ? WHERE id = ?", name, id);
    }

    /** The identities of the given types, e.g. every pending one. */
    static List<IdentityRow> ofTypes(Connection connection, Set<IdentityType> types)
    {
        if (types.isEmpty()) {
            return List.of();
        }
        String placeholders = types.stream().map(_ -> "?").collect(Collectors.joining(", "));
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM identities WHERE type IN (" + placeholders + ") ORDER BY id", ROW,
                types.stream().map(IdentityType::code).toArray());
    }

    /** The identity's direct groups, sorted by name. */
    public static List<String> groups(Connection connection, long identityId)
    {
        return Association.GROUPS.names(connection, identityId);
    }

    /** Every identity's direct groups, sorted by name, by identity row id: one query for a whole listing. */
    static Map<Long, List<String>> allGroups(Connection connection)
    {
        return Association.GROUPS.allNames(connection);
    }

    /** Every identity's newest certificate PEM, by identity row id. */
    static Map<Long, String> allCertificatePems(Connection connection)
    {
        Map<Long, String> pems = new HashMap<>();
        // Ascending certificate ids, so the newest certificate of an identity is the one left in the map
        Sql.query(connection, """
                SELECT identities_certificates.identity_id, certificates.certificate FROM identities_certificates
                JOIN certificates ON certificates.id = identities_certificates.certificate_id
                ORDER BY certificates.id""", row -> pems.put(row.getLong(1), row.getString(2)));
        return pems;
    }

    /** The PEM of the identity's newest certificate. */
    public static Optional<String> certificatePem(Connection connection, long identityId)
    {
        return Sql.query(connection, """
                SELECT certificates.certificate FROM identities_certificates
                JOIN certificates ON certificates.id = identities_certificates.certificate_id
                WHERE identities_certificates.identity_id = ?
                ORDER BY certificates.id DESC""", row -> row.getString(1), identityId).stream().findFirst();
    }

    /** Whether a certificate with this fingerprint is already known, as a certificate or as a TLS identifier. */
    public static boolean fingerprintKnown(Connection connection, String fingerprint)
    {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM certificates WHERE fingerprint = ?", fingerprint) > 0
                || Sql.queryLong(connection, "SELECT COUNT(*) FROM identities WHERE auth_method = ? AND identifier = ?",
                        AuthenticationMethod.TLS.code(), fingerprint) > 0;
    }

    /** Group ids in the order given; 404 naming every missing group (spec §2.6.1). */
    static List<Long> groupIds(Connection connection, List<String> names)
    {
        NamedRows groups = NamedRows.find(connection, "auth_groups", names);
        if (!groups.missing().isEmpty()) {
            throw HttpStatusException.notFound("One or more groups were not found: " + groups.missingList());
        }
        return groups.ids();
    }

    static void replaceGroups(Connection transaction, long identityId, List<String> groups)
    {
        setGroupIds(transaction, identityId, groupIds(transaction, groups));
    }

    /** Makes the groups with these ids (from {@link #groupIds}) the identity's groups. */
    static void setGroupIds(Connection transaction, long identityId, List<Long> groupIds)
    {
        Association.GROUPS.replace(transaction, identityId, groupIds);
    }

    /** The projects a restricted certificate may use, sorted by name. */
    static List<String> projects(Connection connection, long identityId)
    {
        return Association.PROJECTS.names(connection, identityId);
    }

    /** Every identity's projects, sorted by name, by identity row id: one query for a whole listing. */
    static Map<Long, List<String>> allProjects(Connection connection)
    {
        return Association.PROJECTS.allNames(connection);
    }

    /** Replaces the identity's projects; 400 naming every project that does not exist. */
    static void replaceProjects(Connection transaction, long identityId, List<String> projects)
    {
        Association.PROJECTS.replace(transaction, identityId, projectIds(transaction, projects));
    }

    /** Project ids in the order given; 400 naming every project that does not exist. */
    static List<Long> projectIds(Connection transaction, List<String> names)
    {
        NamedRows projects = NamedRows.find(transaction, "projects", names);
        if (!projects.missing().isEmpty()) {
            throw HttpStatusException.badRequest("One or more projects were not found: " + projects.missingList());
        }
        return projects.ids();
    }

    /** The ids of the rows of a table with a {@code name} column, in the order asked for, and the names it lacks. */
    private record NamedRows(List<Long> ids, List<String> missing)
    {
        // table is one of this class's constants, never input
        static NamedRows find(Connection connection, String table, List<String> names)
        {
            List<Long> ids = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String name : new LinkedHashSet<>(names)) {
                Optional<Long> id = Sql.queryOne(connection, "SELECT id FROM " + table + " WHERE name = ?", row -> row.getLong(1), name);
                if (id.isPresent()) {
                    ids.add(id.get());
                }
                else {
                    missing.add(name);
                }
            }
            return new NamedRows(ids, missing);
        }

        String missingList()
        {
            return missing.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", "));
        }
    }

    /**
     * A table that links identities to named rows of another table (their groups, or a restricted
     * certificate's projects). The names are constants of this class, never input.
     */
    private record Association(String table, String column, String target)
    {
        static final Association GROUPS = new Association("identities_auth_groups", "auth_group_id", "auth_groups");
        static final Association PROJECTS = new Association("identities_projects", "project_id", "projects");

        /** The names linked to one identity, sorted. */
        List<String> names(Connection connection, long identityId)
        {
            return Sql.query(connection, "SELECT " + target + ".name FROM " + table + " JOIN " + target + " ON " + target + ".id = " + table + "." + column
                    + " WHERE " + table + ".identity_id = ? ORDER BY " + target + ".name", row -> row.getString(1), identityId);
        }

        /** Every identity's linked names, sorted, by identity row id: one query for a whole listing. */
        Map<Long, List<String>> allNames(Connection connection)
        {
            Map<Long, List<String>> names = new HashMap<>();
            Sql.query(connection, "SELECT " + table + ".identity_id, " + target + ".name FROM " + table + " JOIN " + target + " ON " + target + ".id = " + table + "." + column
                    + " ORDER BY " + target + ".name", row -> names.computeIfAbsent(row.getLong(1), _ -> new ArrayList<>()).add(row.getString(2)));
            return names;
        }

        /** Makes the rows with these ids the identity's links, and nothing else. */
        void replace(Connection transaction, long identityId, List<Long> ids)
        {
            Sql.update(transaction, "DELETE FROM " + table + " WHERE identity_id = ?", identityId);
            for (long id : ids) {
                Sql.update(transaction, "INSERT INTO " + table + " (identity_id, " + column + ") VALUES (?, ?)", identityId, id);
            }
        }
    }

    /** An active identity authenticated by this certificate; 409 with {@code conflict} when the certificate is known already. */
    private static long insertCertificateIdentity(Connection transaction, IdentityType type, String fingerprint, String name, String certificatePem, String conflict)
    {
        if (fingerprintKnown(transaction, fingerprint)) {
            throw HttpStatusException.conflict(conflict);
        }
        long id = insertIdentity(transaction, AuthenticationMethod.TLS, type, fingerprint, name, "{}");
        attachCertificate(transaction, id, fingerprint, certificatePem);
        return id;
    }

    static long insertIdentity(Connection transaction, AuthenticationMethod method, IdentityType type, String identifier, String name, String metadata)
    {
        try {
            return Sql.insert(transaction, "INSERT INTO identities (auth_method, type, identifier, name, metadata) VALUES (?, ?, ?, ?, ?)",
                    method.code(), type.code(), identifier, name, metadata);
        }
        catch (DatabaseException exception) {
            if (exception.isUniqueViolation()) {
                throw HttpStatusException.conflict("Identity already exists");
            }
            throw exception;
        }
    }

    /** Adds a certificate to an identity; a fingerprint that is already known is a conflict. */
    static void attachCertificate(Connection transaction, long identityId, String fingerprint, String certificatePem)
    {
        long certificateId;
        try {
            certificateId = Sql.insert(transaction, "INSERT INTO certificates (fingerprint, certificate) VALUES (?, ?)", fingerprint, certificatePem);
        }
        catch (DatabaseException exception) {
            if (exception.isUniqueViolation()) {
                throw HttpStatusException.conflict(ALREADY_TRUSTED);
            }
            throw exception;
        }
        Sql.update(transaction, "INSERT INTO identities_certificates (identity_id, certificate_id) VALUES (?, ?)", identityId, certificateId);
    }

    /**
     * Points permissions that name an identity (as an identity or as a legacy certificate) at its new
     * identifier, so that a grant survives activation and certificate rotation.
     */
    static void renamePermissions(Connection transaction, AuthenticationMethod method, String oldIdentifier, String newIdentifier)
    {
        Sql.update(transaction, "UPDATE auth_groups_permissions SET entity_url = ? WHERE entity_url = ?",
                EntityUrl.identity(method.apiName(), newIdentifier).url(), EntityUrl.identity(method.apiName(), oldIdentifier).url());
        if (method == AuthenticationMethod.TLS) {
            Sql.update(transaction, "UPDATE auth_groups_permissions SET entity_url = ? WHERE entity_url = ?",
                    EntityUrl.of(EntityType.CERTIFICATE, null, newIdentifier).url(), EntityUrl.of(EntityType.CERTIFICATE, null, oldIdentifier).url());
        }
    }

    /** Deletes an identity with its group memberships, certificates and the permissions that name it. */
    public static void deleteRow(Connection transaction, IdentityRow row)
    {
        Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE entity_url = ?", row.url().url());
        if (row.method() == AuthenticationMethod.TLS) {
            Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE entity_url = ?", EntityUrl.of(EntityType.CERTIFICATE, null, row.identifier()).url());
        }
        // A bidirectional cluster link is deleted with its identity (a foreign key cascade); permissions on it go too
        for (String link : Sql.query(transaction, "SELECT name FROM cluster_links WHERE identity_id = ?", result -> result.getString(1), row.id())) {
            Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE entity_url = ?", EntityUrl.clusterLink(link).url());
        }
        // identities_auth_groups and identities_certificates cascade; a trigger then drops the certificate
        Sql.update(transaction, "DELETE FROM identities WHERE id = ?", row.id());
    }

    private static IdentityRow require(Connection transaction, AuthenticationMethod method, String identifier)
    {
        return findByIdentifier(transaction, method, identifier).orElseThrow(HttpStatusException::notFound);
    }

    /** Creates an active TLS identity of type {@code Client certificate} from a validated certificate. */
    public record CreateTlsIdentity(String name, String fingerprint, String certificatePem, List<String> groups)
            implements StateCommand<Void>
    {
        public CreateTlsIdentity
        {
            requireNonNull(name, "name is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
            groups = List.copyOf(groups);
        }

        @Override
        public Void apply(Connection transaction)
        {
            List<Long> groupIds = groupIds(transaction, groups);
            long id = insertCertificateIdentity(transaction, IdentityType.CLIENT_CERTIFICATE, fingerprint, name, certificatePem, ALREADY_TRUSTED);
            setGroupIds(transaction, id, groupIds);
            return null;
        }
    }

    /**
     * Creates the active {@code Cluster link certificate} identity a bidirectional link stands on (spec §4.8.2
     * step 5), inside the link's own command.
     *
     * @return the new identity's row id
     * @throws HttpStatusException 409 when the certificate is already known: the two clusters are linked already
     *         (or the remote's certificate is trusted for some other reason)
     */
    public record CreateClusterLinkIdentity(String name, String fingerprint, String certificatePem, List<String> groups)
            implements StateCommand<Long>
    {
        public static final String ALREADY_LINKED = "A cluster link already exists between these clusters";

        public CreateClusterLinkIdentity
        {
            requireNonNull(name, "name is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
            groups = List.copyOf(groups);
        }

        @Override
        public Long apply(Connection transaction)
        {
            long id = insertCertificateIdentity(transaction, IdentityType.CLUSTER_LINK_CERTIFICATE, fingerprint, name, certificatePem, ALREADY_LINKED);
            // An unknown group is a 404 that rolls the whole command back
            setGroupIds(transaction, id, groupIds(transaction, groups));
            return id;
        }
    }

    /**
     * Changes an identity's groups and/or certificate. The type is re-checked so an identity that changed
     * type since the request was validated (a pending one that got activated) is not edited blindly.
     *
     * @param groups the complete new group list, or empty to leave the groups alone
     * @param certificate the new certificate, or empty to keep the current one
     * @return the identifier after the change (a new certificate brings a new fingerprint)
     */
    public record UpdateIdentity(
            AuthenticationMethod method,
            String identifier,
            IdentityType expectedType,
            Optional<List<String>> groups,
            Optional<NewCertificate> certificate)
            implements StateCommand<String>
    {
        public record NewCertificate(String fingerprint, String pem) {}

        public UpdateIdentity
        {
            requireNonNull(method, "method is null");
            requireNonNull(identifier, "identifier is null");
            requireNonNull(expectedType, "expectedType is null");
            groups = groups.map(List::copyOf);
            requireNonNull(certificate, "certificate is null");
        }

        @Override
        public String apply(Connection transaction)
        {
            IdentityRow row = require(transaction, method, identifier);
            if (row.type() != expectedType) {
                throw HttpStatusException.conflict("Identity changed while it was being updated");
            }
            groups.ifPresent(names -> replaceGroups(transaction, row.id(), names));
            return certificate.map(replacement -> replaceCertificate(transaction, row, replacement)).orElse(identifier);
        }
    }

    /**
     * Gives a TLS identity a new certificate, which becomes its only one; its identifier, and the permissions
     * that name it, follow the new fingerprint.
     *
     * @return the identifier after the change
     */
    private static String replaceCertificate(Connection transaction, IdentityRow row, UpdateIdentity.NewCertificate replacement)
    {
        if (replacement.fingerprint().equals(row.identifier())) {
            return row.identifier();
        }
        if (fingerprintKnown(transaction, replacement.fingerprint())) {
            throw HttpStatusException.conflict(ALREADY_TRUSTED);
        }
        // The old certificate goes (the trigger removes it with its link row); the new one becomes the identity's only one
        Sql.update(transaction, "DELETE FROM identities_certificates WHERE identity_id = ?", row.id());
        Sql.update(transaction, "UPDATE identities SET identifier = ? WHERE id = ?", replacement.fingerprint(), row.id());
        attachCertificate(transaction, row.id(), replacement.fingerprint(), replacement.pem());
        renamePermissions(transaction, row.method(), row.identifier(), replacement.fingerprint());
        return replacement.fingerprint();
    }

    /**
     * Trusts a certificate through LXD's legacy certificates API as one of the types that API makes: a
     * fine-grained {@code Client certificate}, a {@code Client certificate (restricted)} or a metrics certificate.
     *
     * @param projects the projects a restricted certificate may use; 400 if one does not exist
     */
    public record CreateCertificateIdentity(String name, String fingerprint, String certificatePem, IdentityType type, List<String> projects)
            implements StateCommand<Void>
    {
        public CreateCertificateIdentity
        {
            requireNonNull(name, "name is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
            requireNonNull(type, "type is null");
            projects = List.copyOf(projects);
            if (!LEGACY_API_TYPES.contains(type)) {
                throw new IllegalArgumentException("The certificates API does not create identities of type " + type.apiName());
            }
        }

        @Override
        public Void apply(Connection transaction)
        {
            // Unknown projects are reported before a known certificate, as the request's own fault
            List<Long> projectIds = projectIds(transaction, projects);
            long id = insertCertificateIdentity(transaction, type, fingerprint, name, certificatePem, ALREADY_TRUSTED);
            Association.PROJECTS.replace(transaction, id, projectIds);
            return null;
        }
    }

    /**
     * What {@code PUT}/{@code PATCH /1.0/certificates/<fingerprint>} changes: the name, the type (client or
     * metrics, restricted or not), the projects and the certificate. An identity that stops being fine-grained
     * leaves its groups, which no longer apply to it. The type is re-checked, so an identity that changed
     * since the request was validated is not edited blindly.
     *
     * @return the identifier after the change
     */
    public record UpdateCertificateIdentity(
            String identifier,
            IdentityType expectedType,
            String name,
            IdentityType type,
            List<String> projects,
            Optional<UpdateIdentity.NewCertificate> certificate)
            implements StateCommand<String>
    {
        public UpdateCertificateIdentity
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(expectedType, "expectedType is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            projects = List.copyOf(projects);
            requireNonNull(certificate, "certificate is null");
            if (!LEGACY_API_TYPES.contains(type)) {
                throw new IllegalArgumentException("The certificates API does not make identities of type " + type.apiName());
            }
        }

        @Override
        public String apply(Connection transaction)
        {
            IdentityRow row = require(transaction, AuthenticationMethod.TLS, identifier);
            if (row.type() != expectedType) {
                throw HttpStatusException.conflict("Identity changed while it was being updated");
            }
            Sql.update(transaction, "UPDATE identities SET name = ?, type = ? WHERE id = ?", name, type.code(), row.id());
            if (!type.fineGrained()) {
                setGroupIds(transaction, row.id(), List.of());
            }
            replaceProjects(transaction, row.id(), projects);
            return certificate.map(replacement -> replaceCertificate(transaction, row, replacement)).orElse(identifier);
        }
    }

    public record DeleteIdentity(AuthenticationMethod method, String identifier)
            implements StateCommand<Void>
    {
        public DeleteIdentity
        {
            requireNonNull(method, "method is null");
            requireNonNull(identifier, "identifier is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            deleteRow(transaction, require(transaction, method, identifier));
            return null;
        }
    }
}
