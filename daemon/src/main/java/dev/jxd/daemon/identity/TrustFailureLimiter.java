package dev.jxd.daemon.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Counts failed trust-token redemptions per source address in fixed one-minute windows, so that a source
 * cannot guess secrets at line rate. A source that reached the limit in the current window is refused
 * until the window ends, even with a good token.
 *
 * <p>Fixed windows let a source spend up to twice the limit around a window boundary; with 256-bit secrets
 * that is irrelevant, and they need one counter per source instead of a log of attempts.
 */
public final class TrustFailureLimiter
{
    public static final Duration WINDOW = Duration.ofMinutes(1);
    // Beyond this many tracked sources, counters of past windows are dropped so the map cannot grow without bound
    private static final int MAXIMUM_TRACKED_SOURCES = 10_000;

    private record Window(long index, int failures) {}

    private final InstantSource clock;
    private final IntSupplier limit;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param limit read on every check, so a change of {@code core.trust_failure_limit} applies at once */
    public TrustFailureLimiter(InstantSource clock, IntSupplier limit)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.limit = requireNonNull(limit, "limit is null");
    }

    /**
     * How long the source must wait, or empty when it may try.
     *
     * @return whole seconds until the current window ends, at least one
     */
    public OptionalLong retryAfterSeconds(String source)
    {
        requireNonNull(source, "source is null");
        Instant now = clock.instant();
        long index = windowIndex(now);
        Window window = windows.get(source);
        if (window == null || window.index() != index || window.failures() < limit.getAsInt()) {
            return OptionalLong.empty();
        }
        long windowEndMillis = Math.multiplyExact(index + 1, WINDOW.toMillis());
        long remainingMillis = windowEndMillis - now.toEpochMilli();
        return OptionalLong.of(Math.max(1, (remainingMillis + 999) / 1000));
    }

    public void recordFailure(String source)
    {
        requireNonNull(source, "source is null");
        long index = windowIndex(clock.instant());
        if (windows.size() >= MAXIMUM_TRACKED_SOURCES) {
            windows.values().removeIf(window -> window.index() != index);
        }
        windows.merge(source, new Window(index, 1), (current, added) -> current.index() == index
                ? new Window(index, current.failures() + 1)
                : added);
    }

    private static long windowIndex(Instant instant)
    {
        return Math.floorDiv(instant.toEpochMilli(), WINDOW.toMillis());
    }
}
