package dev.jxd.daemon.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPrometheusWriter
{
    @Test
    void groupsSamplesByFamilyWithHelpAndTypeOnce()
    {
        PrometheusWriter writer = new PrometheusWriter()
                .gauge("jxd_member_up", "Whether the member is up.", 1, "link", "a")
                .counter("jxd_probes_total", "Probes sent.", 7)
                .gauge("jxd_member_up", "Whether the member is up.", 0, "link", "b");

        assertThat(writer.render()).isEqualTo("""
                # HELP jxd_member_up Whether the member is up.
                # TYPE jxd_member_up gauge
                jxd_member_up{link="a"} 1
                jxd_member_up{link="b"} 0
                # HELP jxd_probes_total Probes sent.
                # TYPE jxd_probes_total counter
                jxd_probes_total 7
                """);
    }

    @Test
    void escapesLabelValuesAndHelp()
    {
        String text = new PrometheusWriter()
                .gauge("jxd_escaped", "Line one\nback\\slash \"quotes\" stay", 1, "value", "a\\b\"c\nd", "plain", "é ok")
                .render();

        assertThat(text).isEqualTo("""
                # HELP jxd_escaped Line one\\nback\\\\slash "quotes" stay
                # TYPE jxd_escaped gauge
                jxd_escaped{value="a\\\\b\\"c\\nd",plain="é ok"} 1
                """);
    }

    @Test
    void formatsValues()
    {
        assertThat(PrometheusWriter.formatValue(3)).isEqualTo("3");
        assertThat(PrometheusWriter.formatValue(-2)).isEqualTo("-2");
        assertThat(PrometheusWriter.formatValue(0.25)).isEqualTo("0.25");
        assertThat(PrometheusWriter.formatValue(1.7e9 + 0.5)).isEqualTo("1.7000000005E9");
        assertThat(PrometheusWriter.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusWriter.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusWriter.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void rejectsInvalidNamesAndConflictingFamilies()
    {
        PrometheusWriter writer = new PrometheusWriter().gauge("jxd_metric", "Help.", 1);

        assertThatThrownBy(() -> writer.gauge("jxd-metric", "Help.", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid metric name");
        assertThatThrownBy(() -> writer.gauge("jxd_other", "Help.", 1, "bad-label", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid label name");
        assertThatThrownBy(() -> writer.gauge("jxd_other", "Help.", 1, "__reserved", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.gauge("jxd_other", "Help.", 1, "odd")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThatThrownBy(() -> writer.counter("jxd_metric", "Help.", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another type");
        assertThatThrownBy(() -> writer.gauge("jxd_metric", "Other help.", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.render()).isEqualTo("""
                # HELP jxd_metric Help.
                # TYPE jxd_metric gauge
                jxd_metric 1
                """);
    }

    @Test
    void appendMergesFamiliesOrNothing()
    {
        PrometheusWriter target = new PrometheusWriter().gauge("jxd_shared", "Shared.", 1, "source", "first");
        PrometheusWriter compatible = new PrometheusWriter().gauge("jxd_shared", "Shared.", 2, "source", "second").gauge("jxd_own", "Own.", 3);
        PrometheusWriter conflicting = new PrometheusWriter().gauge("jxd_new", "New.", 4).counter("jxd_shared", "Shared.", 5);

        target.append(compatible);
        assertThatThrownBy(() -> target.append(conflicting)).isInstanceOf(IllegalArgumentException.class);

        assertThat(target.render()).isEqualTo("""
                # HELP jxd_shared Shared.
                # TYPE jxd_shared gauge
                jxd_shared{source="first"} 1
                jxd_shared{source="second"} 2
                # HELP jxd_own Own.
                # TYPE jxd_own gauge
                jxd_own 3
                """);
    }
}
