package dev.jxd.daemon.identity;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.certificate.Certificate;
import dev.jxd.api.certificate.CertificatesPost;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.token.GoTime;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import javax.security.auth.x500.X500Principal;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * LXD's legacy {@code /1.0/certificates} API, backed by TLS identities: enough for older {@code lxc}
 * ({@code lxc remote add <name> <token>}, {@code lxc config trust list/add/remove}).
 *
 * <p>Unlike LXD, which refuses tokens of the identities API here ("you must update your client"), a
 * token minted by {@code POST /1.0/auth/identities/tls} is accepted, so LXD 5.0 clients can join with it.
 */
public final class CertificateHandler
        implements RouteProvider
{
    private static final String FINGERPRINT = "fingerprint";
    private static final String CLIENT = "client";

    private final IdentityService identities;
    private final TrustTokenService tokens;
    private final Authorization authorization;

    public CertificateHandler(IdentityService identities, TrustTokenService tokens, Authorization authorization)
    {
        this.identities = requireNonNull(identities, "identities is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/certificates", AccessRule.authenticated(), this::list),
                Route.post("/1.0/certificates", AccessRule.untrustedAllowed(), this::create),
                Route.get("/1.0/certificates/{fingerprint}", identityRule("can_view"), this::get),
                Route.delete("/1.0/certificates/{fingerprint}", identityRule("can_delete"), this::delete));
    }

    private static AccessRule identityRule(String entitlement)
    {
        return AccessRule.entity(EntityType.IDENTITY, entitlement,
                request -> EntityUrl.identity(AuthenticationMethod.TLS.apiName(), request.pathParameter(FINGERPRINT)));
    }

    private ApiResponse list(RequestContext request)
    {
        List<IdentityService.CertificateView> visible = identities.certificates(request.caller(), Optional.empty());
        if (request.recursion() < 1) {
            return ApiResponse.sync(visible.stream().map(view -> certificateUrl(view.row().identifier())).toList());
        }
        return ApiResponse.sync(visible.stream().map(CertificateHandler::toCertificate).toList());
    }

    private ApiResponse get(RequestContext request)
    {
        return identities.certificates(request.caller(), Optional.of(request.pathParameter(FINGERPRINT))).stream()
                .findFirst()
                .map(view -> ApiResponse.sync(toCertificate(view)))
                .orElseThrow(HttpStatusException::notFound);
    }

    private ApiResponse delete(RequestContext request)
    {
        String fingerprint = request.pathParameter(FINGERPRINT);
        if (identities.certificates(request.caller(), Optional.of(fingerprint)).isEmpty()) {
            throw HttpStatusException.notFound();
        }
        identities.delete(request.caller(), AuthenticationMethod.TLS, fingerprint, request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse create(RequestContext request)
    {
        CertificatesPost body = request.body(CertificatesPost.class);
        Caller caller = request.caller();
        String token = !isEmpty(body.trustToken()) ? body.trustToken() : body.password();
        if (!caller.trusted()) {
            // lxc remote add <token>: redeem with the certificate of the TLS handshake
            if (isEmpty(token)) {
                throw HttpStatusException.forbidden("Trust token required");
            }
            X509Certificate peer = caller.peerCertificate()
                    .orElseThrow(() -> HttpStatusException.badRequest("No client certificate provided"));
            if (!isEmpty(body.certificate())
                    && !Certificates.fingerprint(IdentityService.parseCertificate(body.certificate())).equals(Certificates.fingerprint(peer))) {
                throw HttpStatusException.badRequest("The certificate in the request is not the TLS client certificate");
            }
            TrustTokenService.RedeemedIdentity redeemed = tokens.redeem(token, peer, Set.of(IdentityType.CLIENT_CERTIFICATE_PENDING), request.requestor());
            return ApiResponse.created(certificateUrl(redeemed.identifier()));
        }

        authorization.require(caller, EntityUrl.server(), "can_create_identities");
        if (!isEmpty(token)) {
            throw HttpStatusException.conflict("Client already trusted");
        }
        if (!isEmpty(body.type()) && !body.type().equals(CLIENT)) {
            throw HttpStatusException.badRequest("Unsupported certificate type \"" + body.type() + "\"");
        }
        if (Boolean.TRUE.equals(body.restricted()) || (body.projects() != null && !body.projects().isEmpty())) {
            throw HttpStatusException.badRequest("Restricted certificates are not supported; grant permissions through authorization groups instead");
        }
        if (Boolean.TRUE.equals(body.token())) {
            if (!isEmpty(body.certificate())) {
                throw HttpStatusException.badRequest("Cannot use certificate if token is requested");
            }
            TrustTokenService.PendingIdentity pending = tokens.createPendingIdentity(body.name(), IdentityType.CLIENT_CERTIFICATE_PENDING, List.of(), request.requestor());
            return ApiResponse.created(EntityUrl.identity(AuthenticationMethod.TLS.apiName(), pending.identifier()).url(), pending.token());
        }
        X509Certificate certificate;
        if (!isEmpty(body.certificate())) {
            certificate = IdentityService.parseCertificate(body.certificate());
        }
        else {
            // As in LXD: without a certificate in the body, the caller's own is meant (and is already trusted)
            certificate = caller.peerCertificate().orElseThrow(() -> HttpStatusException.badRequest("Must provide a certificate"));
        }
        String name = isEmpty(body.name()) ? commonName(certificate) : body.name();
        String fingerprint = identities.createFromCertificate(name, certificate, List.of(), request.requestor());
        return ApiResponse.created(certificateUrl(fingerprint));
    }

    private static Certificate toCertificate(IdentityService.CertificateView view)
    {
        IdentityType type = view.row().type();
        String legacyType = switch (type) {
            case SERVER_CERTIFICATE -> "server";
            case METRICS_CERTIFICATE_RESTRICTED, METRICS_CERTIFICATE_UNRESTRICTED -> "metrics";
            default -> CLIENT;
        };
        boolean restricted = type == IdentityType.CLIENT_CERTIFICATE_RESTRICTED || type == IdentityType.METRICS_CERTIFICATE_RESTRICTED;
        return new Certificate(
                view.row().name(),
                legacyType,
                restricted,
                List.of(),
                view.pem(),
                view.row().identifier(),
                GoTime.format(view.certificate().getNotAfter().toInstant()));
    }

    private static String certificateUrl(String fingerprint)
    {
        return EntityUrl.of(EntityType.CERTIFICATE, null, fingerprint).url();
    }

    /** LXD names a certificate added without a name after its subject's common name. */
    private static String commonName(X509Certificate certificate)
    {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : subject.split("(?<!\\\\),")) {
            if (part.startsWith("CN=")) {
                return part.substring("CN=".length());
            }
        }
        return Certificates.fingerprint(certificate).substring(0, 12);
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
