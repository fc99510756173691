package dev.jxd.api.cluster;

/** LXD's {@code api.ClusterMemberConfigKey}: a member-specific key a joining member must supply. */
public record ClusterMemberConfigKey(String entity, String name, String key, String value, String description)
{
}
