package dev.jxd.api.auth;

import java.util.List;

/** Body of {@code PUT}/{@code PATCH /1.0/auth/groups/{name}}. */
public record AuthGroupPut(String description, List<Permission> permissions)
{
}
