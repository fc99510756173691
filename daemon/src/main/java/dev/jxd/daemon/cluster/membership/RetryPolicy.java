package dev.jxd.daemon.cluster.membership;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the member that received a request retries running it elsewhere: a bounded number of attempts
 * with a deterministic exponential backoff (no jitter, so simulations and logs are reproducible).
 * The default budget (100 ms, 200 ms, 400 ms, 800 ms, 1.6 s between six attempts) outlasts a Ratis
 * leader election.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff)
{
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

    public RetryPolicy
    {
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Backoff must satisfy 0 <= initial <= max: " + initialBackoff + ", " + maxBackoff);
        }
    }

    /**
     * The delay before the next attempt, or empty to give up.
     *
     * @param attempt the number of attempts made so far (1 after the first)
     * @param lastFailure why the latest attempt failed
     */
    public Optional<Duration> nextAttempt(int attempt, ForwardFailure lastFailure)
    {
        requireNonNull(lastFailure, "lastFailure is null");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be positive: " + attempt);
        }
        if (!lastFailure.retryable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration backoff = initialBackoff;
        for (int step = 1; step < attempt && backoff.compareTo(maxBackoff) < 0; step++) {
            backoff = backoff.multipliedBy(2);
        }
        return Optional.of(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
    }
}
