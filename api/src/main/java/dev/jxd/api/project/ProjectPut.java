package dev.jxd.api.project;

import java.util.Map;

/** Body of {@code PUT}/{@code PATCH /1.0/projects/{name}}. */
public record ProjectPut(String description, Map<String, String> config)
{
}
