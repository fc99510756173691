package dev.jxd.daemon.cluster;

import static java.util.Objects.requireNonNull;

/**
 * What a joining member sends with its token: who it will be and where the others reach it. The schema
 * version must match, because every member applies the same commands to the same tables.
 */
public record JoinRequest(String serverName, String secret, String raftId, String address, String raftAddress, String architecture, int schemaVersion)
{
    public JoinRequest
    {
        requireNonNull(serverName, "serverName is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(raftId, "raftId is null");
        requireNonNull(address, "address is null");
        requireNonNull(raftAddress, "raftAddress is null");
        requireNonNull(architecture, "architecture is null");
    }

    @Override
    public String toString()
    {
        return "JoinRequest[serverName=" + serverName + ", secret=<redacted>, raftId=" + raftId + ", address=" + address + ", raftAddress=" + raftAddress + "]";
    }
}
