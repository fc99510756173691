package dev.jxd.daemon.identity;

import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityStore.IdentityRow;

import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The commands behind trust tokens: creating a pending identity, redeeming its token, pruning expired
 * ones. They are public so that features which keep their own rows next to a pending identity (cluster
 * links) can apply them inside their own command, in the same transaction.
 */
public final class TrustTokenStore
{
    static final Set<IdentityType> PENDING_TYPES = Arrays.stream(IdentityType.values())
            .filter(IdentityType::pending)
            .collect(Collectors.toUnmodifiableSet());

    private TrustTokenStore() {}

    /**
     * Inserts a pending TLS identity (spec §3.2) with its group memberships and, for a legacy restricted
     * certificate's token, the projects the certificate will be restricted to.
     *
     * @param identifier a fresh random UUID, chosen before the command is built
     * @param metadata {@link PendingMetadata#toJson()}: the secret's hash and the expiry
     * @return the row id of the new identity
     * @throws HttpStatusException 404 for unknown groups, 400 for unknown projects
     */
    public record CreatePendingIdentity(String identifier, String name, IdentityType type, String metadata, List<String> groups, List<String> projects)
            implements StateCommand<Long>
    {
        public CreatePendingIdentity
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(metadata, "metadata is null");
            groups = List.copyOf(groups);
            // Absent from commands written before projects existed
            projects = projects == null ? List.of() : List.copyOf(projects);
            if (!type.pending() || type.method() != AuthenticationMethod.TLS) {
                throw new IllegalArgumentException("Not a pending TLS identity type: " + type.apiName());
            }
        }

        public CreatePendingIdentity(String identifier, String name, IdentityType type, String metadata, List<String> groups)
        {
            this(identifier, name, type, metadata, groups, List.of());
        }

        @Override
        public Long apply(Connection transaction)
        {
            List<Long> groupIds = IdentityStore.groupIds(transaction, groups);
            long id = IdentityStore.insertIdentity(transaction, AuthenticationMethod.TLS, type, identifier, name, metadata);
            IdentityStore.setGroupIds(transaction, id, groupIds);
            IdentityStore.replaceProjects(transaction, id, projects);
            return id;
        }
    }

    /** What withdrawing a pending identity found. */
    public enum Withdrawal
    {
        WITHDRAWN,
        /** Deleted already (withdrawn, expired or pruned). */
        ALREADY_GONE,
        /** Its token was used: it is an active identity now and stays. */
        ALREADY_REDEEMED
    }

    /**
     * Deletes a pending identity, by row id, if it is still pending: revoking a token must not delete the
     * identity the token became a moment earlier.
     */
    public record WithdrawPendingIdentity(long id)
            implements StateCommand<Withdrawal>
    {
        @Override
        public Withdrawal apply(Connection transaction)
        {
            Optional<IdentityRow> row = IdentityStore.findById(transaction, id);
            if (row.isEmpty()) {
                return Withdrawal.ALREADY_GONE;
            }
            if (!row.get().type().pending()) {
                return Withdrawal.ALREADY_REDEEMED;
            }
            IdentityStore.deleteRow(transaction, row.get());
            return Withdrawal.WITHDRAWN;
        }
    }

    /** What became of a redemption attempt. */
    public sealed interface Redemption
    {
        /**
         * The pending identity is now active.
         *
         * @param pendingIdentifier the UUID it had while pending
         * @param identifier its new identifier, the certificate's fingerprint
         */
        record Activated(long identityId, String pendingIdentifier, String identifier, String name, IdentityType type)
                implements Redemption {}

        /**
         * Nothing was activated. The reason is for the server's log only: callers all get the same answer.
         *
         * @param deletedIdentifier the pending identity that was deleted because its token had expired
         */
        record Rejected(String reason, Optional<String> deletedIdentifier)
                implements Redemption {}
    }

    /**
     * Redeems a token: finds the pending identity whose stored secret hash equals {@code secretHash}, and
     * activates it with the certificate (spec §3.3, §2.6.2 step 6).
     *
     * <p>The command carries the hash of the presented secret, never the secret: commands are data that a
     * cluster replicates and may log. Lookup and activation happen in this one transaction and the state
     * store applies commands one at a time, so of several concurrent redemptions of one token exactly
     * one finds the row still pending.
     *
     * <p>The pending identities are scanned rather than looked up by an indexed hash column: there are few
     * (each needs an administrator to create it, and expired ones are pruned hourly), it needs no schema
     * change, and every candidate is compared with {@link MessageDigest#isEqual} without stopping at the
     * first match, so timing does not depend on which row (if any) matched.
     *
     * @param acceptedTypes the pending types this entry point may activate; a token of another type is rejected
     * @param linkedClusterLinkIdentity for a {@code Cluster link certificate (pending)} identity: whether it must
     *         belong to a pending bidirectional link (redeemed only by link activation) or must not (the target
     *         side of a unidirectional link, redeemed through the identities API). LXD does not tell them apart,
     *         so a bidirectional link token could activate a user's client certificate (spec §9.2 item 16).
     * @param now the redemption time, taken before the command is built
     */
    public record RedeemToken(String secretHash, Set<IdentityType> acceptedTypes, boolean linkedClusterLinkIdentity, String fingerprint, String certificatePem, Instant now)
            implements StateCommand<Redemption>
    {
        public RedeemToken
        {
            requireNonNull(secretHash, "secretHash is null");
            acceptedTypes = Set.copyOf(acceptedTypes);
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(certificatePem, "certificatePem is null");
            requireNonNull(now, "now is null");
        }

        /**
         * Why this command would not activate anything if applied now, without changing anything: link activation
         * checks the token before it spends time probing the peer's addresses.
         */
        public Optional<String> rejectionReason(Connection connection)
        {
            return find(connection).map(match -> refusal(connection, match)).orElse(Optional.of(NO_MATCH));
        }

        @Override
        public Redemption apply(Connection transaction)
        {
            Optional<Match> found = find(transaction);
            if (found.isEmpty()) {
                return new Redemption.Rejected(NO_MATCH, Optional.empty());
            }
            Match matched = found.get();
            IdentityRow match = matched.row();
            Optional<String> refusal = refusal(transaction, matched);
            if (refusal.isPresent()) {
                if (matched.metadata().expiredAt(now)) {
                    IdentityStore.deleteRow(transaction, match);
                    return new Redemption.Rejected(refusal.get() + "; pending identity deleted", Optional.of(match.identifier()));
                }
                return new Redemption.Rejected(refusal.get(), Optional.empty());
            }
            if (IdentityStore.fingerprintKnown(transaction, fingerprint)) {
                // Thrown, so the token stays unused: the caller may redeem it with another certificate
                throw HttpStatusException.conflict("Client already trusted");
            }
            IdentityType activeType = matched.metadata().activatesAs().orElseGet(() -> match.type().activeType().orElseThrow());
            int updated = Sql.update(transaction, "UPDATE identities SET identifier = ?, type = ?, metadata = ? WHERE id = ? AND type = ?",
                    fingerprint, activeType.code(), PendingMetadata.withoutTokenFields(match.metadata()), match.id(), match.type().code());
            if (updated != 1) {
                throw new IllegalStateException("Pending identity " + match.identifier() + " changed during redemption");
            }
            if (!activeType.fineGrained()) {
                // A restricted certificate is authorized by its projects; groups given to the pending identity do not apply
                IdentityStore.setGroupIds(transaction, match.id(), List.of());
            }
            IdentityStore.attachCertificate(transaction, match.id(), fingerprint, certificatePem);
            IdentityStore.renamePermissions(transaction, AuthenticationMethod.TLS, match.identifier(), fingerprint);
            return new Redemption.Activated(match.id(), match.identifier(), fingerprint, match.name(), activeType);
        }

        private static final String NO_MATCH = "no pending identity matches the secret";

        private record Match(IdentityRow row, PendingMetadata metadata) {}

        /** Every pending identity is compared, without stopping at the first match, so timing does not tell which matched. */
        private Optional<Match> find(Connection connection)
        {
            byte[] presented = HexFormat.of().parseHex(secretHash);
            Match match = null;
            for (IdentityRow candidate : IdentityStore.ofTypes(connection, PENDING_TYPES)) {
                Optional<PendingMetadata> metadata = PendingMetadata.parse(candidate.metadata());
                byte[] stored = metadata.map(PendingMetadata::secretHashBytes).orElse(new byte[presented.length]);
                boolean equal = MessageDigest.isEqual(presented, stored) && metadata.isPresent();
                if (equal && match == null) {
                    match = new Match(candidate, metadata.get());
                }
            }
            return Optional.ofNullable(match);
        }

        private Optional<String> refusal(Connection connection, Match match)
        {
            IdentityRow row = match.row();
            if (!acceptedTypes.contains(row.type())) {
                return Optional.of("token of pending identity " + row.identifier() + " is of type \"" + row.type().apiName() + "\", not accepted here");
            }
            if (row.type() == IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING && hasClusterLink(connection, row.id()) != linkedClusterLinkIdentity) {
                return Optional.of("token of pending identity " + row.identifier() + (linkedClusterLinkIdentity
                        ? " belongs to no pending bidirectional cluster link"
                        : " belongs to a pending bidirectional cluster link and is only redeemed by link activation"));
            }
            if (match.metadata().expiredAt(now)) {
                return Optional.of("token of pending identity " + row.identifier() + " expired at " + match.metadata().expiry());
            }
            Optional<IdentityType> activatesAs = match.metadata().activatesAs();
            if (activatesAs.isPresent() && (row.type() != IdentityType.CLIENT_CERTIFICATE_PENDING || activatesAs.get() != IdentityType.CLIENT_CERTIFICATE_RESTRICTED)) {
                // Only legacy restricted-certificate tokens name another type; anything else is not metadata jxd wrote
                return Optional.of("pending identity " + row.identifier() + " of type \"" + row.type().apiName() + "\" cannot become \"" + activatesAs.get().apiName() + "\"");
            }
            return Optional.empty();
        }
    }

    private static boolean hasClusterLink(Connection transaction, long identityId)
    {
        return Sql.queryLong(transaction, "SELECT COUNT(*) FROM cluster_links WHERE identity_id = ?", identityId) > 0;
    }

    /** A pending identity removed by pruning. */
    public record PrunedIdentity(String identifier, String name, IdentityType type) {}

    /** Deletes every pending identity whose stored expiry has passed or whose metadata cannot be read (spec §3.4). */
    public record PruneExpiredPendingIdentities(Instant now)
            implements StateCommand<List<PrunedIdentity>>
    {
        public PruneExpiredPendingIdentities
        {
            requireNonNull(now, "now is null");
        }

        @Override
        public List<PrunedIdentity> apply(Connection transaction)
        {
            List<PrunedIdentity> pruned = new ArrayList<>();
            for (IdentityRow row : IdentityStore.ofTypes(transaction, PENDING_TYPES)) {
                Optional<PendingMetadata> metadata = PendingMetadata.parse(row.metadata());
                if (metadata.isEmpty() || metadata.get().expiredAt(now)) {
                    IdentityStore.deleteRow(transaction, row);
                    pruned.add(new PrunedIdentity(row.identifier(), row.name(), row.type()));
                }
            }
            return List.copyOf(pruned);
        }
    }
}
