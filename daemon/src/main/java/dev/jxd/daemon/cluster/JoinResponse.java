package dev.jxd.daemon.cluster;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The cluster's answer to an accepted join: the cluster certificate and key every member serves and
 * authenticates Raft traffic with, and the current Raft peers the new member starts with.
 */
public record JoinResponse(String clusterCertificate, String clusterKey, List<Peer> peers)
{
    public record Peer(String raftId, String raftAddress) {}

    public JoinResponse
    {
        requireNonNull(clusterCertificate, "clusterCertificate is null");
        requireNonNull(clusterKey, "clusterKey is null");
        peers = List.copyOf(peers);
    }

    @Override
    public String toString()
    {
        return "JoinResponse[peers=" + peers + ", clusterKey=<redacted>]";
    }
}
