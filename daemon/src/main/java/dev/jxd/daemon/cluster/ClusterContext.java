package dev.jxd.daemon.cluster;

import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.server.MembershipView;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * This member's view of the cluster it belongs to, read from the replicated member rows and cached until
 * the next applied command. Before clustering is enabled it reports a standalone server.
 */
public final class ClusterContext
        implements MembershipView
{
    private final StateStore store;
    private final AtomicLong generation = new AtomicLong(1);
    private volatile Optional<LocalMember> localMember;
    private volatile Cached cached = new Cached(0, List.of());

    private record Cached(long generation, List<ClusterStore.MemberRow> members) {}

    public ClusterContext(StateStore store, Optional<LocalMember> localMember)
    {
        this.store = requireNonNull(store, "store is null");
        this.localMember = requireNonNull(localMember, "localMember is null");
        store.addListener(_ -> generation.incrementAndGet());
    }

    void becomeMember(LocalMember member)
    {
        localMember = Optional.of(requireNonNull(member, "member is null"));
        generation.incrementAndGet();
    }

    public Optional<LocalMember> localMember()
    {
        return localMember;
    }

    public List<ClusterStore.MemberRow> members()
    {
        Cached current = cached;
        long wanted = generation.get();
        if (current.generation() != wanted) {
            current = new Cached(wanted, store.read(ClusterStore::members));
            cached = current;
        }
        return current.members();
    }

    public Optional<ClusterStore.MemberRow> self()
    {
        Optional<LocalMember> member = localMember;
        if (member.isEmpty()) {
            return Optional.empty();
        }
        String raftId = member.get().raftId();
        return members().stream().filter(row -> row.raftId().equals(raftId)).findFirst();
    }

    public Optional<ClusterStore.MemberRow> member(String name)
    {
        return members().stream().filter(row -> row.name().equals(name)).findFirst();
    }

    @Override
    public boolean clustered()
    {
        return localMember.isPresent();
    }

    @Override
    public Optional<String> memberName()
    {
        return self().map(ClusterStore.MemberRow::name);
    }

    @Override
    public Optional<String> memberAddress()
    {
        return self().map(ClusterStore.MemberRow::address);
    }

    @Override
    public List<String> memberAddresses()
    {
        if (!clustered()) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        memberAddress().ifPresent(addresses::add);
        for (ClusterStore.MemberRow member : members()) {
            if (!addresses.contains(member.address())) {
                addresses.add(member.address());
            }
        }
        return addresses;
    }
}
