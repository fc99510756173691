package dev.jxd.daemon.cluster.membership;

import static java.util.Objects.requireNonNull;

/** One database-role change of one member: one Raft configuration change when a voter is involved. */
public record RoleChange(String member, DatabaseRole from, DatabaseRole to)
{
    public RoleChange
    {
        requireNonNull(member, "member is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from == to) {
            throw new IllegalArgumentException("Role change of " + member + " does not change its role " + from);
        }
    }

    public boolean isPromotionToVoter()
    {
        return to == DatabaseRole.VOTER;
    }

    public boolean isDemotionFromVoter()
    {
        return from == DatabaseRole.VOTER;
    }
}
