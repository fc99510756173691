package dev.jxd.daemon.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TestTrustFailureLimiter
{
    private static final Instant WINDOW_START = Instant.parse("2026-03-01T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(WINDOW_START);
    private final InstantSource clock = () -> now.get();
    private final AtomicInteger limit = new AtomicInteger(3);
    private final TrustFailureLimiter limiter = new TrustFailureLimiter(clock, limit::get);

    @Test
    void sourceIsRefusedOnceItReachedTheLimitUntilTheWindowEnds()
    {
        now.set(WINDOW_START.plusSeconds(15));
        for (int failure = 0; failure < 3; failure++) {
            assertThat(limiter.retryAfterSeconds("192.0.2.1")).isEmpty();
            limiter.recordFailure("192.0.2.1");
        }
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).hasValue(45);

        now.set(WINDOW_START.plusSeconds(59).plusMillis(500));
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).hasValue(1);

        now.set(WINDOW_START.plus(Duration.ofMinutes(1)));
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isEmpty();
    }

    @Test
    void sourcesAreCountedSeparately()
    {
        for (int failure = 0; failure < 3; failure++) {
            limiter.recordFailure("192.0.2.1");
        }
        limiter.recordFailure("2001:db8::1");
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isPresent();
        assertThat(limiter.retryAfterSeconds("2001:db8::1")).isEmpty();
        assertThat(limiter.retryAfterSeconds("192.0.2.2")).isEmpty();
    }

    @Test
    void failuresOfAnEarlierWindowDoNotCount()
    {
        limiter.recordFailure("192.0.2.1");
        limiter.recordFailure("192.0.2.1");
        now.set(WINDOW_START.plus(Duration.ofMinutes(1)));
        limiter.recordFailure("192.0.2.1");
        limiter.recordFailure("192.0.2.1");
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isEmpty();
        limiter.recordFailure("192.0.2.1");
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isPresent();
    }

    @Test
    void limitChangesApplyImmediately()
    {
        limiter.recordFailure("192.0.2.1");
        limiter.recordFailure("192.0.2.1");
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isEmpty();
        limit.set(2);
        assertThat(limiter.retryAfterSeconds("192.0.2.1")).isPresent();
    }

    @Test
    void sourceHostDropsThePort()
    {
        assertThat(TrustTokenService.sourceHost("192.0.2.1:40123")).isEqualTo("192.0.2.1");
        assertThat(TrustTokenService.sourceHost("[2001:db8::1]:40123")).isEqualTo("2001:db8::1");
        assertThat(TrustTokenService.sourceHost("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(TrustTokenService.sourceHost("@")).isEqualTo("@");
    }
}
