package dev.jxd.daemon.db.raft;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One member of the Raft configuration as this member sees it.
 *
 * @param sinceLastContact how long ago the leader last heard from the member; known only when this member is
 * the leader, and empty for the leader itself
 */
public record RaftPeerStatus(String memberName, String address, PeerRole role, boolean leader, Optional<Duration> sinceLastContact)
{
    public RaftPeerStatus
    {
        requireNonNull(memberName, "memberName is null");
        requireNonNull(address, "address is null");
        requireNonNull(role, "role is null");
        requireNonNull(sinceLastContact, "sinceLastContact is null");
    }
}
