package dev.jxd.daemon.link.peer;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until the test moves it, so recorded times can be compared exactly. */
final class SettableClock
        implements InstantSource
{
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

    @Override
    public Instant instant()
    {
        return now.get();
    }

    void advance(Duration duration)
    {
        now.updateAndGet(current -> current.plus(duration));
    }
}
