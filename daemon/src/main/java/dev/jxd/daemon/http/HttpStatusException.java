package dev.jxd.daemon.http;

/**
 * An error with the HTTP status it must be answered with. Services throw it; the HTTP layer turns it
 * into LXD's error envelope. Anything else that escapes a handler is a 500.
 */
public class HttpStatusException
        extends RuntimeException
{
    private final int status;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public HttpStatusException(int status, String message)
    {
        super(message);
        this.status = status;
    }

    public HttpStatusException(int status, String message, Throwable cause)
    {
        super(message, cause);
        this.status = status;
    }

    public int status()
    {
        return status;
    }

    /** Extra response headers, such as {@code Retry-After} on a 429. */
    public java.util.Map<String, String> headers()
    {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public HttpStatusException withHeader(String name, String value)
    {
        headers.put(name, value);
        return this;
    }

    public static HttpStatusException badRequest(String message)
    {
        return new HttpStatusException(400, message);
    }

    public static HttpStatusException forbidden(String message)
    {
        return new HttpStatusException(403, message);
    }

    public static HttpStatusException forbidden()
    {
        return new HttpStatusException(403, "Forbidden");
    }

    public static HttpStatusException notFound(String message)
    {
        return new HttpStatusException(404, message);
    }

    public static HttpStatusException notFound()
    {
        return new HttpStatusException(404, "Not Found");
    }

    public static HttpStatusException conflict(String message)
    {
        return new HttpStatusException(409, message);
    }

    public static HttpStatusException internal(String message)
    {
        return new HttpStatusException(500, message);
    }

    /** Prefixes the message with context while keeping the status, like Go's {@code fmt.Errorf("...: %w")}. */
    public HttpStatusException wrap(String prefix)
    {
        return new HttpStatusException(status, prefix + ": " + getMessage(), this);
    }
}
