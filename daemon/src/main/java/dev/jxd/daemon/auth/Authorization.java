package dev.jxd.daemon.auth;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.model.AuthorizationModel;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.AccessChecker;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.Authenticator;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Authentication and authorization of every request (spec §1.6, §2.7), against an in-memory snapshot
 * that is rebuilt after writes. The rebuild is lazy: a burst of writes costs one rebuild, taken by the
 * first request that follows, and a request never sees state older than the last write it could observe.
 */
public final class Authorization
        implements Authenticator, AccessChecker
{
    private final StateStore store;
    private final Object rebuildLock = new Object();
    /** Bumped after every applied command; a snapshot older than it is reloaded before use. */
    private final AtomicLong generation = new AtomicLong(1);
    private volatile Loaded loaded = new Loaded(0, null);
    private volatile Supplier<Optional<String>> clusterFingerprint = Optional::empty;

    private record Loaded(long generation, AuthorizationSnapshot snapshot) {}

    public Authorization(StateStore store)
    {
        this.store = requireNonNull(store, "store is null");
        // Every applied command may touch identities, groups or permissions; checking which is not worth it.
        store.addListener(_ -> generation.incrementAndGet());
    }

    private AuthorizationSnapshot snapshot()
    {
        Loaded current = loaded;
        if (current.generation() == generation.get()) {
            return current.snapshot();
        }
        synchronized (rebuildLock) {
            current = loaded;
            long wanted = generation.get();
            if (current.generation() != wanted) {
                // Read the generation before loading: a write that lands during the load bumps it again
                current = new Loaded(wanted, store.read(AuthorizationSnapshot::load));
                loaded = current;
            }
            return current.snapshot();
        }
    }

    /**
     * Members of this server's cluster authenticate with the cluster certificate, which every member holds;
     * such a caller is another member (LXD's server certificate identity).
     */
    public void trustClusterCertificate(Supplier<Optional<String>> fingerprint)
    {
        this.clusterFingerprint = requireNonNull(fingerprint, "fingerprint is null");
    }

    @Override
    public Caller authenticateTls(Optional<X509Certificate> peerCertificate, String address)
    {
        if (peerCertificate.isEmpty()) {
            return Caller.untrusted(peerCertificate, address);
        }
        String fingerprint = Certificates.fingerprint(peerCertificate.get());
        Optional<String> cluster = clusterFingerprint.get();
        if (cluster.isPresent() && MessageDigest.isEqual(cluster.get().getBytes(StandardCharsets.US_ASCII), fingerprint.getBytes(StandardCharsets.US_ASCII))) {
            return Caller.clusterMember(fingerprint, peerCertificate, address);
        }
        return tlsCaller(fingerprint, peerCertificate, address);
    }

    @Override
    public Caller authenticateForwarded(String protocol, String username, String address)
    {
        return switch (protocol) {
            case Caller.PROTOCOL_CLUSTER -> Caller.clusterMember(username, Optional.empty(), address);
            case Caller.PROTOCOL_UNIX -> Caller.unix(username).withAddress(address);
            case Caller.PROTOCOL_TLS -> tlsCaller(username, Optional.empty(), address);
            default -> Caller.untrusted(Optional.empty(), address);
        };
    }

    /** The identity whose certificate has this fingerprint, or an untrusted caller when there is none. */
    private Caller tlsCaller(String fingerprint, Optional<X509Certificate> peerCertificate, String address)
    {
        Optional<AuthorizationSnapshot.TlsIdentity> identity = snapshot().tlsIdentity(fingerprint);
        if (identity.isEmpty()) {
            return Caller.untrusted(peerCertificate, address);
        }
        IdentityType type = identity.get().type();
        return new Caller(Caller.PROTOCOL_TLS, fingerprint, type.apiName(), identity.get().identityUrl(), identity.get().name(),
                type.administrator(), type.fineGrained(), peerCertificate, address);
    }

    @Override
    public void check(AccessRule rule, RequestContext request)
    {
        Caller caller = request.caller();
        switch (rule) {
            case AccessRule.UntrustedAllowed _ -> {}
            case AccessRule.Authenticated _ -> {
                if (!caller.trusted()) {
                    throw HttpStatusException.forbidden();
                }
            }
            case AccessRule.LocalOnly _ -> {
                if (!caller.viaUnixSocket() && !Caller.PROTOCOL_CLUSTER.equals(caller.protocol())) {
                    throw HttpStatusException.forbidden();
                }
            }
            case AccessRule.Entitlement entitlement -> require(caller, entitlement.entity().apply(request), entitlement.entitlement());
        }
    }

    /**
     * Throws 403 or 404 (spec §2.7.2) unless the caller holds {@code entitlement} on {@code entity}.
     * Denying {@code can_view}, or anything on an entity the caller cannot see, is a 404 so that
     * existence does not leak.
     */
    public void require(Caller caller, EntityUrl entity, String entitlement)
    {
        if (hasEntitlement(caller, entity, entitlement)) {
            return;
        }
        if (!caller.trusted()) {
            throw HttpStatusException.forbidden();
        }
        Optional<String> legacyDenial = legacyDenial(caller, entity, entitlement);
        if (legacyDenial.isPresent()) {
            throw HttpStatusException.forbidden(legacyDenial.get());
        }
        if (entitlement.equals("can_view")) {
            throw HttpStatusException.notFound();
        }
        if (entity.type().entitlements().contains("can_view") && !hasEntitlement(caller, entity, "can_view")) {
            throw HttpStatusException.notFound();
        }
        throw HttpStatusException.forbidden();
    }

    public boolean hasEntitlement(Caller caller, EntityUrl entity, String entitlement)
    {
        if (!caller.trusted()) {
            return false;
        }
        if (caller.administrator()) {
            return true;
        }
        if (!caller.fineGrained()) {
            return legacyDenial(caller, entity, entitlement).isEmpty();
        }
        return snapshot().index().check(caller.identityUrl(), entity, entitlement);
    }

    /**
     * For a trusted caller that is neither an administrator nor fine-grained: why the legacy TLS rules (spec
     * §2.7.5) deny the entitlement, or empty when they grant it. Empty for every other caller.
     */
    private Optional<String> legacyDenial(Caller caller, EntityUrl entity, String entitlement)
    {
        if (caller.administrator() || caller.fineGrained()) {
            return Optional.empty();
        }
        Optional<AuthorizationSnapshot.TlsIdentity> identity = Caller.PROTOCOL_TLS.equals(caller.protocol())
                ? snapshot().tlsIdentity(caller.username())
                : Optional.empty();
        if (identity.isEmpty() || !LegacyCertificateRules.applies(identity.get().type())) {
            // Deleted since it authenticated, or a kind of caller these rules do not know: nothing is granted
            return Optional.of(LegacyCertificateRules.RESTRICTED);
        }
        return LegacyCertificateRules.denial(identity.get().type(), identity.get().fingerprint(), identity.get().projects(), entity, entitlement);
    }

    /** For list endpoints: whether the caller may see the entity. */
    public boolean canView(Caller caller, EntityUrl entity)
    {
        return hasEntitlement(caller, entity, "can_view");
    }

    /**
     * Validates {@code ?with-access-entitlements=} for one entity type (spec §1.4) and returns the
     * requested entitlements. On collections it requires recursion (400, where LXD answers 500).
     */
    public List<String> requestedEntitlements(RequestContext request, EntityType type, boolean collection)
    {
        List<String> requested = request.requestedEntitlements();
        if (requested.isEmpty()) {
            return requested;
        }
        if (collection && request.recursion() < 1) {
            throw HttpStatusException.badRequest("Entitlements can only be requested when recursion is enabled");
        }
        for (String entitlement : requested) {
            if (!AuthorizationModel.isValid(type, entitlement)) {
                throw HttpStatusException.badRequest("Requested entitlement \"" + entitlement + "\" is not valid for entity type \"" + type.wireName() + "\"");
            }
        }
        if (!request.caller().fineGrained()) {
            throw HttpStatusException.badRequest("Cannot report entitlements for identities that do not use fine-grained authorization");
        }
        return requested;
    }

    /** The subset of {@code requested} the caller holds on {@code entity}. */
    public List<String> heldEntitlements(Caller caller, EntityUrl entity, Collection<String> requested)
    {
        if (requested.isEmpty()) {
            return List.of();
        }
        return requested.stream().filter(entitlement -> hasEntitlement(caller, entity, entitlement)).toList();
    }

    /** The direct groups of a fine-grained caller. */
    public Set<String> groupsOf(Caller caller)
    {
        return caller.identityUrl().isEmpty() ? Set.of() : snapshot().index().groupsOf(caller.identityUrl());
    }

    public List<Permission> effectivePermissions(Caller caller)
    {
        return caller.identityUrl().isEmpty() ? List.of() : snapshot().index().effectivePermissions(caller.identityUrl());
    }

    /** Whether a certificate with this fingerprint can already authenticate here. */
    public boolean isTrusted(String fingerprint)
    {
        return snapshot().tlsIdentity(fingerprint).isPresent();
    }
}
