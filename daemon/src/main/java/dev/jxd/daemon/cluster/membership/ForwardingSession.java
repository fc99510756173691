package dev.jxd.daemon.cluster.membership;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The retry loop of one client request on the member that received it, as pure logic. The caller
 * performs each step and reports back:
 *
 * <pre>{@code
 * Step step = session.next(currentView());
 * loop:
 *   Execute       -> run here; if the commit says "not leader": step = session.onFailure(notLeader(...))
 *   Forward(m, u) -> send with HOPS_HEADER = hops; answer relayed as is, except
 *                    503 + NOT_LEADER_HEADER -> step = session.onFailure(notLeader(m, hint)),
 *                    connection refused      -> step = session.onFailure(notDelivered(m)),
 *                    sent but no response    -> step = session.onFailure(outcomeUnknown(m))
 *   Wait(d)       -> after d: step = session.next(currentView())
 *   Fail(s, msg)  -> answer the client with s and msg
 * }</pre>
 *
 * <p>A "not leader" answer's hint is used for the next attempt when the caller's own view still names
 * the member that refused (or no leader), so a stale local view does not waste the retry budget.
 * Not thread-safe: one session per request.
 */
public final class ForwardingSession
{
    private final RequestRouter router;
    private final RetryPolicy retryPolicy;
    private final RequestKind kind;
    private int attempts;
    private Optional<ForwardFailure> lastFailure = Optional.empty();
    private boolean failed;

    public ForwardingSession(RequestRouter router, RetryPolicy retryPolicy, RequestKind kind)
    {
        this.router = requireNonNull(router, "router is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
        this.kind = requireNonNull(kind, "kind is null");
    }

    public sealed interface Step
            permits Execute, Forward, Wait, Fail {}

    /** Run the request on this member. */
    public record Execute()
            implements Step {}

    /** Forward the request to {@code member} at {@code url} with {@link RequestRouter#HOPS_HEADER} set to {@code hops}. */
    public record Forward(String member, URI url, int hops)
            implements Step
    {
        public Forward
        {
            requireNonNull(member, "member is null");
            requireNonNull(url, "url is null");
        }
    }

    /** Wait, then call {@link #next} with a fresh view. */
    public record Wait(Duration delay)
            implements Step
    {
        public Wait
        {
            requireNonNull(delay, "delay is null");
        }
    }

    /** Give up: answer the client with this error. */
    public record Fail(int status, String message)
            implements Step
    {
        public Fail
        {
            requireNonNull(message, "message is null");
        }
    }

    /** Starts the next attempt on {@code view}, the caller's current snapshot. */
    public Step next(ClusterView view)
    {
        requireNonNull(view, "view is null");
        checkNotFailed();
        attempts++;
        Route route = router.route(kind, withLeaderHint(view), 0);
        return switch (route) {
            case Route.HandleLocally _ -> new Execute();
            case Route.Forward forward -> new Forward(forward.member(), forward.url(), forward.hops());
            case Route.Fail fail when fail.cause().isPresent() -> retryOrFail(fail.cause().get(), fail.status(), fail.message());
            case Route.Fail fail -> fail(fail.status(), fail.message());
        };
    }

    /** Reports that the current attempt failed; the answer is {@link Wait} or {@link Fail}. */
    public Step onFailure(ForwardFailure failure)
    {
        requireNonNull(failure, "failure is null");
        checkNotFailed();
        if (attempts == 0) {
            throw new IllegalStateException("No attempt has been made");
        }
        return switch (failure.reason()) {
            case NO_LEADER -> retryOrFail(failure, 503, MembershipMessages.NO_LEADER);
            case NOT_LEADER -> retryOrFail(failure, 503, MembershipMessages.leaderUnavailable(attempts));
            case NOT_DELIVERED -> retryOrFail(failure, 503, MembershipMessages.unreachable(failure.member().orElse(""), attempts));
            case OUTCOME_UNKNOWN -> retryOrFail(failure, 504, MembershipMessages.outcomeUnknown(failure.member().orElse("")));
        };
    }

    public int attempts()
    {
        return attempts;
    }

    private Step retryOrFail(ForwardFailure failure, int status, String message)
    {
        lastFailure = Optional.of(failure);
        Optional<Duration> delay = retryPolicy.nextAttempt(attempts, failure);
        if (delay.isPresent()) {
            return new Wait(delay.get());
        }
        return fail(status, message);
    }

    private Step fail(int status, String message)
    {
        failed = true;
        return new Fail(status, message);
    }

    private ClusterView withLeaderHint(ClusterView view)
    {
        if (lastFailure.isEmpty() || lastFailure.get().reason() != ForwardFailure.Reason.NOT_LEADER) {
            return view;
        }
        ForwardFailure failure = lastFailure.get();
        Optional<String> hint = failure.leaderHint().filter(name -> view.member(name).isPresent());
        boolean viewIsStale = view.leader().isEmpty() || view.leader().equals(failure.member());
        if (hint.isPresent() && viewIsStale) {
            return view.withLeader(hint.get());
        }
        return view;
    }

    private void checkNotFailed()
    {
        if (failed) {
            throw new IllegalStateException("The request has already failed");
        }
    }
}
