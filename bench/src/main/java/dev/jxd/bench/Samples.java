package dev.jxd.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Wall times of one operation repeated, and the figures the single-shot benchmarks print. The median is the lower
 * middle value for an even count, as {@code bench_median} in {@code lib.sh}; percentiles are nearest-rank.
 */
final class Samples
{
    private final long[] sortedNanos;

    private Samples(long[] sortedNanos)
    {
        this.sortedNanos = sortedNanos;
    }

    static Samples of(List<Long> nanos)
    {
        requireNonNull(nanos, "nanos is null");
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Samples(sorted);
    }

    double medianMillis()
    {
        return millis(sortedNanos[(sortedNanos.length + 1) / 2 - 1]);
    }

    double percentileMillis(double fraction)
    {
        int index = (int) Math.ceil(fraction * sortedNanos.length) - 1;
        return millis(sortedNanos[Math.clamp(index, 0, sortedNanos.length - 1)]);
    }

    double minMillis()
    {
        return millis(sortedNanos[0]);
    }

    double maxMillis()
    {
        return millis(sortedNanos[sortedNanos.length - 1]);
    }

    /** {@code <prefix>median_ms=… <prefix>p90_ms=… <prefix>min_ms=… <prefix>max_ms=…} */
    String summary(String prefix)
    {
        return String.format(Locale.ROOT, "%1$smedian_ms=%2$.1f %1$sp90_ms=%3$.1f %1$smin_ms=%4$.1f %1$smax_ms=%5$.1f",
                prefix, medianMillis(), percentileMillis(0.90), minMillis(), maxMillis());
    }

    private static double millis(long nanos)
    {
        return nanos / 1_000_000.0;
    }
}
