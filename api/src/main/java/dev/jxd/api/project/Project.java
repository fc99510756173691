package dev.jxd.api.project;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** A project ({@code GET /1.0/projects/{name}}). */
public record Project(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accessEntitlements,
        String name,
        String description,
        Map<String, String> config,
        List<String> usedBy)
{
    public Project withAccessEntitlements(List<String> entitlements)
    {
        return new Project(entitlements, name, description, config, usedBy);
    }
}
