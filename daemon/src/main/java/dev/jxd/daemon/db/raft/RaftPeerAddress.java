package dev.jxd.daemon.db.raft;

import static java.util.Objects.requireNonNull;

/**
 * Where a cluster member's Raft endpoint listens: the member's name (its Raft id) and the {@code host:port}
 * of its Raft gRPC port, which is separate from the REST port.
 */
public record RaftPeerAddress(String memberName, String address)
{
    public RaftPeerAddress
    {
        requireNonNull(memberName, "memberName is null");
        requireNonNull(address, "address is null");
        if (memberName.isBlank()) {
            throw new IllegalArgumentException("Member name must not be empty");
        }
        RaftSettings.checkHostAndPort(address);
    }
}
