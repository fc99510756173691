package dev.jxd.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP response as received, before any envelope parsing; used for endpoints that do not answer
 * with an LXD envelope (metrics, file downloads) and by {@code jxc query} when the body is not JSON.
 *
 * @param headers header names compared case-insensitively; repeated headers joined with {@code ", "}
 */
public record RawResponse(int status, Map<String, String> headers, byte[] body)
{
    public RawResponse
    {
        headers = Headers.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    public String bodyAsString()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The header's value, or {@code null} when absent. */
    public String header(String name)
    {
        return headers.get(name);
    }
}
