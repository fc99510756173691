package dev.jxd.api.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** An identity as returned by {@code GET /1.0/auth/identities/{method}/{id}} (spec §2.4). */
public record Identity(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accessEntitlements,
        String authenticationMethod,
        String type,
        String id,
        String name,
        List<String> groups,
        String tlsCertificate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt)
{
    public Identity withAccessEntitlements(List<String> entitlements)
    {
        return new Identity(entitlements, authenticationMethod, type, id, name, groups, tlsCertificate, expiresAt);
    }
}
