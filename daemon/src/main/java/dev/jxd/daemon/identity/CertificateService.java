package dev.jxd.daemon.identity;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.certificate.Certificate;
import dev.jxd.api.certificate.CertificatePut;
import dev.jxd.api.certificate.CertificatesPost;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.GoTime;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityStore.IdentityRow;
import dev.jxd.daemon.identity.IdentityStore.UpdateIdentity.NewCertificate;
import dev.jxd.daemon.operation.OperationManager;
import dev.jxd.daemon.operation.OperationManager.TokenLifecycle;
import dev.jxd.daemon.operation.OperationManager.TokenState;

import javax.security.auth.x500.X500Principal;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The rules of LXD's legacy {@code /1.0/certificates} API, on top of TLS identities: trusting a certificate
 * (fine-grained, restricted to projects, or for metrics), token operations, edits and removal.
 *
 * <p>An unrestricted client certificate added here is a fine-grained {@code Client certificate} without
 * groups, not LXD's administrator-equivalent {@code Client certificate (unrestricted)}: jxd grants rights
 * through groups only. A restricted one is LXD's {@code Client certificate (restricted)}, authorized by the
 * projects it is restricted to (spec §2.7.5).
 */
public final class CertificateService
{
    /** LXD's description of the operation that stands for a certificate add token. */
    public static final String TOKEN_OPERATION = "Certificate add token";
    static final String CLIENT = "client";
    static final String METRICS = "metrics";
    static final String SERVER = "server";

    private final StateStore store;
    private final Authorization authorization;
    private final OperationManager operations;
    private final IdentityEvents events;
    private final TrustTokenService tokens;

    public CertificateService(DaemonServices services, TrustTokenService tokens)
    {
        requireNonNull(services, "services is null");
        this.store = services.store();
        this.authorization = services.authorization();
        this.operations = services.operations();
        this.events = new IdentityEvents(services.events());
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** A certificate-backed identity as the legacy API shows it, with the row it comes from. */
    record View(IdentityRow row, Certificate certificate) {}

    /** The certificates the caller may view, ordered by fingerprint. */
    List<View> list(Caller caller)
    {
        return store.read(connection -> {
            Map<Long, String> pems = IdentityStore.allCertificatePems(connection);
            Map<Long, List<String>> projects = IdentityStore.allProjects(connection);
            List<View> views = new ArrayList<>();
            for (IdentityRow row : IdentityStore.list(connection, Optional.of(AuthenticationMethod.TLS))) {
                String pem = pems.get(row.id());
                if (isCertificate(row) && pem != null && authorization.canView(caller, IdentityService.visibilityUrl(row))) {
                    views.add(new View(row, toCertificate(row, pem, projects.getOrDefault(row.id(), List.of()))));
                }
            }
            return views;
        });
    }

    /**
     * The certificate named by its fingerprint or, as LXD allows, a prefix of it that names exactly one
     * certificate the caller may view.
     *
     * @throws HttpStatusException 404 when there is none or the caller may not view it (a restricted caller gets
     *         LXD's 403 {@code Certificate is restricted}), 400 when the prefix is ambiguous
     */
    View get(Caller caller, String fingerprint)
    {
        return store.read(connection -> {
            List<IdentityRow> candidates = candidates(connection, fingerprint);
            List<IdentityRow> visible = candidates.stream()
                    .filter(row -> authorization.canView(caller, IdentityService.visibilityUrl(row)))
                    .toList();
            if (visible.size() > 1) {
                throw HttpStatusException.badRequest("More than one certificate matches \"" + fingerprint + "\"");
            }
            if (visible.isEmpty()) {
                if (candidates.size() == 1) {
                    authorization.require(caller, IdentityService.visibilityUrl(candidates.getFirst()), "can_view");
                }
                throw HttpStatusException.notFound();
            }
            IdentityRow row = visible.getFirst();
            String pem = IdentityStore.certificatePem(connection, row.id()).orElseThrow(HttpStatusException::notFound);
            return new View(row, toCertificate(row, pem, IdentityStore.projects(connection, row.id())));
        });
    }

    /**
     * Trusts a certificate for a trusted caller that may create identities: the certificate in the request or,
     * as in LXD, the caller's own.
     *
     * @return the new certificate's fingerprint
     */
    public String create(CertificatesPost request, Optional<X509Certificate> peerCertificate, Requestor requestor)
    {
        String kind = kind(request.type(), CLIENT);
        boolean restricted = Boolean.TRUE.equals(request.restricted());
        List<String> projects = projects(restricted, request.projects());
        X509Certificate certificate = isEmpty(request.certificate())
                ? peerCertificate.orElseThrow(() -> HttpStatusException.badRequest("Must provide a certificate"))
                : IdentityService.parseCertificate(request.certificate());
        String name = isEmpty(request.name()) ? commonName(certificate) : validName(request.name());
        tokens.validateCertificate(certificate);
        String fingerprint = Certificates.fingerprint(certificate);
        IdentityType type = typeOf(kind, restricted, Optional.empty());
        store.execute(new IdentityStore.CreateCertificateIdentity(name, fingerprint, Certificates.toPem(certificate), type, projects));
        events.created(AuthenticationMethod.TLS, fingerprint, name, type, requestor, true);
        return fingerprint;
    }

    /**
     * {@code POST /1.0/certificates} with {@code token: true}: a pending identity and LXD's token operation,
     * whose metadata is what {@code lxc config trust add} turns into the token it prints ({@code request},
     * {@code secret}, {@code fingerprint}, {@code addresses}, {@code expiresAt} when the token expires). The
     * operation runs until the token is used (it then succeeds), revoked by cancelling it (the pending identity
     * is deleted), withdrawn some other way, or expires.
     */
    public Operation createToken(CertificatesPost request, Requestor requestor)
    {
        if (!isEmpty(request.certificate())) {
            throw HttpStatusException.badRequest("Cannot use certificate if token is requested");
        }
        if (!kind(request.type(), CLIENT).equals(CLIENT)) {
            throw HttpStatusException.badRequest("Tokens can only be issued for client certificates");
        }
        String name = isEmpty(request.name()) ? "" : validName(request.name());
        boolean restricted = Boolean.TRUE.equals(request.restricted());
        List<String> projects = projects(restricted, request.projects());
        TrustTokenService.PendingIdentity pending = restricted
                ? tokens.createRestrictedPendingIdentity(name, projects, requestor)
                : tokens.createPendingIdentity(name, IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), requestor);
        CertificateAddToken token = pending.token();

        Map<String, Object> metadata = new LinkedHashMap<>();
        // What the token will make, without anything a client could have smuggled into the request
        metadata.put("request", new CertificatesPost(name, "", CLIENT, restricted, projects, "", "", "", true));
        metadata.put(OperationManager.SECRET, new OperationManager.Secret(token.secret()));
        metadata.put("fingerprint", token.fingerprint());
        metadata.put("addresses", token.addresses());
        Optional<Instant> expiry = token.expiresAt().equals(CertificateAddToken.NO_EXPIRY) ? Optional.empty() : Optional.of(token.expiresAt());
        // LXD leaves expiresAt out for a token that never expires
        expiry.ifPresent(instant -> metadata.put("expiresAt", GoTime.format(instant)));
        return operations.createToken(TOKEN_OPERATION, metadata, Map.of(), requestor, new TokenLifecycle(
                expiry,
                canceller -> revoke(pending, name, canceller),
                () -> tokenState(pending.id())));
    }

    private void revoke(TrustTokenService.PendingIdentity pending, String name, Requestor requestor)
    {
        switch (store.execute(new TrustTokenStore.WithdrawPendingIdentity(pending.id()))) {
            case WITHDRAWN -> events.deleted(AuthenticationMethod.TLS, pending.identifier(), name, IdentityType.CLIENT_CERTIFICATE_PENDING, requestor, true);
            case ALREADY_GONE -> {}
            case ALREADY_REDEEMED -> throw HttpStatusException.badRequest("The token has already been used");
        }
    }

    /** Activation keeps the pending identity's row: a row of an active type means the token was used. */
    private TokenState tokenState(long pendingIdentityId)
    {
        return store.read(connection -> IdentityStore.findById(connection, pendingIdentityId))
                .map(row -> row.type().pending() ? TokenState.PENDING : TokenState.USED)
                .orElse(TokenState.WITHDRAWN);
    }

    /**
     * {@code PUT}/{@code PATCH /1.0/certificates/<fingerprint>}. A caller with {@code can_edit} may change the
     * name, the type (client or metrics, restricted or not), the projects and the certificate; a certificate
     * without it may only replace itself with another certificate (LXD's {@code Only the certificate can be changed}).
     *
     * @param patch keep what the body leaves out (PUT takes the empty value instead)
     * @param checkEtag enforces {@code If-Match} against the certificate as the caller sees it
     */
    public void update(Caller caller, String fingerprint, CertificatePut request, boolean patch, Consumer<Certificate> checkEtag, Requestor requestor)
    {
        View current = get(caller, fingerprint);
        IdentityRow row = current.row();
        Certificate shown = current.certificate();
        if (!IdentityStore.LEGACY_API_TYPES.contains(row.type())) {
            throw HttpStatusException.badRequest("Certificates of type \"" + shown.type() + "\" cannot be modified");
        }
        EntityUrl url = IdentityService.visibilityUrl(row);
        boolean privileged = authorization.hasEntitlement(caller, url, "can_edit");
        if (!privileged && !isSelf(caller, row)) {
            authorization.require(caller, url, "can_edit");
            throw HttpStatusException.forbidden();
        }
        checkEtag.accept(shown);

        String name = request.name() != null ? request.name() : patch ? shown.name() : "";
        if (!name.equals(row.name())) {
            validName(name);
        }
        String kind = kind(request.type(), shown.type());
        boolean restricted = request.restricted() != null ? request.restricted() : patch && shown.restricted();
        // A PATCH that lifts the restriction drops the projects with it
        List<String> requestedProjects = request.projects() != null ? request.projects() : patch && restricted ? shown.projects() : List.of();
        List<String> projects = projects(restricted, requestedProjects);
        IdentityType type = typeOf(kind, restricted, Optional.of(row.type()));
        Optional<NewCertificate> certificate = newCertificate(row, shown, request.certificate());

        boolean otherChanges = !name.equals(row.name()) || type != row.type() || !projects.equals(shown.projects());
        if (!privileged && otherChanges) {
            throw HttpStatusException.forbidden("Only the certificate can be changed");
        }
        if (!otherChanges && certificate.isEmpty()) {
            return;
        }
        String identifier = store.execute(new IdentityStore.UpdateCertificateIdentity(row.identifier(), row.type(), name, type, projects, certificate));
        events.updated(AuthenticationMethod.TLS, identifier, name, type, requestor, privileged);
    }

    /**
     * {@code DELETE /1.0/certificates/<fingerprint>}: a caller with {@code can_delete}, or the certificate itself
     * (as in LXD, a restricted certificate may remove itself).
     */
    public void delete(Caller caller, String fingerprint, Requestor requestor)
    {
        IdentityRow row = get(caller, fingerprint).row();
        boolean self = isSelf(caller, row);
        if (!self) {
            authorization.require(caller, IdentityService.visibilityUrl(row), "can_delete");
        }
        store.execute(new IdentityStore.DeleteIdentity(AuthenticationMethod.TLS, row.identifier()));
        events.deleted(AuthenticationMethod.TLS, row.identifier(), row.name(), row.type(), requestor, !self);
    }

    /** The canonical URL of a certificate, for {@code Location} headers and lists. */
    static String certificateUrl(String fingerprint)
    {
        return EntityUrl.of(EntityType.CERTIFICATE, null, fingerprint).url();
    }

    private Optional<NewCertificate> newCertificate(IdentityRow row, Certificate shown, String pem)
    {
        if (isEmpty(pem) || pem.strip().equals(shown.certificate().strip())) {
            return Optional.empty();
        }
        X509Certificate parsed = IdentityService.parseCertificate(pem);
        String fingerprint = Certificates.fingerprint(parsed);
        if (fingerprint.equals(row.identifier())) {
            return Optional.empty();
        }
        tokens.validateCertificate(parsed);
        return Optional.of(new NewCertificate(fingerprint, Certificates.toPem(parsed)));
    }

    /**
     * The type a certificate of this kind gets. An unrestricted client certificate is a fine-grained
     * {@code Client certificate}, except that an existing {@code Client certificate (unrestricted)} keeps its type.
     */
    static IdentityType typeOf(String kind, boolean restricted, Optional<IdentityType> current)
    {
        if (kind.equals(METRICS)) {
            return restricted ? IdentityType.METRICS_CERTIFICATE_RESTRICTED : IdentityType.METRICS_CERTIFICATE_UNRESTRICTED;
        }
        if (restricted) {
            return IdentityType.CLIENT_CERTIFICATE_RESTRICTED;
        }
        return current.filter(type -> type == IdentityType.CLIENT_CERTIFICATE_UNRESTRICTED).orElse(IdentityType.CLIENT_CERTIFICATE);
    }

    /** {@code client} or {@code metrics}; an empty type means {@code fallback}. */
    private static String kind(String type, String fallback)
    {
        if (isEmpty(type)) {
            return fallback;
        }
        if (!type.equals(CLIENT) && !type.equals(METRICS)) {
            throw HttpStatusException.badRequest("Unsupported certificate type \"" + type + "\"");
        }
        return type;
    }

    /** Sorted and without duplicates; projects only make sense for a restricted certificate. */
    private static List<String> projects(boolean restricted, List<String> projects)
    {
        List<String> sorted = projects == null ? List.of() : List.copyOf(new TreeSet<>(projects));
        if (!restricted && !sorted.isEmpty()) {
            throw HttpStatusException.badRequest("Projects can only be set for restricted certificates");
        }
        return sorted;
    }

    private static String validName(String name)
    {
        if (name.isEmpty()) {
            throw HttpStatusException.badRequest("Certificate name must be provided");
        }
        if (name.startsWith("-") || name.contains("/")) {
            throw HttpStatusException.badRequest("Invalid certificate name \"" + name + "\", name must not start with a hyphen or contain forward slashes");
        }
        IdentityService.validateName(name);
        return name;
    }

    private static boolean isSelf(Caller caller, IdentityRow row)
    {
        return Caller.PROTOCOL_TLS.equals(caller.protocol()) && row.identifier().equals(caller.username());
    }

    /** Active identities with a certificate that LXD's certificates API shows: not pending ones, not cluster links. */
    private static boolean isCertificate(IdentityRow row)
    {
        return row.method() == AuthenticationMethod.TLS && !row.type().pending() && row.type() != IdentityType.CLUSTER_LINK_CERTIFICATE;
    }

    /** The certificate with exactly this fingerprint, else those whose fingerprint starts with it. */
    private static List<IdentityRow> candidates(Connection connection, String fingerprint)
    {
        Optional<IdentityRow> exact = IdentityStore.findByIdentifier(connection, AuthenticationMethod.TLS, fingerprint);
        if (exact.isPresent()) {
            return exact.filter(CertificateService::isCertificate).stream().toList();
        }
        if (fingerprint.isEmpty()) {
            return List.of();
        }
        return IdentityStore.findByIdentifierPrefix(connection, AuthenticationMethod.TLS, fingerprint).stream()
                .filter(CertificateService::isCertificate)
                .toList();
    }

    private static Certificate toCertificate(IdentityRow row, String pem, List<String> projects)
    {
        IdentityType type = row.type();
        String kind = switch (type) {
            case SERVER_CERTIFICATE -> SERVER;
            case METRICS_CERTIFICATE_RESTRICTED, METRICS_CERTIFICATE_UNRESTRICTED -> METRICS;
            default -> CLIENT;
        };
        boolean restricted = type == IdentityType.CLIENT_CERTIFICATE_RESTRICTED || type == IdentityType.METRICS_CERTIFICATE_RESTRICTED;
        return new Certificate(
                row.name(),
                kind,
                restricted,
                projects,
                pem,
                row.identifier(),
                GoTime.format(Certificates.parsePem(pem).getNotAfter().toInstant()));
    }

    /**
     * LXD names a certificate added without a name after its subject's common name; jxd takes the start of
     * the fingerprint instead when there is none, or when it would not be a valid name (a common name may hold
     * anything, slashes and control characters too).
     */
    static String commonName(X509Certificate certificate)
    {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : subject.split("(?<!\\\\),")) {
            if (part.startsWith("CN=")) {
                String commonName = part.substring("CN=".length());
                if (isValidName(commonName)) {
                    return commonName;
                }
            }
        }
        return Certificates.fingerprint(certificate).substring(0, 12);
    }

    private static boolean isValidName(String name)
    {
        try {
            validName(name);
            return true;
        }
        catch (HttpStatusException _) {
            return false;
        }
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
