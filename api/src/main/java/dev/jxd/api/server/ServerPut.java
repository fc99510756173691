package dev.jxd.api.server;

import java.util.Map;

/** Body of {@code PUT}/{@code PATCH /1.0}. */
public record ServerPut(Map<String, Object> config)
{
}
