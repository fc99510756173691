package dev.jxd.daemon.cluster.membership;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where one attempt of a request goes, as decided by {@link RequestRouter}. */
public sealed interface Route
        permits Route.HandleLocally, Route.Forward, Route.Fail
{
    record HandleLocally()
            implements Route {}

    /** Send the request to {@code member} at {@code url}, with the hop header set to {@code hops}. */
    record Forward(String member, URI url, int hops)
            implements Route
    {
        public Forward
        {
            requireNonNull(member, "member is null");
            requireNonNull(url, "url is null");
        }
    }

    /**
     * Answer with this error. {@code cause} is present when another attempt may succeed: on the original
     * member it feeds the {@link RetryPolicy}; on a member answering a forwarded request it is sent back
     * (status 503 plus {@link RequestRouter#NOT_LEADER_HEADER}) so the original member can retry.
     */
    record Fail(int status, String message, Optional<ForwardFailure> cause)
            implements Route
    {
        public Fail
        {
            requireNonNull(message, "message is null");
            requireNonNull(cause, "cause is null");
        }
    }
}
