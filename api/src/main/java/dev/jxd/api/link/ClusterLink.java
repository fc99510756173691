package dev.jxd.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** A cluster link (spec §4.3). */
public record ClusterLink(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accessEntitlements,
        String name,
        String description,
        String type,
        Map<String, String> config,
        List<String> usedBy)
{
    public static final String TYPE_BIDIRECTIONAL = "bidirectional";
    public static final String TYPE_UNIDIRECTIONAL = "unidirectional";
    public static final String TYPE_PUBLIC = "public";

    public ClusterLink withAccessEntitlements(List<String> entitlements)
    {
        return new ClusterLink(entitlements, name, description, type, config, usedBy);
    }
}
