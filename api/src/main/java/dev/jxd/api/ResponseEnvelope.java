package dev.jxd.api;

import tools.jackson.databind.JsonNode;

/**
 * LXD's response envelope (spec §1.1): every key is always present.
 *
 * @param type {@code sync}, {@code async} or {@code error}
 */
public record ResponseEnvelope(
        String type,
        String status,
        int statusCode,
        String operation,
        int errorCode,
        String error,
        JsonNode metadata)
{
    public static final String SYNC = "sync";
    public static final String ASYNC = "async";
    public static final String ERROR = "error";
}
