package dev.jxd.client;

/**
 * The server answered with an error envelope (spec §1.1), or an operation failed. The message is the
 * server's {@code error} text unchanged, because the CLI prints it as {@code Error: <message>}.
 */
public class ApiException
        extends JxdClientException
{
    private final int statusCode;

    public ApiException(int statusCode, String message)
    {
        super(message);
        this.statusCode = statusCode;
    }

    /** The HTTP status of the error (LXD's {@code error_code}). */
    public int statusCode()
    {
        return statusCode;
    }
}
