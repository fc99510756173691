package dev.jxd.daemon.cluster.membership;

/** The error messages of membership and forwarding decisions, in one place so tests and handlers agree. */
public final class MembershipMessages
{
    /** LXD's message for an unknown member name ({@code GetNodeByName}), for removals and {@code ?target=}. */
    public static final String MEMBER_NOT_FOUND = "Cluster member not found";
    /** LXD's message when removing the only member ({@code membershipCheckClusterStateForLeave}). */
    public static final String ONLY_MEMBER = "Member is the only member in the cluster";
    /** LXD's message when a request must run on the leader and none is known. */
    public static final String NO_LEADER = "No leader address found";
    public static final String TOO_MANY_HOPS = "Request was already forwarded between cluster members";

    private MembershipMessages() {}

    public static String onlyVoter(String member)
    {
        return "Cannot remove cluster member \"" + member + "\": it is the only database voter and no other member is online to take over";
    }

    public static String wouldLoseQuorum(String member, long onlineVoters, long voters, long needed)
    {
        return "Removing cluster member \"" + member + "\" would lose database quorum (" + onlineVoters + " of the " + voters
                + " remaining voters online, " + needed + " needed); bring members back online or use --force to remove it anyway";
    }

    public static String targetOffline(String member)
    {
        return "Cluster member \"" + member + "\" is offline";
    }

    public static String notLeader(String member)
    {
        return "Cluster member \"" + member + "\" is not the leader";
    }

    public static String misdirected(String target, String member)
    {
        return "Request for cluster member \"" + target + "\" was forwarded to cluster member \"" + member + "\"";
    }

    public static String unreachable(String member, int attempts)
    {
        return "Failed to forward the request to cluster member \"" + member + "\" after " + attempts + " " + plural(attempts);
    }

    public static String leaderUnavailable(int attempts)
    {
        return "No leader could take the request after " + attempts + " " + plural(attempts);
    }

    public static String outcomeUnknown(String member)
    {
        return "No response from cluster member \"" + member + "\"; the request may or may not have been applied";
    }

    private static String plural(int attempts)
    {
        return attempts == 1 ? "attempt" : "attempts";
    }
}
