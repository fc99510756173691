package dev.jxd.daemon.cluster.membership;

import static java.util.Objects.requireNonNull;

/** Where a request has to run. */
public sealed interface RequestKind
        permits RequestKind.Local, RequestKind.Leader, RequestKind.Target
{
    static RequestKind local()
    {
        return Local.INSTANCE;
    }

    static RequestKind leader()
    {
        return Leader.INSTANCE;
    }

    static RequestKind target(String member)
    {
        return new Target(member);
    }

    /** Any member answers (reads of replicated state). */
    record Local()
            implements RequestKind
    {
        private static final Local INSTANCE = new Local();
    }

    /** Must run on the Raft leader (membership changes, join acceptance). */
    record Leader()
            implements RequestKind
    {
        private static final Leader INSTANCE = new Leader();
    }

    /** Must run on the named member ({@code ?target=<member>}). */
    record Target(String member)
            implements RequestKind
    {
        public Target
        {
            requireNonNull(member, "member is null");
        }
    }
}
