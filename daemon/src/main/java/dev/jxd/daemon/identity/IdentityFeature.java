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
        return List.of(
                new IdentityHandler(identities, tokens, services.authorization(), services.operations()),
                new CertificateHandler(identities, tokens, services.authorization()));
    }
}
