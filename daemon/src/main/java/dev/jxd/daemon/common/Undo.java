package dev.jxd.daemon.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

import static java.util.Objects.requireNonNull;

/**
 * The undo steps of a multi-step operation (LXD's {@code revert}): each step registers how to undo itself
 * before it runs, and unless the operation {@link #commit commits}, closing runs them newest first. A failing
 * undo step is logged and the others still run.
 */
public final class Undo
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Undo.class);

    private record Step(String description, Runnable action) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean committed;

    public void add(String description, Runnable action)
    {
        steps.push(new Step(requireNonNull(description, "description is null"), requireNonNull(action, "action is null")));
    }

    /** The operation succeeded: nothing will be undone. */
    public void commit()
    {
        committed = true;
    }

    @Override
    public void close()
    {
        if (committed) {
            return;
        }
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.action().run();
            }
            catch (RuntimeException exception) {
                LOG.error("Undo step failed: {}", step.description(), exception);
            }
        }
    }
}
