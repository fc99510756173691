package dev.jxd.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** An authorization group (spec §2.9). */
public record AuthGroup(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accessEntitlements,
        String name,
        String description,
        List<Permission> permissions,
        Map<String, List<String>> identities,
        List<String> identityProviderGroups)
{
    public AuthGroup withAccessEntitlements(List<String> entitlements)
    {
        return new AuthGroup(entitlements, name, description, permissions, identities, identityProviderGroups);
    }
}
