package dev.jxd.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jxd.api.operation.Requestor;

import java.util.Map;

/** Metadata of a {@code lifecycle} event. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LifecycleEvent(String action, String source, Map<String, Object> context, Requestor requestor, String name, String project)
{
}
