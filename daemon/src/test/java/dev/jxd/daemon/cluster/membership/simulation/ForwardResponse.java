package dev.jxd.daemon.cluster.membership.simulation;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A member's answer to a forwarded request: success (200) or an error; {@code notLeader} marks the
 * retryable 503 that carries {@code RequestRouter.NOT_LEADER_HEADER} in the real daemon.
 */
record ForwardResponse(int status, String message, boolean notLeader, Optional<String> leaderHint)
{
    ForwardResponse
    {
        requireNonNull(message, "message is null");
        requireNonNull(leaderHint, "leaderHint is null");
    }

    static ForwardResponse success()
    {
        return new ForwardResponse(200, "", false, Optional.empty());
    }

    static ForwardResponse error(int status, String message)
    {
        return new ForwardResponse(status, message, false, Optional.empty());
    }

    static ForwardResponse notLeader(String message, Optional<String> leaderHint)
    {
        return new ForwardResponse(503, message, true, leaderHint);
    }
}
