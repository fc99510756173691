package dev.jxd.daemon.cluster.membership;

import static java.util.Objects.requireNonNull;

/**
 * One member as the planner sees it: its database role and whether it currently answers heartbeats.
 */
public record MemberView(String name, DatabaseRole role, boolean online)
{
    public MemberView
    {
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
    }

    public MemberView withRole(DatabaseRole newRole)
    {
        return new MemberView(name, newRole, online);
    }

    public boolean isVoter()
    {
        return role == DatabaseRole.VOTER;
    }
}
