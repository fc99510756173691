package dev.jxd.api.cluster;

/**
 * {@code PUT /1.0/cluster} (LXD's {@code api.ClusterPut}): {@code {"server_name": "m1", "enabled": true}}
 * turns a single server into the first member of a cluster. The join fields are LXD's; jxd joins
 * with {@code jxd --join}, so a PUT that names a {@code cluster_token} is refused with a pointer to it.
 */
public record ClusterPut(
        String serverName,
        boolean enabled,
        String clusterAddress,
        String clusterCertificate,
        String serverAddress,
        String clusterToken)
{
    public static ClusterPut enable(String serverName)
    {
        return new ClusterPut(serverName, true, "", "", "", "");
    }
}
