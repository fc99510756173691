package dev.jxd.daemon.cluster.membership;

import java.util.ArrayList;
import java.util.List;

/**
 * The part a member plays in the replicated database, as LXD's {@code raft_nodes.role}. Every member
 * applies the replicated log; the role only decides who votes and who is kept ready to vote.
 */
public enum DatabaseRole
{
    /** A Raft voter: counts towards quorum and can be elected leader (LXD role {@code database}). */
    VOTER,
    /** A Ratis listener kept ready to replace a voter that goes away (LXD role {@code database-standby}). */
    STANDBY,
    /** A Ratis listener that is not a promotion candidate of first choice; it has no LXD role string. */
    SPARE;

    /**
     * The {@code roles} entries LXD reports for a member in this role, in LXD's order: the leader gets
     * {@code database-leader} before its {@code database} entry.
     */
    public List<String> apiRoles(boolean leader)
    {
        List<String> roles = new ArrayList<>(2);
        if (leader) {
            roles.add("database-leader");
        }
        switch (this) {
            case VOTER -> roles.add("database");
            case STANDBY -> roles.add("database-standby");
            case SPARE -> { }
        }
        return List.copyOf(roles);
    }

    /** LXD's {@code database} flag of a cluster member: true for voters, stand-bys and the leader. */
    public boolean isDatabase(boolean leader)
    {
        return leader || this != SPARE;
    }
}
