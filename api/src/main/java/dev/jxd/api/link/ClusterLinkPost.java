package dev.jxd.api.link;

/** Body of {@code POST /1.0/cluster/links/{name}} (rename). */
public record ClusterLinkPost(String name)
{
}
