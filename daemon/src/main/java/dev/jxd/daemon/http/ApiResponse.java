package dev.jxd.daemon.http;

import dev.jxd.api.operation.Operation;

import java.util.Map;

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

    static ApiResponse async(Operation operation)
    {
        return new Async(operation);
    }
}
