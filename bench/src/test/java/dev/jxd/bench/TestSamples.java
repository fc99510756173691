package dev.jxd.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSamples
{
    private static final long MILLISECOND = 1_000_000;

    @Test
    void medianOfAnEvenCountIsTheLowerMiddleAsInLibSh()
    {
        Samples samples = Samples.of(List.of(4 * MILLISECOND, 1 * MILLISECOND, 3 * MILLISECOND, 2 * MILLISECOND));

        assertThat(samples.medianMillis()).isEqualTo(2.0);
        assertThat(samples.minMillis()).isEqualTo(1.0);
        assertThat(samples.maxMillis()).isEqualTo(4.0);
    }

    @Test
    void medianOfAnOddCountIsTheMiddle()
    {
        assertThat(Samples.of(List.of(5 * MILLISECOND, 1 * MILLISECOND, 3 * MILLISECOND)).medianMillis()).isEqualTo(3.0);
    }

    @Test
    void percentilesAreNearestRankWhateverTheInputOrder()
    {
        List<Long> nanos = new ArrayList<>();
        for (long value = 1; value <= 50; value++) {
            nanos.add(value * MILLISECOND);
        }
        Collections.reverse(nanos);
        Samples samples = Samples.of(nanos);

        // 90 % of 50 is 45: the 45th smallest value
        assertThat(samples.percentileMillis(0.90)).isEqualTo(45.0);
        assertThat(samples.medianMillis()).isEqualTo(25.0);
        assertThat(samples.percentileMillis(1.0)).isEqualTo(50.0);
        assertThat(samples.percentileMillis(0.0)).isEqualTo(1.0);
    }

    @Test
    void summaryNamesEveryFigureWithThePrefix()
    {
        Samples samples = Samples.of(List.of(1_500_000L, 2_500_000L));

        assertThat(samples.summary("step1_")).isEqualTo("step1_median_ms=1.5 step1_p90_ms=2.5 step1_min_ms=1.5 step1_max_ms=2.5");
    }

    @Test
    void noSamplesIsAMistake()
    {
        assertThatThrownBy(() -> Samples.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no samples");
    }
}
