package dev.jxd.client;

import dev.jxd.api.ResponseEnvelope;
import dev.jxd.api.json.Json;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A successful (sync or async) API response.
 *
 * @param status the HTTP status: 200, 201 for creations with a {@code Location}, 202 for operations
 * @param headers header names compared case-insensitively
 */
public record ApiResponse(int status, Map<String, String> headers, ResponseEnvelope envelope)
{
    public ApiResponse
    {
        headers = Headers.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(envelope, "envelope is null");
    }

    /** The {@code ETag} header as sent by the server (quotes included), or {@code null}. */
    public String etag()
    {
        return headers.get("ETag");
    }

    /** The {@code Location} header, or {@code null}. */
    public String location()
    {
        return headers.get("Location");
    }

    public boolean isAsync()
    {
        return ResponseEnvelope.ASYNC.equals(envelope.type());
    }

    /** The operation URL of an async response, e.g. {@code /1.0/operations/<uuid>}. */
    public String operationUrl()
    {
        if (!isAsync()) {
            throw new IllegalStateException("Not an async response");
        }
        return envelope.operation();
    }

    /** The {@code metadata} member; a JSON null node when the server sent {@code null}. */
    public JsonNode metadata()
    {
        JsonNode metadata = envelope.metadata();
        return metadata == null ? NullNode.getInstance() : metadata;
    }

    public <T> T metadataAs(Class<T> type)
    {
        requireNonNull(type, "type is null");
        return Json.lenient().treeToValue(metadata(), type);
    }

    public <T> T metadataAs(TypeReference<T> type)
    {
        requireNonNull(type, "type is null");
        return Json.lenient().convertValue(metadata(), type);
    }
}
