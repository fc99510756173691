package dev.jxd.daemon.metrics;

/** Something that contributes series to {@code GET /1.0/metrics}; called on every scrape, so it must be cheap. */
@FunctionalInterface
public interface MetricsSource
{
    void write(PrometheusWriter writer);
}
