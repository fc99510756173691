package dev.jxd.daemon.http;

/** Translates one request into a call on a service and its result into a response. Nothing more. */
@FunctionalInterface
public interface RouteHandler
{
    ApiResponse handle(RequestContext request);
}
