package dev.jxd.daemon.link;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.group.GroupStore;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityStore;
import dev.jxd.daemon.identity.IdentityStore.IdentityRow;
import dev.jxd.daemon.identity.TrustTokenStore;

import java.sql.Connection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** SQL for cluster links (spec §4.2): reads, and the commands behind every change. */
final class ClusterLinkStore
{
    static final String NOT_FOUND = "Failed loading cluster link: Failed loading cluster link: Cluster link not found";
    static final String IN_USE = "Cluster link is currently in use";
    private static final String COLUMNS = "id, name, description, type, identity_id";

    private ClusterLinkStore() {}

    /** One link with its configuration. */
    record LinkRow(long id, String name, String description, ClusterLinkType type, OptionalLong identityId, Map<String, String> config)
    {
        LinkRow
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            requireNonNull(type, "type is null");
            requireNonNull(identityId, "identityId is null");
            config = Collections.unmodifiableMap(new TreeMap<>(config));
        }

        EntityUrl url()
        {
            return EntityUrl.clusterLink(name);
        }

        List<String> addresses()
        {
            return ClusterLinkConfig.addresses(config);
        }

        /** Active links have somewhere to call; pending ones (and unconfirmed public ones) do not. */
        boolean active()
        {
            return !config.getOrDefault(ClusterLinkConfig.ADDRESSES, "").isEmpty();
        }
    }

    private record Columns(long id, String name, String description, int type, OptionalLong identityId) {}

    private static final Sql.RowMapper<Columns> COLUMNS_ROW = row -> {
        long identityId = row.getLong(5);
        // wasNull() describes the last column read, so it is asked right after reading identity_id
        OptionalLong identity = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(identityId);
        return new Columns(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4), identity);
    };

    /** Every link, ordered by name, with the configuration of all of them read in one query. */
    static List<LinkRow> list(Connection connection)
    {
        Map<Long, Map<String, String>> configs = new HashMap<>();
        Sql.query(connection, "SELECT cluster_link_id, key, value FROM cluster_links_config", row -> {
            configs.computeIfAbsent(row.getLong(1), _ -> new TreeMap<>()).put(row.getString(2), row.getString(3));
            return null;
        });
        return Sql.query(connection, "SELECT " + COLUMNS + " FROM cluster_links ORDER BY name", COLUMNS_ROW).stream()
                .map(columns -> toRow(columns, configs.getOrDefault(columns.id(), Map.of())))
                .toList();
    }

    static Optional<LinkRow> find(Connection connection, String name)
    {
        return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM cluster_links WHERE name = ?", COLUMNS_ROW, name)
                .map(columns -> toRow(columns, config(connection, columns.id())));
    }

    static LinkRow require(Connection connection, String name)
    {
        return find(connection, name).orElseThrow(() -> HttpStatusException.notFound(NOT_FOUND));
    }

    static Optional<LinkRow> findByIdentity(Connection connection, long identityId)
    {
        return Sql.queryOne(connection, "SELECT " + COLUMNS + " FROM cluster_links WHERE identity_id = ?", COLUMNS_ROW, identityId)
                .map(columns -> toRow(columns, config(connection, columns.id())));
    }

    static List<String> names(Connection connection)
    {
        return Sql.query(connection, "SELECT name FROM cluster_links ORDER BY name", row -> row.getString(1));
    }

    static boolean exists(Connection connection, String name)
    {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM cluster_links WHERE name = ?", name) > 0;
    }

    /**
     * The remote certificate the link pins (spec §4.11): a bidirectional link's identity certificate, else the
     * link's own pinned certificate. Empty while the link is pending.
     */
    static Optional<String> pinnedCertificate(Connection connection, LinkRow link)
    {
        if (link.identityId().isPresent()) {
            return IdentityStore.certificatePem(connection, link.identityId().getAsLong());
        }
        return Sql.queryOne(connection, """
                SELECT certificates.certificate FROM cluster_links_certificates
                JOIN certificates ON certificates.id = cluster_links_certificates.certificate_id
                WHERE cluster_links_certificates.cluster_link_id = ?""", row -> row.getString(1), link.id());
    }

    static Optional<IdentityRow> identity(Connection connection, LinkRow link)
    {
        if (link.identityId().isEmpty()) {
            return Optional.empty();
        }
        return IdentityStore.findById(connection, link.identityId().getAsLong());
    }

    /**
     * The entities that reference the link. Only replicators will (spec §4.9), and jxd has none yet, so nothing
     * references a link; rename and delete check this so that they stay correct when replicators arrive.
     */
    static List<EntityUrl> usedBy(Connection connection, String name)
    {
        return List.of();
    }

    private static Map<String, String> config(Connection connection, long linkId)
    {
        Map<String, String> config = new TreeMap<>();
        Sql.query(connection, "SELECT key, value FROM cluster_links_config WHERE cluster_link_id = ?", row -> config.put(row.getString(1), row.getString(2)), linkId);
        return config;
    }

    private static LinkRow toRow(Columns columns, Map<String, String> config)
    {
        return new LinkRow(columns.id(), columns.name(), columns.description(), ClusterLinkType.fromCode(columns.type()), columns.identityId(), config);
    }

    private static long insertLink(Connection transaction, String name, String description, ClusterLinkType type, OptionalLong identityId, Map<String, String> config)
    {
        if (exists(transaction, name)) {
            throw alreadyExists(name);
        }
        long id = Sql.insert(transaction, "INSERT INTO cluster_links (identity_id, name, description, type) VALUES (?, ?, ?, ?)",
                identityId.isPresent() ? identityId.getAsLong() : null, name, description, type.code());
        writeConfig(transaction, id, config);
        return id;
    }

    private static void writeConfig(Connection transaction, long linkId, Map<String, String> config)
    {
        Sql.update(transaction, "DELETE FROM cluster_links_config WHERE cluster_link_id = ?", linkId);
        for (Map.Entry<String, String> entry : ClusterLinkConfig.normalize(config).entrySet()) {
            Sql.update(transaction, "INSERT INTO cluster_links_config (cluster_link_id, key, value) VALUES (?, ?, ?)", linkId, entry.getKey(), entry.getValue());
        }
    }

    private static void pinCertificate(Connection transaction, long linkId, String fingerprint, String pem)
    {
        if (IdentityStore.fingerprintKnown(transaction, fingerprint)) {
            // LXD answers 500 with a message about fingerprints (spec §9.2 item 27); it is the same conflict as a second bidirectional link
            throw HttpStatusException.conflict(IdentityStore.CreateClusterLinkIdentity.ALREADY_LINKED);
        }
        long certificateId;
        try {
            certificateId = Sql.insert(transaction, "INSERT INTO certificates (fingerprint, certificate) VALUES (?, ?)", fingerprint, pem);
        }
        catch (DatabaseException exception) {
            if (exception.isUniqueViolation()) {
                throw HttpStatusException.conflict(IdentityStore.CreateClusterLinkIdentity.ALREADY_LINKED);
            }
            throw exception;
        }
        Sql.update(transaction, "INSERT INTO cluster_links_certificates (cluster_link_id, certificate_id) VALUES (?, ?)", linkId, certificateId);
    }

    static HttpStatusException alreadyExists(String name)
    {
        return HttpStatusException.conflict("Cluster link \"" + name + "\" already exists");
    }

    /**
     * A bidirectional link and the identity it stands on, in one transaction: the pending identity whose token the
     * other cluster redeems (spec §4.8.1), or, on the token's consumer, the active identity for the issuer (§4.8.2
     * step 5).
     *
     * @param identity creates the identity and returns its row id; the identity is named like the link
     */
    record CreateBidirectionalLink(String name, StateCommand<Long> identity, String description, Map<String, String> config)
            implements StateCommand<Void>
    {
        CreateBidirectionalLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(identity, "identity is null");
            requireNonNull(description, "description is null");
            config = Map.copyOf(config);
        }

        @Override
        public Void apply(Connection transaction)
        {
            if (exists(transaction, name)) {
                throw alreadyExists(name);
            }
            long identityId = identity.apply(transaction);
            insertLink(transaction, name, description, ClusterLinkType.BIDIRECTIONAL, OptionalLong.of(identityId), config);
            return null;
        }
    }

    /** What an activation did: the redemption, and the link it activated when it succeeded. */
    record Activation(TrustTokenStore.Redemption redemption, Optional<String> linkName) {}

    /**
     * Activation on the token's issuer (spec §4.8.3 step 6): redeems the pending identity with the peer's certificate
     * and records the peer's addresses on the link, in one transaction.
     */
    record ActivateLink(TrustTokenStore.RedeemToken redeem, String addresses)
            implements StateCommand<Activation>
    {
        ActivateLink
        {
            requireNonNull(redeem, "redeem is null");
            requireNonNull(addresses, "addresses is null");
        }

        @Override
        public Activation apply(Connection transaction)
        {
            if (redeem.rejectionReason(transaction).isEmpty() && IdentityStore.fingerprintKnown(transaction, redeem.fingerprint())) {
                throw HttpStatusException.conflict(IdentityStore.CreateClusterLinkIdentity.ALREADY_LINKED);
            }
            TrustTokenStore.Redemption redemption = redeem.apply(transaction);
            if (!(redemption instanceof TrustTokenStore.Redemption.Activated activated)) {
                return new Activation(redemption, Optional.empty());
            }
            // The redemption only accepts identities that belong to a link, so the link is there
            LinkRow link = findByIdentity(transaction, activated.identityId()).orElseThrow(() -> new IllegalStateException("Activated identity has no cluster link"));
            Map<String, String> config = new TreeMap<>(link.config());
            config.put(ClusterLinkConfig.ADDRESSES, addresses);
            writeConfig(transaction, link.id(), config);
            return new Activation(redemption, Optional.of(link.name()));
        }
    }

    /** A link without identity that pins the remote's certificate: unidirectional (spec §4.8.5 step 4). */
    record CreatePinnedLink(String name, String description, ClusterLinkType type, Map<String, String> config, String fingerprint, String certificatePem)
            implements StateCommand<Void>
    {
        CreatePinnedLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            requireNonNull(type, "type is null");
            config = Map.copyOf(config);
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id = insertLink(transaction, name, description, type, OptionalLong.empty(), config);
            pinCertificate(transaction, id, fingerprint, certificatePem);
            return null;
        }
    }

    /**
     * Public links, phase 1 (spec §4.8.6 step 7): creates the unconfirmed link, or refreshes an unconfirmed one.
     *
     * @return whether the link was created
     */
    record UpsertPublicPendingLink(String name, String description, Map<String, String> config)
            implements StateCommand<Boolean>
    {
        UpsertPublicPendingLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            config = Map.copyOf(config);
        }

        @Override
        public Boolean apply(Connection transaction)
        {
            Optional<LinkRow> existing = find(transaction, name);
            if (existing.isEmpty()) {
                insertLink(transaction, name, description, ClusterLinkType.PUBLIC, OptionalLong.empty(), config);
                return true;
            }
            LinkRow link = existing.get();
            if (link.type() != ClusterLinkType.PUBLIC) {
                throw HttpStatusException.conflict("Cluster link \"" + name + "\" already exists and is not a public cluster link");
            }
            if (link.active()) {
                throw HttpStatusException.conflict("Cluster link \"" + name + "\" has already been confirmed");
            }
            Map<String, String> merged = new TreeMap<>(link.config());
            merged.putAll(config);
            writeConfig(transaction, link.id(), merged);
            if (!description.isEmpty() && !description.equals(link.description())) {
                Sql.update(transaction, "UPDATE cluster_links SET description = ? WHERE id = ?", description, link.id());
            }
            return false;
        }
    }

    /**
     * Public links, phase 2 (spec §4.8.7 step 3): pins the certificate fetched in phase 1 once the user confirmed its
     * fingerprint.
     */
    record ConfirmPublicLink(String name, String fingerprint)
            implements StateCommand<Void>
    {
        ConfirmPublicLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(fingerprint, "fingerprint is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            LinkRow link = find(transaction, name)
                    .orElseThrow(() -> HttpStatusException.notFound("Failed loading pending cluster link \"" + name + "\": Failed loading cluster link: Cluster link not found"));
            if (link.type() != ClusterLinkType.PUBLIC) {
                throw HttpStatusException.badRequest("Cluster link \"" + name + "\" is not a public cluster link");
            }
            if (link.active()) {
                throw HttpStatusException.conflict("Cluster link \"" + name + "\" has already been confirmed");
            }
            String pendingPem = link.config().get(ClusterLinkConfig.PENDING_CERTIFICATE);
            String pendingAddress = link.config().get(ClusterLinkConfig.PENDING_ADDRESS);
            if (pendingPem == null) {
                throw HttpStatusException.badRequest("Cluster link \"" + name + "\" has no pending certificate to confirm");
            }
            if (pendingAddress == null) {
                throw HttpStatusException.badRequest("Cluster link \"" + name + "\" has no pending address to confirm");
            }
            String pendingFingerprint = Certificates.fingerprint(Certificates.parsePem(pendingPem));
            if (!pendingFingerprint.equals(fingerprint)) {
                throw HttpStatusException.badRequest("Certificate does not match the certificate returned when the pending cluster link was created");
            }
            // The stored certificate is pinned, not the submitted text: only the fingerprint had to match
            pinCertificate(transaction, link.id(), pendingFingerprint, pendingPem);
            Map<String, String> config = new TreeMap<>(link.config());
            config.remove(ClusterLinkConfig.PENDING_CERTIFICATE);
            config.remove(ClusterLinkConfig.PENDING_ADDRESS);
            config.put(ClusterLinkConfig.ADDRESSES, pendingAddress);
            writeConfig(transaction, link.id(), config);
            return null;
        }
    }

    /** PUT/PATCH (spec §4.10): the complete new description and configuration, volatile keys included. */
    record UpdateLink(String name, String description, Map<String, String> config)
            implements StateCommand<Void>
    {
        UpdateLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            config = Map.copyOf(config);
        }

        @Override
        public Void apply(Connection transaction)
        {
            LinkRow link = require(transaction, name);
            if (!ClusterLinkConfig.volatileOf(link.config()).equals(ClusterLinkConfig.volatileOf(config))) {
                // The volatile keys changed since the request was checked (an address refresh): the caller's view is stale
                throw new HttpStatusException(412, "Cluster link changed while it was being updated");
            }
            Sql.update(transaction, "UPDATE cluster_links SET description = ? WHERE id = ?", description, link.id());
            writeConfig(transaction, link.id(), config);
            return null;
        }
    }

    /**
     * Rename (spec §4.12). The identity of a bidirectional link follows its name, and permissions on the link follow
     * it to the new name.
     *
     * @return the link as it was before
     */
    record RenameLink(String name, String newName)
            implements StateCommand<LinkRow>
    {
        RenameLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(newName, "newName is null");
        }

        @Override
        public LinkRow apply(Connection transaction)
        {
            if (!usedBy(transaction, name).isEmpty()) {
                throw HttpStatusException.badRequest(IN_USE);
            }
            LinkRow link = require(transaction, name);
            if (name.equals(newName)) {
                return link;
            }
            if (exists(transaction, newName)) {
                throw alreadyExists(newName);
            }
            if (link.identityId().isPresent()) {
                IdentityStore.rename(transaction, link.identityId().getAsLong(), newName);
            }
            Sql.update(transaction, "UPDATE cluster_links SET name = ? WHERE id = ?", newName, link.id());
            GroupStore.renamePermissionEntity(transaction, EntityUrl.clusterLink(name), EntityUrl.clusterLink(newName));
            return link;
        }
    }

    /** What a deletion removed. */
    record DeletedLink(LinkRow link, Optional<IdentityRow> identity) {}

    /**
     * Delete (spec §4.14): a bidirectional link goes with its identity (pending or active), the others with their
     * pinned certificate; permissions on the link go too.
     */
    record DeleteLink(String name)
            implements StateCommand<DeletedLink>
    {
        DeleteLink
        {
            requireNonNull(name, "name is null");
        }

        @Override
        public DeletedLink apply(Connection transaction)
        {
            if (!usedBy(transaction, name).isEmpty()) {
                throw HttpStatusException.badRequest("Error deleting \"" + name + "\" from database: " + IN_USE);
            }
            return delete(transaction, require(transaction, name));
        }
    }

    /**
     * The undo of a creation: deletes the link only if it is still the one the creation made, the link of that name
     * pinning that certificate. Registered before the creation runs, it must not delete a link of the same name that
     * made the creation fail.
     *
     * @return what was deleted, if anything
     */
    record DeleteCreatedLink(String name, String remoteFingerprint)
            implements StateCommand<Optional<DeletedLink>>
    {
        DeleteCreatedLink
        {
            requireNonNull(name, "name is null");
            requireNonNull(remoteFingerprint, "remoteFingerprint is null");
        }

        @Override
        public Optional<DeletedLink> apply(Connection transaction)
        {
            Optional<LinkRow> link = find(transaction, name);
            boolean created = link.flatMap(row -> pinnedCertificate(transaction, row))
                    .map(pem -> Certificates.fingerprint(Certificates.parsePem(pem)).equals(remoteFingerprint))
                    .orElse(false);
            return created ? Optional.of(delete(transaction, link.get())) : Optional.empty();
        }
    }

    private static DeletedLink delete(Connection transaction, LinkRow link)
    {
        Optional<IdentityRow> identity = identity(transaction, link);
        GroupStore.deletePermissionsOn(transaction, link.url());
        // cluster_links_certificates cascades, and its trigger removes the pinned certificate
        Sql.update(transaction, "DELETE FROM cluster_links WHERE id = ?", link.id());
        identity.ifPresent(row -> IdentityStore.deleteRow(transaction, row));
        return new DeletedLink(link, identity);
    }

    /**
     * Replaces {@code volatile.addresses} after a refresh, only if it still holds what the refresh started from: LXD
     * writes back the whole configuration read before its network calls, losing edits made meanwhile (spec §9.2
     * item 24).
     *
     * @return whether the addresses were replaced
     */
    record ReplaceAddresses(String name, String expected, String replacement)
            implements StateCommand<Boolean>
    {
        ReplaceAddresses
        {
            requireNonNull(name, "name is null");
            requireNonNull(expected, "expected is null");
            requireNonNull(replacement, "replacement is null");
        }

        @Override
        public Boolean apply(Connection transaction)
        {
            Optional<LinkRow> link = find(transaction, name);
            if (link.isEmpty() || !link.get().config().getOrDefault(ClusterLinkConfig.ADDRESSES, "").equals(expected)) {
                return false;
            }
            return Sql.update(transaction, "UPDATE cluster_links_config SET value = ? WHERE cluster_link_id = ? AND key = ?",
                    replacement, link.get().id(), ClusterLinkConfig.ADDRESSES) == 1;
        }
    }
}
