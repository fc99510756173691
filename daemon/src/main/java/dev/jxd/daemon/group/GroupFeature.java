package dev.jxd.daemon.group;

import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.http.RouteProvider;

import java.util.List;

/** Builds the group feature from the daemon's shared services. */
public final class GroupFeature
{
    private GroupFeature() {}

    public static List<RouteProvider> create(DaemonServices services)
    {
        return List.of();
    }
}
