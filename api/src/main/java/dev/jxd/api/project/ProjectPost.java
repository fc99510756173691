package dev.jxd.api.project;

/** Body of {@code POST /1.0/projects/{name}} (rename). */
public record ProjectPost(String name)
{
}
