package dev.jxd.daemon.db.raft;

/** A member's part in the replicated database. */
public enum PeerRole
{
    /** Votes in elections and counts for the quorum that commits a write. */
    VOTER,
    /**
     * Receives and applies every committed entry but neither votes nor counts for the quorum (a Ratis
     * listener); LXD's stand-by and spare database members.
     */
    LISTENER,
}
