package dev.jxd.daemon.auth.model;

/** A permission or requested entitlement that is malformed; its message is LXD's and maps to HTTP 400. */
public final class InvalidPermissionException
        extends IllegalArgumentException
{
    public InvalidPermissionException(String message)
    {
        super(message);
    }
}
