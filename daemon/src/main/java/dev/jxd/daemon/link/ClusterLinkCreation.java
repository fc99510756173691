package dev.jxd.daemon.link;

import dev.jxd.api.cert.CertificateParseException;
import dev.jxd.api.cert.CertificateValidation;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.cert.InvalidCertificateException;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.link.ClusterLinkCertificate;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.validate.Names;
import dev.jxd.api.validate.NetworkAddresses;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.common.Undo;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityEvents;
import dev.jxd.daemon.identity.IdentityStore;
import dev.jxd.daemon.identity.TrustTokenService;
import dev.jxd.daemon.link.peer.PeerConnector;
import dev.jxd.daemon.link.peer.PeerCredentials;
import dev.jxd.daemon.link.peer.PeerException;
import dev.jxd.daemon.link.peer.PeerFailure;
import dev.jxd.daemon.link.peer.VerifiedCertificate;
import dev.jxd.daemon.server.ServerConfigKeys;
import dev.jxd.daemon.server.ServerConfigService;

import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /1.0/cluster/links}: the request classification of spec §4.7 and every creation flow of §4.8.
 *
 * <p>Where jxd differs from LXD: every refused token is a 403 (LXD answers several with 500); a token of the wrong
 * type is refused on every path, not only at activation; callers cannot set {@code volatile.*} keys; invalid
 * configuration is a 400; activation checks the token before it probes the caller's addresses, so a stranger
 * cannot make it probe addresses; and every step that changes state on this cluster has its undo registered
 * before the step that could fail after it.
 */
final class ClusterLinkCreation
{
    static final String TOKEN_REQUIRED = "Trust token required";
    static final String INVALID_REQUEST = "Invalid cluster link request: expected one of pending creation (name without trust_token), "
            + "active creation (name with trust_token), or activation (trust_token with non-empty \"volatile.addresses\")";
    private static final String IDENTITY_LOCATION = "/1.0/auth/identities/tls/";

    private final StateStore store;
    private final Authorization authorization;
    private final TrustTokenService tokens;
    private final ClusterLinkService links;
    private final ClusterLinkEvents events;
    private final IdentityEvents identityEvents;
    private final PeerConnector peers;
    private final ServerConfigService config;
    private final String networkCertificatePem;
    private final InstantSource clock;
    private final Executor background;

    ClusterLinkCreation(
            StateStore store,
            Authorization authorization,
            TrustTokenService tokens,
            ClusterLinkService links,
            ClusterLinkEvents events,
            IdentityEvents identityEvents,
            PeerConnector peers,
            ServerConfigService config,
            String networkCertificatePem,
            InstantSource clock,
            Executor background)
    {
        this.store = requireNonNull(store, "store is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.links = requireNonNull(links, "links is null");
        this.events = requireNonNull(events, "events is null");
        this.identityEvents = requireNonNull(identityEvents, "identityEvents is null");
        this.peers = requireNonNull(peers, "peers is null");
        this.config = requireNonNull(config, "config is null");
        this.networkCertificatePem = requireNonNull(networkCertificatePem, "networkCertificatePem is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.background = requireNonNull(background, "background is null");
    }

    /** What a creation request produced, for the handler to render. */
    sealed interface Outcome
    {
        /** 201 with the pending identity's URL and its token. */
        record Pending(String identityUrl, CertificateAddToken token)
                implements Outcome {}

        /** 201 with the URL of the identity now trusted (LXD answers with no metadata). */
        record Created(String identityUrl)
                implements Outcome {}

        /** 200 with no metadata. */
        record Done()
                implements Outcome {}

        /** 200 with the certificate the user must confirm. */
        record PublicPending(ClusterLinkCertificate certificate)
                implements Outcome {}
    }

    Outcome create(ClusterLinksPost request, Caller caller, Requestor requestor)
    {
        ClusterLinkType type = ClusterLinkType.fromApiName(request.type())
                .orElseThrow(() -> HttpStatusException.badRequest("Invalid cluster link type \"" + nullToEmpty(request.type()) + "\""));
        String name = nullToEmpty(request.name());
        if (!name.isEmpty()) {
            validateName(name);
        }
        String token = nullToEmpty(request.trustToken());
        List<String> groups = request.authGroups() == null ? List.of() : request.authGroups();
        String remoteAddress = nullToEmpty(request.remoteAddress());
        if (type == ClusterLinkType.PUBLIC) {
            if (name.isEmpty()) {
                throw HttpStatusException.badRequest("Public cluster links require a name");
            }
            if (!token.isEmpty()) {
                throw HttpStatusException.badRequest("Trust token cannot be set for public cluster links");
            }
            if (!groups.isEmpty()) {
                throw HttpStatusException.badRequest("Auth groups cannot be set for public cluster links");
            }
            if (remoteAddress.isEmpty()) {
                throw HttpStatusException.badRequest("Public cluster links require remote_address");
            }
            return nullToEmpty(request.clusterCertificate()).isEmpty()
                    ? createPublicPending(request, name, remoteAddress, caller, requestor)
                    : confirmPublic(request, name, caller, requestor);
        }
        if (!remoteAddress.isEmpty()) {
            throw HttpStatusException.badRequest("Remote address can only be set for public cluster links");
        }
        if (!name.isEmpty() && token.isEmpty()) {
            return createPending(request, name, type, groups, caller, requestor);
        }
        if (token.isEmpty()) {
            throw HttpStatusException.forbidden(TOKEN_REQUIRED);
        }
        if (!name.isEmpty()) {
            return type == ClusterLinkType.UNIDIRECTIONAL
                    ? createUnidirectional(request, name, groups, caller, requestor)
                    : createBidirectional(request, name, groups, caller, requestor);
        }
        String addresses = request.config() == null ? "" : nullToEmpty(request.config().get(ClusterLinkConfig.ADDRESSES));
        if (!addresses.isBlank()) {
            return activate(request, type, addresses, requestor);
        }
        throw HttpStatusException.badRequest(INVALID_REQUEST);
    }

    /** Spec §4.8.1 and §4.8.4: a pending identity and its token; for a bidirectional link, the pending link on it too. */
    private Outcome createPending(ClusterLinksPost request, String name, ClusterLinkType type, List<String> groups, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_identities");
        authorization.require(caller, EntityUrl.server(), "can_create_cluster_links");
        Map<String, String> linkConfig = ClusterLinkConfig.userSupplied(request.config());
        if (type == ClusterLinkType.UNIDIRECTIONAL) {
            // The target of a unidirectional link keeps no link row, only the identity the initiator activates
            TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity(
                    name, IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, groups, ServerConfigKeys.CLUSTER_LINK_TOKEN_EXPIRY, requestor);
            return new Outcome.Pending(IDENTITY_LOCATION + pending.identifier(), pending.token());
        }
        TrustTokenService.PreparedPendingIdentity prepared = tokens.prepare(
                name, IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, groups, ServerConfigKeys.CLUSTER_LINK_TOKEN_EXPIRY);
        store.execute(new ClusterLinkStore.CreateBidirectionalLink(name, prepared.command(), nullToEmpty(request.description()), linkConfig));
        events.created(name, requestor);
        identityEvents.created(AuthenticationMethod.TLS, prepared.identifier(), name, IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING, requestor, true);
        return new Outcome.Pending(IDENTITY_LOCATION + prepared.identifier(), prepared.token());
    }

    /**
     * Spec §4.8.2, on the token's consumer: verify the issuer's certificate at the token's addresses, trust it as an
     * identity with a link, then ask the issuer to activate its pending link with our certificate. If the issuer
     * refuses or cannot be reached, the identity and link made here are removed again.
     */
    private Outcome createBidirectional(ClusterLinksPost request, String name, List<String> groups, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_identities");
        authorization.require(caller, EntityUrl.server(), "can_create_cluster_links");
        CertificateAddToken token = decodeLinkToken(request.trustToken(), requestor);
        Map<String, String> linkConfig = ClusterLinkConfig.userSupplied(request.config());
        List<String> ownAddresses = config.listenAddresses();
        if (ownAddresses.isEmpty()) {
            throw HttpStatusException.badRequest("Cannot create a bidirectional cluster link while the server is not listening on the network: "
                    + "the other cluster verifies this cluster's certificate at its addresses (set core.https_address)");
        }
        VerifiedCertificate verified = verifyTokenIssuer(token);
        X509Certificate remote = verified.certificate();
        validateRemoteCertificate(remote);
        String fingerprint = Certificates.fingerprint(remote);
        linkConfig.put(ClusterLinkConfig.ADDRESSES, String.join(",", token.addresses()));

        ClusterLinksPost activation = new ClusterLinksPost(
                "",
                request.type(),
                "",
                Map.of(ClusterLinkConfig.ADDRESSES, String.join(",", ownAddresses)),
                request.trustToken(),
                null,
                networkCertificatePem,
                null);
        PeerCredentials issuer = new PeerCredentials(remote, Optional.empty());
        try (Undo undo = new Undo()) {
            undo.add("delete cluster link \"" + name + "\"", () -> store.execute(new ClusterLinkStore.DeleteCreatedLink(name, fingerprint)));
            store.execute(new ClusterLinkStore.CreateBidirectionalLink(
                    name,
                    new IdentityStore.CreateClusterLinkIdentity(name, fingerprint, Certificates.toPem(remote), groups),
                    nullToEmpty(request.description()),
                    linkConfig));
            try {
                peers.callFirst(verified.verifiedAddresses(), issuer, client -> client.post("/1.0/cluster/links", activation));
            }
            catch (PeerException exception) {
                throw activationFailure("Failed activating cluster link \"" + name + "\"", exception);
            }
            undo.commit();
        }
        events.created(name, requestor);
        identityEvents.created(AuthenticationMethod.TLS, fingerprint, name, IdentityType.CLUSTER_LINK_CERTIFICATE, requestor, true);
        background.execute(() -> links.refreshAddressesQuietly(name));
        return new Outcome.Created(IDENTITY_LOCATION + fingerprint);
    }

    /**
     * Spec §4.8.3, on the token's issuer, called by the consumer without a client certificate: the token proves who
     * it is, and the certificate it sends must really be served at the addresses it advertises.
     */
    private Outcome activate(ClusterLinksPost request, ClusterLinkType type, String addressList, Requestor requestor)
    {
        decodeLinkToken(request.trustToken(), requestor);
        String pem = nullToEmpty(request.clusterCertificate());
        if (pem.isEmpty()) {
            throw HttpStatusException.badRequest("Cluster certificate required");
        }
        X509Certificate remote = parseCertificate(pem);
        List<String> addresses;
        try {
            addresses = NetworkAddresses.parseAddressList(addressList);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest("Invalid cluster link configuration key \"" + ClusterLinkConfig.ADDRESSES + "\" value: " + exception.getMessage());
        }
        TrustTokenService.PreparedRedemption redemption = tokens.prepareRedemption(
                request.trustToken(), remote, Set.of(IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING), true, requestor);
        // Only a caller holding a live token may make this server probe addresses
        tokens.requireRedeemable(redemption);
        verify(addresses, Certificates.fingerprint(remote));
        ClusterLinkStore.Activation activation = store.execute(new ClusterLinkStore.ActivateLink(redemption.command(), String.join(",", addresses)));
        TrustTokenService.RedeemedIdentity redeemed = tokens.complete(redemption, activation.redemption());
        String name = activation.linkName().orElseThrow();
        // LXD emits a second cluster-link-created here (spec §9.2 item 21); the link existed, it was updated
        events.updated(name, requestor);
        background.execute(() -> links.refreshAddressesQuietly(name));
        return new Outcome.Created(IDENTITY_LOCATION + redeemed.identifier());
    }

    /**
     * Spec §4.8.5, on the initiator: pin the target's certificate, then redeem the target's token presenting this
     * cluster's certificate, which activates the identity the target prepared for us.
     */
    private Outcome createUnidirectional(ClusterLinksPost request, String name, List<String> groups, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_cluster_links");
        if (!groups.isEmpty()) {
            throw HttpStatusException.badRequest("Auth groups cannot be set on the initiating side of a unidirectional cluster link: "
                    + "it creates no identity here; the target cluster chose the groups when it issued the token");
        }
        CertificateAddToken token = decodeLinkToken(request.trustToken(), requestor);
        Map<String, String> linkConfig = ClusterLinkConfig.userSupplied(request.config());
        VerifiedCertificate verified = verifyTokenIssuer(token);
        X509Certificate remote = verified.certificate();
        validateRemoteCertificate(remote);
        String fingerprint = Certificates.fingerprint(remote);
        linkConfig.put(ClusterLinkConfig.ADDRESSES, String.join(",", token.addresses()));

        PeerCredentials target = links.credentials(ClusterLinkType.UNIDIRECTIONAL, remote);
        Map<String, Object> redemption = Map.of("trust_token", request.trustToken());
        try (Undo undo = new Undo()) {
            undo.add("delete cluster link \"" + name + "\"", () -> store.execute(new ClusterLinkStore.DeleteCreatedLink(name, fingerprint)));
            store.execute(new ClusterLinkStore.CreatePinnedLink(
                    name, nullToEmpty(request.description()), ClusterLinkType.UNIDIRECTIONAL, linkConfig, fingerprint, Certificates.toPem(remote)));
            try {
                peers.callFirst(verified.verifiedAddresses(), target, client -> client.post("/1.0/auth/identities/tls", redemption));
            }
            catch (PeerException exception) {
                throw activationFailure("Failed activating unidirectional cluster link \"" + name + "\"", exception);
            }
            undo.commit();
        }
        events.created(name, requestor);
        background.execute(() -> links.refreshAddressesQuietly(name));
        return new Outcome.Done();
    }

    /** Spec §4.8.6: fetch the remote's certificate and keep it, unconfirmed, for the user to check its fingerprint. */
    private Outcome createPublicPending(ClusterLinksPost request, String name, String remoteAddress, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_cluster_links");
        Map<String, String> linkConfig = ClusterLinkConfig.normalize(request.config());
        // As LXD: the caller's volatile keys are dropped here; the pending ones are set below
        linkConfig.keySet().removeIf(key -> key.startsWith(ClusterLinkConfig.VOLATILE_PREFIX));
        ClusterLinkConfig.validate(linkConfig);
        String address = PeerConnector.canonicalAddress(remoteAddress);
        try {
            NetworkAddresses.validateHostPort(address);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest("Invalid remote_address \"" + remoteAddress + "\": " + exception.getMessage());
        }
        X509Certificate remote;
        try {
            remote = peers.fetchVerifiedServerCertificate(address);
        }
        catch (PeerException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
        String pem = Certificates.toPem(remote);
        Map<String, String> pendingConfig = new TreeMap<>(linkConfig);
        pendingConfig.put(ClusterLinkConfig.PENDING_CERTIFICATE, pem);
        pendingConfig.put(ClusterLinkConfig.PENDING_ADDRESS, address);
        boolean created = store.execute(new ClusterLinkStore.UpsertPublicPendingLink(name, nullToEmpty(request.description()), pendingConfig));
        if (created) {
            events.created(name, requestor);
        }
        return new Outcome.PublicPending(new ClusterLinkCertificate(Certificates.fingerprint(remote), pem));
    }

    /** Spec §4.8.7: the user confirmed the fingerprint; pin the certificate fetched in phase 1. */
    private Outcome confirmPublic(ClusterLinksPost request, String name, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_cluster_links");
        X509Certificate submitted;
        try {
            submitted = Certificates.parsePem(request.clusterCertificate());
        }
        catch (CertificateParseException exception) {
            throw HttpStatusException.badRequest("Failed parsing cluster certificate: " + exception.getMessage());
        }
        store.execute(new ClusterLinkStore.ConfirmPublicLink(name, Certificates.fingerprint(submitted)));
        events.updated(name, requestor);
        return new Outcome.Done();
    }

    /**
     * A token for creating or activating a link: it must decode and be a cluster-link token. A client token here is
     * refused like any bad token (LXD only checks the type at activation, spec §9.2 item 16).
     */
    private CertificateAddToken decodeLinkToken(String encoded, Requestor requestor)
    {
        CertificateAddToken token = tokens.decode(encoded, requestor);
        if (!CertificateAddToken.TYPE_CLUSTER_LINK.equals(token.type())) {
            throw tokens.refuse(requestor, "token of type \"" + token.type() + "\" presented for a cluster link");
        }
        return token;
    }

    private VerifiedCertificate verifyTokenIssuer(CertificateAddToken token)
    {
        if (token.addresses() == null || token.addresses().isEmpty()) {
            throw HttpStatusException.badRequest("No cluster addresses provided in trust token");
        }
        return verify(token.addresses(), nullToEmpty(token.fingerprint()));
    }

    private VerifiedCertificate verify(List<String> addresses, String fingerprint)
    {
        try {
            return peers.verifyCertificate(addresses, fingerprint);
        }
        catch (PeerException exception) {
            throw HttpStatusException.badRequest("Failed validating cluster certificate: " + exception.getMessage());
        }
    }

    /** The checks a client certificate gets (spec §4.8.2 step 4): it becomes an identity here, or is pinned. */
    private void validateRemoteCertificate(X509Certificate certificate)
    {
        try {
            CertificateValidation.validateClientCertificate(certificate, clock.instant());
        }
        catch (InvalidCertificateException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    /**
     * Spec §4.8.2 step 9: the first failure the remote answered with keeps its status, so the user sees why the remote
     * refused; when no address answered, 502 lists why each failed.
     */
    private static HttpStatusException activationFailure(String prefix, PeerException exception)
    {
        List<PeerFailure> failures = exception.failures();
        Optional<PeerFailure> answered = failures.stream().filter(failure -> failure.httpStatus().isPresent()).findFirst();
        if (answered.isPresent()) {
            PeerFailure failure = answered.get();
            return new HttpStatusException(failure.httpStatus().getAsInt(), prefix + " after trying " + failures.size() + " address(es): Remote cluster address \""
                    + failure.address() + "\": " + failure.message());
        }
        String reasons = failures.stream().map(PeerFailure::describe).collect(Collectors.joining("; "));
        return new HttpStatusException(502, prefix + ": " + (reasons.isEmpty() ? exception.getMessage() : reasons));
    }

    private static X509Certificate parseCertificate(String pem)
    {
        try {
            return Certificates.parsePem(pem);
        }
        catch (CertificateParseException exception) {
            throw HttpStatusException.badRequest("Failed parsing cluster certificate: " + exception.getMessage());
        }
    }

    static void validateName(String name)
    {
        try {
            Names.validateClusterLinkName(name);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    private static String nullToEmpty(String value)
    {
        return value == null ? "" : value;
    }
}
