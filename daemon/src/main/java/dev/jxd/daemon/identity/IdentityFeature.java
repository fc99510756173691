package dev.jxd.daemon.identity;

import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;

/** Builds the identity feature from the daemon's shared services. */
public final class IdentityFeature
{
    private IdentityFeature() {}

    public static List<RouteProvider> create(DaemonServices services)
    {
        return List.of();
    }
}
