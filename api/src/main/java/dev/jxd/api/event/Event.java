package dev.jxd.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** An event on {@code /1.0/events}. */
public record Event(
        String type,
        Instant timestamp,
        JsonNode metadata,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String location,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String project)
{
}
