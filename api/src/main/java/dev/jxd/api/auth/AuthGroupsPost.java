package dev.jxd.api.auth;

import java.util.List;

/** Body of {@code POST /1.0/auth/groups}. */
public record AuthGroupsPost(String name, String description, List<Permission> permissions)
{
}
