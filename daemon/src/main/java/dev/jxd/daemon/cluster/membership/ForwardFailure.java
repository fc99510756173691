package dev.jxd.daemon.cluster.membership;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why an attempt to run a request on another member (or on the leader) failed, as far as the
 * original member can tell. Only failures that guarantee the request did not run are retryable.
 */
public record ForwardFailure(Reason reason, Optional<String> member, Optional<String> leaderHint)
{
    public enum Reason
    {
        /** This member knows no leader (election in progress, or it is cut off). */
        NO_LEADER,
        /** The member asked (or this one, on commit) is not the leader; nothing was applied. */
        NOT_LEADER,
        /** The connection could not be established: the request never reached the member. */
        NOT_DELIVERED,
        /** The request was sent but no answer came back: it may have been applied. Never retried. */
        OUTCOME_UNKNOWN,
    }

    public ForwardFailure
    {
        requireNonNull(reason, "reason is null");
        requireNonNull(member, "member is null");
        requireNonNull(leaderHint, "leaderHint is null");
    }

    public static ForwardFailure noLeader()
    {
        return new ForwardFailure(Reason.NO_LEADER, Optional.empty(), Optional.empty());
    }

    public static ForwardFailure notLeader(String member, Optional<String> leaderHint)
    {
        return new ForwardFailure(Reason.NOT_LEADER, Optional.of(member), leaderHint.filter(hint -> !hint.equals(member)));
    }

    public static ForwardFailure notDelivered(String member)
    {
        return new ForwardFailure(Reason.NOT_DELIVERED, Optional.of(member), Optional.empty());
    }

    public static ForwardFailure outcomeUnknown(String member)
    {
        return new ForwardFailure(Reason.OUTCOME_UNKNOWN, Optional.of(member), Optional.empty());
    }

    /** Retrying is safe only when the request certainly did not run: a retry must never apply it twice. */
    public boolean retryable()
    {
        return reason != Reason.OUTCOME_UNKNOWN;
    }
}
