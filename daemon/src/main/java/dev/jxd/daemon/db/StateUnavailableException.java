package dev.jxd.daemon.db;

/**
 * The state cannot be written (or read consistently) right now, for a reason that may pass, such as a
 * cluster without a quorum. The HTTP layer answers 503 so clients know to retry.
 */
public class StateUnavailableException
        extends RuntimeException
{
    public StateUnavailableException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
