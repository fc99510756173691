package dev.jxd.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jxd.api.operation.Requestor;

import java.util.Map;

/**
 * Metadata of a {@code security} event, shaped like LXD's logging events (level, message, context)
 * so that LXD clients that print events render them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecurityEvent(String name, String description, String level, Map<String, String> context, Requestor requestor)
{
}
