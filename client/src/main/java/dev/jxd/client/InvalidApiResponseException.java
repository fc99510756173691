package dev.jxd.client;

/**
 * The server answered with a success status but not with an LXD response envelope: whatever listens there
 * is not an LXD API server.
 */
public final class InvalidApiResponseException
        extends JxdClientException
{
    private final int httpStatus;

    public InvalidApiResponseException(int httpStatus, String message)
    {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus()
    {
        return httpStatus;
    }
}
