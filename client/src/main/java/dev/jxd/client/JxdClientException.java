package dev.jxd.client;

/**
 * A request could not be completed: the server was unreachable, the TLS handshake failed, the answer
 * was not an LXD response, or a wait timed out. {@link ApiException} is the subtype for errors the
 * server itself reported.
 */
public class JxdClientException
        extends RuntimeException
{
    public JxdClientException(String message)
    {
        super(message);
    }

    public JxdClientException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
