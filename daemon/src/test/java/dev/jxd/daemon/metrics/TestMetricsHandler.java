package dev.jxd.daemon.metrics;

import dev.jxd.api.entity.EntityType;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

final class TestMetricsHandler
{
    @Test
    void rendersEverySourceAfterTheDaemonSeries()
    {
        MetricsSource links = writer -> writer.gauge("jxd_link_up", "Link up.", 1, "link", "a");
        MetricsSource more = writer -> writer.gauge("jxd_link_up", "Link up.", 0, "link", "b").counter("jxd_runs_total", "Runs.", 3);

        String text = new MetricsHandler(List.of(links, more)).render();

        assertThat(text).isEqualTo("""
                # HELP jxd_up Whether the jxd daemon is serving (always 1 when scraped).
                # TYPE jxd_up gauge
                jxd_up 1
                # HELP jxd_link_up Link up.
                # TYPE jxd_link_up gauge
                jxd_link_up{link="a"} 1
                jxd_link_up{link="b"} 0
                # HELP jxd_runs_total Runs.
                # TYPE jxd_runs_total counter
                jxd_runs_total 3
                """);
    }

    @Test
    void leavesOutAFailingSourceEntirely()
    {
        MetricsSource failing = writer -> {
            writer.gauge("jxd_partial", "Written before the failure.", 1);
            throw new IllegalStateException("source bug");
        };
        MetricsSource conflicting = writer -> writer.counter("jxd_up", "Conflicts with the daemon series.", 1);
        MetricsSource healthy = writer -> writer.gauge("jxd_healthy", "Healthy.", 1);

        String text = new MetricsHandler(List.of(failing, conflicting, healthy)).render();

        assertThat(text).doesNotContain("jxd_partial").doesNotContain("Conflicts").contains("jxd_healthy 1\n").contains("jxd_up 1\n");
    }

    @Test
    void servesTheTextFormatToCallersAllowedToViewMetrics()
    {
        MetricsHandler handler = new MetricsHandler(List.of(writer -> writer.gauge("jxd_link_up", "Link up.", 1)));

        Route route = handler.routes().getFirst();
        assertThat(handler.routes()).hasSize(1);
        assertThat(route.method()).isEqualTo("GET");
        assertThat(route.pathTemplate()).isEqualTo("/1.0/metrics");
        assertThat(route.accessRule()).isInstanceOfSatisfying(AccessRule.Entitlement.class, rule -> {
            assertThat(rule.entityType()).isEqualTo(EntityType.SERVER);
            assertThat(rule.entitlement()).isEqualTo("can_view_metrics");
        });

        RequestContext request = new RequestContext("GET", "/1.0/metrics", Map.of(), Map.of(), _ -> null, new byte[0], Caller.unix("root"));
        ApiResponse response = route.handler().handle(request);

        assertThat(response).isInstanceOfSatisfying(ApiResponse.Raw.class, raw -> {
            assertThat(raw.httpStatus()).isEqualTo(200);
            assertThat(raw.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(new String(raw.body(), StandardCharsets.UTF_8)).isEqualTo(handler.render()).contains("jxd_link_up 1\n");
        });
    }
}
