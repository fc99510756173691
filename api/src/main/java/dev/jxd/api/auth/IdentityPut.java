package dev.jxd.api.auth;

import java.util.List;

/** Body of {@code PUT}/{@code PATCH /1.0/auth/identities/{method}/{id}}. */
public record IdentityPut(List<String> groups, String tlsCertificate)
{
}
