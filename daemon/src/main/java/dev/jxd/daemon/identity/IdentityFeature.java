package dev.jxd.daemon.identity;

import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.http.RouteProvider;

import java.time.Duration;
import java.util.List;

/** Builds the identity feature from the daemon's shared services. */
public final class IdentityFeature
{
    /** LXD prunes expired pending identities hourly (spec §3.4). */
    private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);
    /** Token operations (certificate add tokens, cluster join tokens) end within this long of their token's end. */
    private static final Duration TOKEN_OPERATION_SWEEP = Duration.ofSeconds(10);

    private IdentityFeature() {}

    public static List<RouteProvider> create(DaemonServices services)
    {
        return create(services, new TrustTokenService(services));
    }

    /**
     * @param tokens the daemon's one token service, shared with other features that issue or redeem tokens
     *         (cluster links) so that one failure limit covers every entry point
     */
    public static List<RouteProvider> create(DaemonServices services, TrustTokenService tokens)
    {
        IdentityService identities = new IdentityService(services, tokens);
        services.tasks().every("prune-expired-trust-tokens", PRUNE_INTERVAL, PRUNE_INTERVAL, tokens::pruneExpired);
        // Reads of /1.0/operations end expired token operations themselves; this ends the unread ones and wakes their waiters
        services.tasks().every("end-expired-token-operations", TOKEN_OPERATION_SWEEP, TOKEN_OPERATION_SWEEP, services.operations()::endExpiredTokens);
        return List.of(
                new IdentityHandler(identities, tokens, services.authorization(), services.operations()),
                new CertificateHandler(new CertificateService(services, tokens), tokens, services.authorization()));
    }
}
