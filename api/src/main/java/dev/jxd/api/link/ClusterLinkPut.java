package dev.jxd.api.link;

import java.util.Map;

/** The writable part of a cluster link: the body of PUT/PATCH and the source of its ETag. */
public record ClusterLinkPut(String description, Map<String, String> config)
{
}
