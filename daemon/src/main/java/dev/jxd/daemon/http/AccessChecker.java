package dev.jxd.daemon.http;

/**
 * Enforces a route's {@link AccessRule} for a caller (implemented by the auth feature). Throws an
 * {@link HttpStatusException} with 403 or 404 as spec §2.7.2 prescribes.
 */
public interface AccessChecker
{
    void check(AccessRule rule, RequestContext request);
}
