package dev.jxd.daemon.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** The fake at the clock boundary: real time plus an offset the test moves forward. */
public final class MutableClock
        implements InstantSource
{
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant()
    {
        return Instant.now().plus(offset.get());
    }

    public void advance(Duration duration)
    {
        offset.updateAndGet(current -> current.plus(duration));
    }
}
