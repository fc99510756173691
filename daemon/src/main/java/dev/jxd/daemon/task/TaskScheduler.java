package dev.jxd.daemon.task;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Periodic background tasks (token pruning, link health). A failing run is logged and the next one still runs. */
public final class TaskScheduler
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, Thread.ofVirtual().name("jxd-task-", 0).factory());

    public void every(String name, Duration initialDelay, Duration period, Runnable task)
    {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            }
            catch (RuntimeException exception) {
                LOG.warn("Task {} failed: {}", name, exception.getMessage(), exception);
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
