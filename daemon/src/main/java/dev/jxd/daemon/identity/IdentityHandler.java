package dev.jxd.daemon.identity;

import dev.jxd.api.auth.IdentitiesTlsPost;
import dev.jxd.api.auth.Identity;
import dev.jxd.api.auth.IdentityPut;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.operation.OperationManager;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** {@code /1.0/auth/identities} (spec §2.5, §2.6) and the token-pruning test hook. */
public final class IdentityHandler
        implements RouteProvider
{
    private final OperationManager operations;
    private static final String TLS = AuthenticationMethod.TLS.apiName();
    private static final String METHOD = "authenticationMethod";
    private static final String NAME_OR_IDENTIFIER = "nameOrIdentifier";

    private final IdentityService identities;
    private final TrustTokenService tokens;
    private final Authorization authorization;

    public IdentityHandler(IdentityService identities, TrustTokenService tokens, Authorization authorization, OperationManager operations)
    {
        this.operations = requireNonNull(operations, "operations is null");
        this.identities = requireNonNull(identities, "identities is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    @Override
    public List<Route> routes()
    {
        // Literal segments win in the route table, so the tls paths repeat the GET/DELETE routes of the generic ones
        return List.of(
                Route.get("/1.0/auth/identities", AccessRule.authenticated(), request -> list(request, Optional.empty())),
                Route.get("/1.0/auth/identities/current", AccessRule.authenticated(), request -> ApiResponse.sync(identities.current(request.caller()))),
                Route.get("/1.0/auth/identities/tls", AccessRule.authenticated(), request -> list(request, Optional.of(TLS))),
                Route.post("/1.0/auth/identities/tls", AccessRule.untrustedAllowed(), this::createTls),
                Route.get("/1.0/auth/identities/{authenticationMethod}", AccessRule.authenticated(),
                        request -> list(request, Optional.of(request.pathParameter(METHOD)))),
                Route.get("/1.0/auth/identities/tls/{nameOrIdentifier}", identityRule("can_view", _ -> TLS), request -> get(request, TLS)),
                Route.put("/1.0/auth/identities/tls/{nameOrIdentifier}", AccessRule.authenticated(), request -> update(request, false)),
                Route.patch("/1.0/auth/identities/tls/{nameOrIdentifier}", AccessRule.authenticated(), request -> update(request, true)),
                Route.delete("/1.0/auth/identities/tls/{nameOrIdentifier}", identityRule("can_delete", _ -> TLS), request -> delete(request, TLS)),
                Route.get("/1.0/auth/identities/{authenticationMethod}/{nameOrIdentifier}", identityRule("can_view", request -> request.pathParameter(METHOD)),
                        request -> get(request, request.pathParameter(METHOD))),
                Route.delete("/1.0/auth/identities/{authenticationMethod}/{nameOrIdentifier}", identityRule("can_delete", request -> request.pathParameter(METHOD)),
                        request -> delete(request, request.pathParameter(METHOD))),
                Route.post("/internal/testing/prune-tokens", AccessRule.localOnly(), request -> ApiResponse.async(operations.startTask(
                        "Removing expired pending identities", Map.of(), request.requestor(),
                        metadata -> metadata.put("removed", tokens.pruneExpired().size())))));
    }

    private AccessRule identityRule(String entitlement, Function<RequestContext, String> method)
    {
        return AccessRule.entity(EntityType.IDENTITY, entitlement,
                request -> identities.accessUrl(method.apply(request), request.pathParameter(NAME_OR_IDENTIFIER)));
    }

    private ApiResponse list(RequestContext request, Optional<String> methodName)
    {
        Optional<AuthenticationMethod> method = methodName.map(IdentityService::method);
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.IDENTITY, true);
        List<Identity> visible = identities.list(request.caller(), method);
        if (request.recursion() < 1) {
            return ApiResponse.sync(visible.stream().map(identity -> url(identity).url()).toList());
        }
        return ApiResponse.sync(visible.stream()
                .map(identity -> identity.withAccessEntitlements(authorization.heldEntitlements(request.caller(), url(identity), entitlements)))
                .toList());
    }

    private ApiResponse get(RequestContext request, String methodName)
    {
        AuthenticationMethod method = IdentityService.method(methodName);
        List<String> entitlements = authorization.requestedEntitlements(request, EntityType.IDENTITY, false);
        Identity identity = identities.get(request.caller(), method, request.pathParameter(NAME_OR_IDENTIFIER));
        return ApiResponse.syncWithEtag(
                identity.withAccessEntitlements(authorization.heldEntitlements(request.caller(), url(identity), entitlements)),
                ETags.of(identity));
    }

    private ApiResponse update(RequestContext request, boolean patch)
    {
        IdentityPut body = request.body(IdentityPut.class);
        identities.update(request.caller(), AuthenticationMethod.TLS, request.pathParameter(NAME_OR_IDENTIFIER), body, patch,
                current -> ETags.check(request, current), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse delete(RequestContext request, String methodName)
    {
        identities.delete(request.caller(), IdentityService.method(methodName), request.pathParameter(NAME_OR_IDENTIFIER), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse createTls(RequestContext request)
    {
        IdentitiesTlsPost body = request.body(IdentitiesTlsPost.class);
        Caller caller = request.caller();
        if (caller.trusted()) {
            return switch (identities.createTls(body, caller, request.requestor())) {
                case IdentityService.Created.Active active -> ApiResponse.created(EntityUrl.identity(TLS, active.fingerprint()).url());
                case IdentityService.Created.Pending pending -> ApiResponse.created(
                        EntityUrl.identity(TLS, pending.pending().identifier()).url(),
                        pending.pending().token());
            };
        }
        // Token redemption by a client that is not trusted yet (spec §2.6.2)
        if (body.trustToken() == null || body.trustToken().isEmpty()) {
            throw HttpStatusException.forbidden("Trust token required");
        }
        boolean onlyToken = !body.token()
                && (body.certificate() == null || body.certificate().isEmpty())
                && (body.name() == null || body.name().isEmpty())
                && (body.groups() == null || body.groups().isEmpty());
        if (!onlyToken) {
            throw HttpStatusException.forbidden("Only trust token must be provided");
        }
        X509Certificate certificate = caller.peerCertificate()
                .orElseThrow(() -> HttpStatusException.badRequest("No client certificate provided"));
        // Also the target side of a unidirectional cluster link: the initiator redeems its token here (spec §4.8.5)
        TrustTokenService.RedeemedIdentity redeemed = tokens.redeem(body.trustToken(), certificate,
                Set.of(IdentityType.CLIENT_CERTIFICATE_PENDING, IdentityType.CLUSTER_LINK_CERTIFICATE_PENDING), request.requestor());
        return ApiResponse.created(EntityUrl.identity(TLS, redeemed.identifier()).url());
    }

    private static EntityUrl url(Identity identity)
    {
        return EntityUrl.identity(identity.authenticationMethod(), identity.id());
    }
}
