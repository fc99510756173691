package dev.jxd.daemon.http;

import dev.jxd.api.operation.Operation;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What a handler answers; the HTTP layer renders it in LXD's envelope (spec §1.1). */
public sealed interface ApiResponse
{
    /**
     * A sync response. With a {@code location} it is LXD's "created" shape: HTTP 201, metadata {@code null}
     * unless given.
     */
    record Sync(int httpStatus, Object metadata, String location, String etag)
            implements ApiResponse {}

    /** An operation was started: HTTP 202 with the operation as metadata. */
    record Async(Operation operation)
            implements ApiResponse {}

    /**
     * A body written as it is: one that is not an LXD envelope, such as the Prometheus text of
     * {@code /1.0/metrics}, or another member's answer to a forwarded request, with the headers of it that
     * clients use ({@code ETag}, {@code Location}).
     */
    record Raw(int httpStatus, String contentType, byte[] body, Map<String, String> headers)
            implements ApiResponse
    {
        public Raw
        {
            requireNonNull(contentType, "contentType is null");
            requireNonNull(body, "body is null");
            headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        }

        public Raw(int httpStatus, String contentType, byte[] body)
        {
            this(httpStatus, contentType, body, Map.of());
        }
    }

    static ApiResponse sync(Object metadata)
    {
        return new Sync(200, metadata, null, null);
    }

    static ApiResponse syncWithEtag(Object metadata, String etag)
    {
        return new Sync(200, metadata, null, etag);
    }

    /** Success with nothing to say: {@code metadata: {}}, as LXD's EmptySyncResponse. */
    static ApiResponse empty()
    {
        return new Sync(200, Map.of(), null, null);
    }

    static ApiResponse created(String location)
    {
        return new Sync(201, null, location, null);
    }

    static ApiResponse created(String location, Object metadata)
    {
        return new Sync(201, metadata, location, null);
    }

    /** HTTP 200 with {@code body} encoded as UTF-8. */
    static ApiResponse text(String contentType, String body)
    {
        return new Raw(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse async(Operation operation)
    {
        return new Async(operation);
    }
}
