package dev.jxd.daemon.identity;

import dev.jxd.api.auth.IdentitiesTlsPost;
import dev.jxd.api.auth.Identity;
import dev.jxd.api.auth.IdentityInfo;
import dev.jxd.api.auth.IdentityPut;
import dev.jxd.api.cert.CertificateParseException;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.validate.Names;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityStore.IdentityRow;
import dev.jxd.daemon.identity.IdentityStore.UpdateIdentity.NewCertificate;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** The rules of the identities API (spec §2.4–2.6): who sees which identity, creation, updates, deletion. */
public final class IdentityService
{
    static final String NOT_MODIFIABLE = "Identities of type \"%s\" cannot be modified via this API";

    private final StateStore store;
    private final Authorization authorization;
    private final IdentityEvents events;
    private final TrustTokenService tokens;

    public IdentityService(DaemonServices services, TrustTokenService tokens)
    {
        requireNonNull(services, "services is null");
        this.store = services.store();
        this.authorization = services.authorization();
        this.events = new IdentityEvents(services.events());
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** What a trusted {@code POST /1.0/auth/identities/tls} produced: an active identity or a pending one with its token. */
    public sealed interface Created
    {
        record Active(String fingerprint)
                implements Created {}

        record Pending(TrustTokenService.PendingIdentity pending)
                implements Created {}
    }

    /** {@code tls}, {@code oidc} or {@code bearer}; anything else is a 400 that names the method. */
    public static AuthenticationMethod method(String name)
    {
        return AuthenticationMethod.fromApiName(name)
                .orElseThrow(() -> HttpStatusException.badRequest("Invalid authentication method \"" + name + "\""));
    }

    /** The identities the caller may view, ordered by method and identifier. */
    public List<Identity> list(Caller caller, Optional<AuthenticationMethod> method)
    {
        return store.read(connection -> {
            // Groups and certificates of every identity in two queries, not two per identity
            Map<Long, List<String>> groups = IdentityStore.allGroups(connection);
            Map<Long, String> certificates = IdentityStore.allCertificatePems(connection);
            return IdentityStore.list(connection, method).stream()
                    .filter(row -> authorization.canView(caller, visibilityUrl(row)))
                    .map(row -> view(caller, row, groups.getOrDefault(row.id(), List.of()), Optional.ofNullable(certificates.get(row.id()))))
                    .toList();
        });
    }

    /** The identity as the caller sees it; 404 if it does not exist or the caller cannot view it. */
    public Identity get(Caller caller, AuthenticationMethod method, String nameOrIdentifier)
    {
        return store.read(connection -> view(connection, caller, resolveVisible(connection, caller, method, nameOrIdentifier)));
    }

    /**
     * The URL an access rule checks for {@code /1.0/auth/identities/<method>/<nameOrIdentifier>}: the path may
     * carry a name but permissions name identifiers. Anything that does not resolve to exactly one identity
     * yields the URL of an identity that does not exist, so the check fails for every non-administrator.
     */
    public EntityUrl accessUrl(String methodName, String nameOrIdentifier)
    {
        Optional<AuthenticationMethod> method = AuthenticationMethod.fromApiName(methodName);
        if (method.isPresent()) {
            List<IdentityRow> candidates = store.read(connection -> candidates(connection, method.get(), nameOrIdentifier));
            if (candidates.size() == 1) {
                return candidates.getFirst().url();
            }
        }
        return EntityUrl.identity(methodName, nameOrIdentifier);
    }

    /** {@code GET /1.0/auth/identities/current}. */
    public IdentityInfo current(Caller caller)
    {
        if (!Caller.PROTOCOL_TLS.equals(caller.protocol())) {
            throw HttpStatusException.badRequest("Current identity information must be requested via the HTTPS API");
        }
        IdentityRow row = store.read(connection -> IdentityStore.findByIdentifier(connection, AuthenticationMethod.TLS, caller.username()))
                .orElseThrow(HttpStatusException::notFound);
        List<String> groups = store.read(connection -> IdentityStore.groups(connection, row.id()));
        Optional<X509Certificate> credential = caller.peerCertificate();
        String certificate = credential.map(Certificates::toPem)
                .orElseGet(() -> store.read(connection -> IdentityStore.certificatePem(connection, row.id())).orElse(""));
        return new IdentityInfo(
                null,
                row.method().apiName(),
                row.type().apiName(),
                row.identifier(),
                row.name(),
                groups,
                certificate,
                credential.map(value -> value.getNotAfter().toInstant()).orElse(null),
                groups,
                authorization.effectivePermissions(caller),
                caller.fineGrained());
    }

    /** A trusted {@code POST /1.0/auth/identities/tls} (spec §2.6.1). */
    public Created createTls(IdentitiesTlsPost request, Caller caller, Requestor requestor)
    {
        authorization.require(caller, EntityUrl.server(), "can_create_identities");
        validateName(request.name());
        if (!isEmpty(request.trustToken())) {
            throw HttpStatusException.conflict("Client already trusted");
        }
        if (request.token() && !isEmpty(request.certificate())) {
            throw HttpStatusException.badRequest("Cannot use certificate if token is requested");
        }
        List<String> groups = request.groups() == null ? List.of() : request.groups();
        if (request.token()) {
            return new Created.Pending(tokens.createPendingIdentity(request.name(), IdentityType.CLIENT_CERTIFICATE_PENDING, groups, requestor));
        }
        if (isEmpty(request.certificate())) {
            throw HttpStatusException.badRequest("Must provide a certificate");
        }
        return new Created.Active(createFromCertificate(request.name(), parseCertificate(request.certificate()), groups, requestor));
    }

    /**
     * Trusts a certificate as a fine-grained {@code Client certificate} identity; the caller has been
     * authorized already.
     *
     * @return the new identity's identifier, the certificate's fingerprint
     */
    public String createFromCertificate(String name, X509Certificate certificate, List<String> groups, Requestor requestor)
    {
        tokens.validateCertificate(certificate);
        String fingerprint = Certificates.fingerprint(certificate);
        store.execute(new IdentityStore.CreateTlsIdentity(name, fingerprint, Certificates.toPem(certificate), groups));
        events.created(AuthenticationMethod.TLS, fingerprint, name, IdentityType.CLIENT_CERTIFICATE, requestor, true);
        return fingerprint;
    }

    /**
     * {@code PUT}/{@code PATCH} of an identity (spec §2.6.3): the privileged path for callers with
     * {@code can_edit}, certificate rotation for the identity itself.
     *
     * @param checkEtag enforces {@code If-Match} against the identity as the caller sees it
     * @return the identifier after the update (it changes with the certificate)
     */
    public String update(Caller caller, AuthenticationMethod method, String nameOrIdentifier, IdentityPut request, boolean patch, Consumer<Identity> checkEtag, Requestor requestor)
    {
        IdentityRow row = store.read(connection -> resolveVisible(connection, caller, method, nameOrIdentifier));
        if (!row.type().fineGrained()) {
            throw new HttpStatusException(501, NOT_MODIFIABLE.formatted(row.type().apiName()));
        }
        boolean privileged = authorization.hasEntitlement(caller, row.url(), "can_edit");
        boolean self = Caller.PROTOCOL_TLS.equals(caller.protocol()) && row.method() == AuthenticationMethod.TLS && row.identifier().equals(caller.username());
        if (!privileged && !self) {
            authorization.require(caller, row.url(), "can_edit");
            throw HttpStatusException.forbidden();
        }
        Optional<NewCertificate> certificate = newCertificate(row, request.tlsCertificate());
        List<String> requestedGroups = request.groups() == null ? List.of() : request.groups();
        List<String> currentGroups = store.read(connection -> IdentityStore.groups(connection, row.id()));
        Identity current = store.read(connection -> view(connection, caller, row));

        Optional<List<String>> groups;
        if (privileged) {
            // Editing memberships the caller cannot see would let it act on groups it does not know about
            for (String group : currentGroups) {
                if (!authorization.canView(caller, EntityUrl.group(group))) {
                    throw HttpStatusException.forbidden();
                }
            }
            checkEtag.accept(current);
            groups = patch ? addedGroups(currentGroups, requestedGroups) : Optional.of(requestedGroups);
        }
        else {
            checkEtag.accept(current);
            boolean groupsChanged = patch ? !requestedGroups.isEmpty() : !new HashSet<>(requestedGroups).equals(new HashSet<>(currentGroups));
            if (groupsChanged) {
                throw HttpStatusException.forbidden("Only the certificate may be changed");
            }
            groups = Optional.empty();
        }

        if (groups.isEmpty() && certificate.map(value -> value.fingerprint().equals(row.identifier())).orElse(true)) {
            return row.identifier();
        }
        String identifier = store.execute(new IdentityStore.UpdateIdentity(method, row.identifier(), row.type(), groups, certificate));
        events.updated(method, identifier, row.name(), row.type(), requestor, privileged);
        return identifier;
    }

    /** PATCH adds groups and never removes any; without groups it leaves them alone. */
    private static Optional<List<String>> addedGroups(List<String> currentGroups, List<String> requestedGroups)
    {
        if (requestedGroups.isEmpty()) {
            return Optional.empty();
        }
        LinkedHashSet<String> merged = new LinkedHashSet<>(currentGroups);
        merged.addAll(requestedGroups);
        return Optional.of(List.copyOf(merged));
    }

    private Optional<NewCertificate> newCertificate(IdentityRow row, String pem)
    {
        if (isEmpty(pem)) {
            return Optional.empty();
        }
        if (row.method() != AuthenticationMethod.TLS || row.type().pending()) {
            throw HttpStatusException.badRequest("Cannot update certificate for identities of type \"" + row.type().apiName() + "\"");
        }
        X509Certificate parsed = parseCertificate(pem);
        tokens.validateCertificate(parsed);
        return Optional.of(new NewCertificate(Certificates.fingerprint(parsed), Certificates.toPem(parsed)));
    }

    /** {@code DELETE}; the access rule already required {@code can_delete}, which every identity holds on itself. */
    public void delete(Caller caller, AuthenticationMethod method, String nameOrIdentifier, Requestor requestor)
    {
        IdentityRow row = store.read(connection -> resolveVisible(connection, caller, method, nameOrIdentifier));
        if (!row.type().fineGrained() && row.type() != IdentityType.INITIAL_UI_TOKEN_BEARER) {
            throw new HttpStatusException(501, NOT_MODIFIABLE.formatted(row.type().apiName()));
        }
        store.execute(new IdentityStore.DeleteIdentity(method, row.identifier()));
        boolean self = Caller.PROTOCOL_TLS.equals(caller.protocol()) && row.identifier().equals(caller.username());
        events.deleted(method, row.identifier(), row.name(), row.type(), requestor, !self);
    }

    /**
     * Parses a certificate given in a request body: PEM, or (as LXD's legacy {@code /1.0/certificates}
     * accepts) base64 of the DER encoding.
     */
    static X509Certificate parseCertificate(String text)
    {
        try {
            if (text.contains("-----BEGIN")) {
                return Certificates.parsePem(text);
            }
            byte[] der = Base64.getMimeDecoder().decode(text);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        }
        catch (CertificateException | CertificateParseException | IllegalArgumentException | ClassCastException exception) {
            throw HttpStatusException.badRequest("Failed parsing certificate: " + exception.getMessage());
        }
    }

    private IdentityRow resolveVisible(Connection connection, Caller caller, AuthenticationMethod method, String nameOrIdentifier)
    {
        List<IdentityRow> candidates = candidates(connection, method, nameOrIdentifier);
        List<IdentityRow> visible = candidates.stream().filter(row -> authorization.canView(caller, visibilityUrl(row))).toList();
        if (visible.isEmpty()) {
            throw HttpStatusException.notFound();
        }
        if (candidates.size() > 1) {
            // LXD answers 500 here (spec §9.1 item 6); the caller has to name the identity by its identifier
            throw HttpStatusException.badRequest("More than one identity found with name \"" + nameOrIdentifier + "\"");
        }
        return visible.getFirst();
    }

    /** Lookup by identifier first, then by name (spec §2.5). */
    private static List<IdentityRow> candidates(Connection connection, AuthenticationMethod method, String nameOrIdentifier)
    {
        Optional<IdentityRow> byIdentifier = IdentityStore.findByIdentifier(connection, method, nameOrIdentifier);
        if (byIdentifier.isPresent()) {
            return List.of(byIdentifier.get());
        }
        return IdentityStore.findByName(connection, method, nameOrIdentifier);
    }

    /** 400 with the rule broken, for every way an identity gets its name. */
    static void validateName(String name)
    {
        try {
            Names.validateIdentityName(name);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
    }

    /** Legacy certificate types are authorized as {@code /1.0/certificates/<fingerprint>} (spec §2.5). */
    static EntityUrl visibilityUrl(IdentityRow row)
    {
        if (row.method() == AuthenticationMethod.TLS && !row.type().fineGrained()) {
            return EntityUrl.of(EntityType.CERTIFICATE, null, row.identifier());
        }
        return row.url();
    }

    private Identity view(Connection connection, Caller caller, IdentityRow row)
    {
        return view(caller, row, IdentityStore.groups(connection, row.id()), IdentityStore.certificatePem(connection, row.id()));
    }

    private Identity view(Caller caller, IdentityRow row, List<String> allGroups, Optional<String> pem)
    {
        List<String> groups = allGroups.stream()
                .filter(group -> authorization.canView(caller, EntityUrl.group(group)))
                .toList();
        String certificate = "";
        Instant expiresAt = null;
        if (row.method() == AuthenticationMethod.TLS && !row.type().pending() && pem.isPresent()) {
            certificate = pem.get();
            expiresAt = Certificates.parsePem(pem.get()).getNotAfter().toInstant();
        }
        return new Identity(null, row.method().apiName(), row.type().apiName(), row.identifier(), row.name(), groups, certificate, expiresAt);
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
