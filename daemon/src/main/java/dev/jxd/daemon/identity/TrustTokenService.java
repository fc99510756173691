package dev.jxd.daemon.identity;

import dev.jxd.api.cert.CertificateValidation;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.cert.InvalidCertificateException;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.InvalidTokenException;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.api.validate.ExpiryExpression;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.server.ServerConfigKeys;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Trust tokens (spec §3): issuing them with a pending identity, redeeming them with a certificate, and
 * pruning the expired ones. Shared by the identities API, the legacy certificates API and cluster links.
 *
 * <p>Unlike LXD, every refused token gets the same 403 {@value #INVALID_TOKEN} (LXD answers 500 with the
 * cause), the secret is stored only as a hash, a token is only accepted by the entry points meant for its
 * type, and repeated failures from one source address are answered with 429.
 */
public final class TrustTokenService
{
    private static final Logger LOG = LoggerFactory.getLogger(TrustTokenService.class);

    public static final String INVALID_TOKEN = "Invalid trust token";
    public static final String RATE_LIMITED = "Too many failed trust token attempts; try again later";
    public static final String NOT_LISTENING = "Cannot issue token when server is not listening on network";
    private static final int DEFAULT_FAILURE_LIMIT = 10;

    private final StateStore store;
    private final ServerConfigService config;
    private final ServerIdentity serverIdentity;
    private final InstantSource clock;
    private final IdentityEvents events;
    private final TrustFailureLimiter limiter;

    /** One instance per daemon: its failure limiter must see every entry point that redeems tokens. */
    public TrustTokenService(DaemonServices services)
    {
        this(
                services.store(),
                services.config(),
                services.identity(),
                services.clock(),
                new IdentityEvents(services.events()),
                new TrustFailureLimiter(services.clock(), () -> failureLimit(services.config())));
    }

    TrustTokenService(StateStore store, ServerConfigService config, ServerIdentity serverIdentity, InstantSource clock, IdentityEvents events, TrustFailureLimiter limiter)
    {
        this.store = requireNonNull(store, "store is null");
        this.config = requireNonNull(config, "config is null");
        this.serverIdentity = requireNonNull(serverIdentity, "serverIdentity is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.events = requireNonNull(events, "events is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
    }

    /**
     * A pending identity and the token that activates it.
     *
     * @param id the identity's row id, which activation keeps (the identifier becomes the certificate's fingerprint)
     */
    public record PendingIdentity(long id, String identifier, CertificateAddToken token)
    {
        public PendingIdentity
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(token, "token is null");
        }
    }

    /**
     * A pending identity that is ready to be created: apply {@link #command()} (inside another command, to
     * create it together with rows that reference it), and hand out {@link #token()} once it committed.
     */
    public record PreparedPendingIdentity(String identifier, CertificateAddToken token, TrustTokenStore.CreatePendingIdentity command)
    {
        public PreparedPendingIdentity
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(token, "token is null");
            requireNonNull(command, "command is null");
        }
    }

    /** The identity a token activated. */
    public record RedeemedIdentity(String identifier, String name, IdentityType type)
    {
        public RedeemedIdentity
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /** Creates a pending identity whose token expires after {@code core.remote_token_expiry}. */
    public PendingIdentity createPendingIdentity(String name, IdentityType pendingType, List<String> groups, Requestor requestor)
    {
        return createPendingIdentity(name, pendingType, groups, ServerConfigKeys.REMOTE_TOKEN_EXPIRY, requestor);
    }

    /**
     * Creates a pending identity (spec §3.2) and emits {@code identity-created}.
     *
     * @param expiryKey the server configuration key holding the token's expiry expression
     * @throws HttpStatusException 400 for a missing name or when the server is not listening on the
     *         network, 404 for unknown groups
     */
    public PendingIdentity createPendingIdentity(String name, IdentityType pendingType, List<String> groups, String expiryKey, Requestor requestor)
    {
        return create(prepare(name, pendingType, groups, expiryKey, Optional.empty(), List.of()), requestor);
    }

    /**
     * Creates the pending identity of a legacy token for a restricted certificate: redeeming the token makes a
     * {@code Client certificate (restricted)} limited to {@code projects} (LXD copies the token request's
     * {@code restricted} and {@code projects} to the certificate it adds). Its token expires after
     * {@code core.remote_token_expiry}.
     *
     * @throws HttpStatusException 400 for unknown projects, and as {@link #createPendingIdentity}
     */
    public PendingIdentity createRestrictedPendingIdentity(String name, List<String> projects, Requestor requestor)
    {
        return create(prepare(name, IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), ServerConfigKeys.REMOTE_TOKEN_EXPIRY,
                Optional.of(IdentityType.CLIENT_CERTIFICATE_RESTRICTED), projects), requestor);
    }

    private PendingIdentity create(PreparedPendingIdentity prepared, Requestor requestor)
    {
        long id = store.execute(prepared.command());
        events.created(AuthenticationMethod.TLS, prepared.identifier(), prepared.command().name(), prepared.command().type(), requestor, true);
        return new PendingIdentity(id, prepared.identifier(), prepared.token());
    }

    /**
     * Builds the token and the command for a pending identity without applying it. Everything random or
     * time-dependent (UUID, secret, expiry) is decided here, so the command is deterministic.
     */
    public PreparedPendingIdentity prepare(String name, IdentityType pendingType, List<String> groups, String expiryKey)
    {
        return prepare(name, pendingType, groups, expiryKey, Optional.empty(), List.of());
    }

    private PreparedPendingIdentity prepare(String name, IdentityType pendingType, List<String> groups, String expiryKey, Optional<IdentityType> activatesAs, List<String> projects)
    {
        requireNonNull(pendingType, "pendingType is null");
        requireNonNull(groups, "groups is null");
        requireNonNull(expiryKey, "expiryKey is null");
        IdentityService.validateName(name);
        String tokenType = switch (pendingType) {
            case CLIENT_CERTIFICATE_PENDING -> CertificateAddToken.TYPE_CLIENT;
            case CLUSTER_LINK_CERTIFICATE_PENDING -> CertificateAddToken.TYPE_CLUSTER_LINK;
            default -> throw new IllegalArgumentException("Not a pending identity type: " + pendingType.apiName());
        };
        List<String> addresses = config.listenAddresses();
        if (addresses.isEmpty()) {
            throw HttpStatusException.badRequest(NOT_LISTENING);
        }
        Instant expiry;
        try {
            expiry = ExpiryExpression.apply(clock.instant(), config.value(expiryKey)).orElse(CertificateAddToken.NO_EXPIRY);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest("Invalid value of \"" + expiryKey + "\": " + exception.getMessage());
        }
        String identifier = UUID.randomUUID().toString();
        String secret = TrustTokens.newSecret();
        CertificateAddToken token = new CertificateAddToken(
                name,
                serverIdentity.networkCertificate().fingerprint(),
                addresses,
                secret,
                expiry,
                tokenType);
        String metadata = new PendingMetadata(TrustTokens.hashSecret(secret), expiry, activatesAs).toJson();
        return new PreparedPendingIdentity(identifier, token, new TrustTokenStore.CreatePendingIdentity(identifier, name, pendingType, metadata, groups, projects));
    }

    /**
     * A redemption checked and ready to apply: {@link #command()} may run inside another command (link
     * activation updates its link in the same transaction); {@link #complete} then answers for the result.
     *
     * @param token the decoded token; only {@code type} and {@code addresses} are of use, the stored identity governs
     */
    public record PreparedRedemption(TrustTokenStore.RedeemToken command, CertificateAddToken token, String source, Requestor requestor)
    {
        public PreparedRedemption
        {
            requireNonNull(command, "command is null");
            requireNonNull(token, "token is null");
            requireNonNull(source, "source is null");
            requireNonNull(requestor, "requestor is null");
        }
    }

    /**
     * Redeems an encoded token for {@code certificate}: the pending identity it belongs to becomes an active
     * identity identified by the certificate's fingerprint. Emits {@code identity-updated}.
     *
     * @param acceptedPendingTypes the pending types this entry point may activate (a cluster-link token must not
     *         become a client's identity through {@code lxc remote add}, spec §9.2 item 16)
     * @param requestor whose {@code address} is the source the failure limit applies to
     * @throws HttpStatusException 429 when the source failed too often recently; 400 for an invalid certificate;
     *         403 {@value #INVALID_TOKEN} for any bad, expired, used or wrong-type token; 409 when the
     *         certificate is already trusted
     */
    public RedeemedIdentity redeem(String token, X509Certificate certificate, Set<IdentityType> acceptedPendingTypes, Requestor requestor)
    {
        PreparedRedemption prepared = prepareRedemption(token, certificate, acceptedPendingTypes, false, requestor);
        return complete(prepared, store.execute(prepared.command()));
    }

    /**
     * The checks of {@link #redeem} that need no transaction: the failure limit, the certificate, the token's encoding.
     *
     * @param linkedClusterLinkIdentity see {@link TrustTokenStore.RedeemToken}
     */
    public PreparedRedemption prepareRedemption(String token, X509Certificate certificate, Set<IdentityType> acceptedPendingTypes, boolean linkedClusterLinkIdentity, Requestor requestor)
    {
        requireNonNull(token, "token is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(acceptedPendingTypes, "acceptedPendingTypes is null");
        requireNonNull(requestor, "requestor is null");
        String source = sourceHost(requestor.address());
        requireNotRateLimited(source, requestor);
        validateCertificate(certificate);
        CertificateAddToken decoded = decode(token, source, requestor);
        String fingerprint = Certificates.fingerprint(certificate);
        TrustTokenStore.RedeemToken command = new TrustTokenStore.RedeemToken(
                TrustTokens.hashSecret(decoded.secret()),
                acceptedPendingTypes,
                linkedClusterLinkIdentity,
                fingerprint,
                Certificates.toPem(certificate),
                clock.instant());
        return new PreparedRedemption(command, decoded, source, requestor);
    }

    /** Refuses now, as redemption would, when the prepared redemption would not activate anything; changes nothing else. */
    public void requireRedeemable(PreparedRedemption prepared)
    {
        Optional<String> reason = store.read(connection -> prepared.command().rejectionReason(connection));
        if (reason.isPresent()) {
            throw refuse(prepared.source(), prepared.requestor(), reason.get());
        }
    }

    /** Answers for an applied redemption: logs and emits {@code identity-updated}, or refuses with the uniform 403. */
    public RedeemedIdentity complete(PreparedRedemption prepared, TrustTokenStore.Redemption redemption)
    {
        return switch (redemption) {
            case TrustTokenStore.Redemption.Rejected rejected -> throw refuse(prepared.source(), prepared.requestor(), rejected.reason());
            case TrustTokenStore.Redemption.Activated activated -> {
                LOG.info("Trust token of pending identity {} redeemed by {}; identity {} is now of type \"{}\"",
                        activated.pendingIdentifier(), prepared.source(), activated.identifier(), activated.type().apiName());
                events.updated(AuthenticationMethod.TLS, activated.identifier(), activated.name(), activated.type(), prepared.requestor(), false);
                yield new RedeemedIdentity(activated.identifier(), activated.name(), activated.type());
            }
        };
    }

    /**
     * Decodes a token presented by {@code requestor}, refusing with the uniform 403 (and counting the failure)
     * when it cannot be decoded. The fields are not trusted: only the stored pending identity governs.
     */
    public CertificateAddToken decode(String token, Requestor requestor)
    {
        String source = sourceHost(requestor.address());
        requireNotRateLimited(source, requestor);
        return decode(token, source, requestor);
    }

    private CertificateAddToken decode(String token, String source, Requestor requestor)
    {
        try {
            return TrustTokens.decode(token);
        }
        catch (InvalidTokenException exception) {
            // The decoder's detail may quote the token, so only the kind of failure is logged
            throw refuse(source, requestor, "token could not be decoded");
        }
    }

    /** Counts a refusal that happened outside this service (a token of the wrong type) toward the failure limit. */
    public HttpStatusException refuse(Requestor requestor, String reason)
    {
        return refuse(sourceHost(requestor.address()), requestor, reason);
    }

    private void requireNotRateLimited(String source, Requestor requestor)
    {
        OptionalLong retryAfter = limiter.retryAfterSeconds(source);
        if (retryAfter.isPresent()) {
            events.tokenRateLimited(source, retryAfter.getAsLong(), requestor);
            throw new HttpStatusException(429, RATE_LIMITED).withHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
        }
    }

    /** Deletes pending identities whose token expired (or whose metadata is unreadable). */
    public List<TrustTokenStore.PrunedIdentity> pruneExpired()
    {
        List<TrustTokenStore.PrunedIdentity> pruned = store.execute(new TrustTokenStore.PruneExpiredPendingIdentities(clock.instant()));
        for (TrustTokenStore.PrunedIdentity identity : pruned) {
            LOG.info("Pruned pending identity {} (\"{}\", {}): its trust token expired", identity.identifier(), identity.name(), identity.type().apiName());
        }
        return pruned;
    }

    /** The 400s of spec §2.6.1 for a certificate about to be trusted. */
    void validateCertificate(X509Certificate certificate)
    {
        try {
            CertificateValidation.validateClientCertificate(certificate, clock.instant());
        }
        catch (InvalidCertificateException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    private HttpStatusException refuse(String source, Requestor requestor, String reason)
    {
        LOG.debug("Refused trust token from {}: {}", source, reason);
        limiter.recordFailure(source);
        events.tokenFailed(source, requestor);
        return HttpStatusException.forbidden(INVALID_TOKEN);
    }

    private static int failureLimit(ServerConfigService config)
    {
        String value = config.value(ServerConfigKeys.TRUST_FAILURE_LIMIT);
        try {
            return Math.max(1, Integer.parseInt(value));
        }
        catch (NumberFormatException exception) {
            // validated when set; an unreadable value must not switch the limit off
            return DEFAULT_FAILURE_LIMIT;
        }
    }

    /** The host part of {@code host:port} or {@code [v6]:port}: the failure limit is per host, not per connection. */
    static String sourceHost(String address)
    {
        if (address == null || address.isEmpty()) {
            return "";
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end < 0 ? address : address.substring(1, end);
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0 || address.indexOf(':') != colon) {
            // no port, or a bare IPv6 address
            return address;
        }
        return address.substring(0, colon);
    }
}
