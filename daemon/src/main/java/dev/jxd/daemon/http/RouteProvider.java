package dev.jxd.daemon.http;

import java.util.List;

/** Each feature's handler class contributes its routes to the one routing table. */
public interface RouteProvider
{
    List<Route> routes();
}
