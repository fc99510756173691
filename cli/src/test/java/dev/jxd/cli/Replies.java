package dev.jxd.cli;

import dev.jxd.client.FakeApiServer.Reply;

import java.util.Map;

/** Daemon responses for CLI tests. */
final class Replies
{
    private Replies() {}

    static Reply sync(String metadataJson)
    {
        return Reply.sync(metadataJson);
    }

    static Reply syncWithEtag(String metadataJson, String etag)
    {
        return new Reply(200, Map.of("Content-Type", "application/json", "ETag", etag), envelope("sync", 200, "", metadataJson));
    }

    static Reply created(String location, String metadataJson)
    {
        return new Reply(201, Map.of("Content-Type", "application/json", "Location", location), envelope("sync", 200, "", metadataJson));
    }

    static Reply async(String operationUrl, String operationJson)
    {
        return new Reply(202, Map.of("Content-Type", "application/json", "Location", operationUrl), envelope("async", 100, operationUrl, operationJson));
    }

    static Reply error(int status, String message)
    {
        return Reply.error(status, message);
    }

    static String operation(String id, int statusCode, String status, String error)
    {
        return """
                {"id":"%s","class":"task","description":"Renaming project","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z",\
                "status":"%s","status_code":%d,"resources":{},"metadata":{},"may_cancel":false,"err":"%s","err_code":0,"child_count":0,"location":"none"}"""
                .formatted(id, status, statusCode, error);
    }

    private static String envelope(String type, int statusCode, String operation, String metadataJson)
    {
        return """
                {"type":"%s","status":"%s","status_code":%d,"operation":"%s","error_code":0,"error":"","metadata":%s}"""
                .formatted(type, type.equals("async") ? "Operation created" : "Success", statusCode, operation, metadataJson);
    }
}
