package dev.jxd.daemon.cluster.membership;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A member's snapshot of the cluster: the members it knows and the leader it believes in. Both may be
 * stale; routing decisions made on it are corrected by the receiving member and by retries.
 */
public record ClusterView(List<MemberEndpoint> members, Optional<String> leader)
{
    public ClusterView
    {
        members = List.copyOf(requireNonNull(members, "members is null"));
        requireNonNull(leader, "leader is null");
        Set<String> names = new HashSet<>();
        for (MemberEndpoint member : members) {
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("Duplicate member " + member.name());
            }
        }
    }

    public Optional<MemberEndpoint> member(String name)
    {
        requireNonNull(name, "name is null");
        return members.stream().filter(member -> member.name().equals(name)).findFirst();
    }

    public ClusterView withLeader(String newLeader)
    {
        return new ClusterView(members, Optional.of(newLeader));
    }
}
