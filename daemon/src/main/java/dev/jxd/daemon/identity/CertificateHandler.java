package dev.jxd.daemon.identity;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.certificate.CertificatePut;
import dev.jxd.api.certificate.CertificatesPost;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * LXD's legacy {@code /1.0/certificates} API, backed by TLS identities, for LXD 5.x clients:
 * {@code lxc remote add <name> <token>} and {@code lxc config trust add|list|list-tokens|revoke-token|show|edit|remove}.
 *
 * <p>Unlike LXD, which refuses tokens of the identities API here ("you must update your client"), a
 * token minted by {@code POST /1.0/auth/identities/tls} is accepted, so LXD 5.0 clients can join with it.
 * The routes on one certificate check access themselves: the path may hold a prefix of the fingerprint.
 */
public final class CertificateHandler
        implements RouteProvider
{
    private static final String FINGERPRINT = "fingerprint";

    private final CertificateService certificates;
    private final TrustTokenService tokens;
    private final Authorization authorization;

    public CertificateHandler(CertificateService certificates, TrustTokenService tokens, Authorization authorization)
    {
        this.certificates = requireNonNull(certificates, "certificates is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/certificates", AccessRule.authenticated(), this::list),
                Route.post("/1.0/certificates", AccessRule.untrustedAllowed(), this::create),
                Route.get("/1.0/certificates/{fingerprint}", AccessRule.authenticated(), this::get),
                Route.put("/1.0/certificates/{fingerprint}", AccessRule.authenticated(), request -> update(request, false)),
                Route.patch("/1.0/certificates/{fingerprint}", AccessRule.authenticated(), request -> update(request, true)),
                Route.delete("/1.0/certificates/{fingerprint}", AccessRule.authenticated(), this::delete));
    }

    private ApiResponse list(RequestContext request)
    {
        List<CertificateService.View> visible = certificates.list(request.caller());
        if (request.recursion() < 1) {
            return ApiResponse.sync(visible.stream().map(view -> CertificateService.certificateUrl(view.row().identifier())).toList());
        }
        return ApiResponse.sync(visible.stream().map(CertificateService.View::certificate).toList());
    }

    private ApiResponse get(RequestContext request)
    {
        CertificateService.View view = certificates.get(request.caller(), request.pathParameter(FINGERPRINT));
        return ApiResponse.syncWithEtag(view.certificate(), ETags.of(view.certificate()));
    }

    private ApiResponse update(RequestContext request, boolean patch)
    {
        CertificatePut body = request.body(CertificatePut.class);
        certificates.update(request.caller(), request.pathParameter(FINGERPRINT), body, patch, current -> ETags.check(request, current), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse delete(RequestContext request)
    {
        certificates.delete(request.caller(), request.pathParameter(FINGERPRINT), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse create(RequestContext request)
    {
        CertificatesPost body = request.body(CertificatesPost.class);
        Caller caller = request.caller();
        String token = !isEmpty(body.trustToken()) ? body.trustToken() : body.password();
        if (!caller.trusted()) {
            // lxc remote add <token>: redeem with the certificate of the TLS handshake; what the token makes was
            // decided when it was issued, so the rest of the body is not looked at (as in LXD)
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
            return ApiResponse.created(CertificateService.certificateUrl(redeemed.identifier()));
        }

        authorization.require(caller, EntityUrl.server(), "can_create_identities");
        if (!isEmpty(token)) {
            throw HttpStatusException.conflict("Client already trusted");
        }
        if (Boolean.TRUE.equals(body.token())) {
            return ApiResponse.async(certificates.createToken(body, request.requestor()));
        }
        String fingerprint = certificates.create(body, caller.peerCertificate(), request.requestor());
        return ApiResponse.created(CertificateService.certificateUrl(fingerprint));
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
