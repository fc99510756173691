package dev.jxd.api.auth;

/** Body of {@code POST /1.0/auth/groups/{name}} (rename). */
public record AuthGroupPost(String name)
{
}
