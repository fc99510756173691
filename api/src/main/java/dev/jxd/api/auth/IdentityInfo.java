package dev.jxd.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** {@code GET /1.0/auth/identities/current}. */
public record IdentityInfo(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accessEntitlements,
        String authenticationMethod,
        String type,
        String id,
        String name,
        List<String> groups,
        String tlsCertificate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt,
        List<String> effectiveGroups,
        List<Permission> effectivePermissions,
        boolean fineGrained)
{
}
