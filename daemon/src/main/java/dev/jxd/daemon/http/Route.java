package dev.jxd.daemon.http;

import static java.util.Objects.requireNonNull;

/**
 * One line of the routing table: method, path template ({@code /1.0/auth/groups/{name}}), access rule
 * and handler.
 */
public record Route(String method, String pathTemplate, AccessRule accessRule, RouteHandler handler)
{
    public Route
    {
        requireNonNull(method, "method is null");
        requireNonNull(pathTemplate, "pathTemplate is null");
        requireNonNull(handler, "handler is null");
        // accessRule is checked by RouteTable so the start-up failure names the route
    }

    public static Route get(String path, AccessRule rule, RouteHandler handler)
    {
        return new Route("GET", path, rule, handler);
    }

    public static Route post(String path, AccessRule rule, RouteHandler handler)
    {
        return new Route("POST", path, rule, handler);
    }

    public static Route put(String path, AccessRule rule, RouteHandler handler)
    {
        return new Route("PUT", path, rule, handler);
    }

    public static Route patch(String path, AccessRule rule, RouteHandler handler)
    {
        return new Route("PATCH", path, rule, handler);
    }

    public static Route delete(String path, AccessRule rule, RouteHandler handler)
    {
        return new Route("DELETE", path, rule, handler);
    }

    @Override
    public String toString()
    {
        return method + " " + pathTemplate;
    }
}
