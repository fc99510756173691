package dev.jxd.api.operation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A background operation (spec §1.2). */
public record Operation(
        String id,
        @com.fasterxml.jackson.annotation.JsonProperty("class") String operationClass,
        String description,
        Instant createdAt,
        Instant updatedAt,
        String status,
        int statusCode,
        Map<String, List<String>> resources,
        Map<String, Object> metadata,
        boolean mayCancel,
        String err,
        int errCode,
        int childCount,
        String location,
        @JsonInclude(JsonInclude.Include.NON_NULL) Requestor requestor)
{
}
