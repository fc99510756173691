package dev.jxd.daemon.metrics;

import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code GET /1.0/metrics}: Prometheus text exposition of every source's series. */
public final class MetricsHandler
        implements RouteProvider
{
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

    private final List<MetricsSource> sources;

    public MetricsHandler(List<MetricsSource> sources)
    {
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }

    @Override
    public List<Route> routes()
    {
        return List.of(Route.get("/1.0/metrics", AccessRule.server("can_view_metrics"), this::metrics));
    }

    private ApiResponse metrics(RequestContext request)
    {
        return ApiResponse.text(PrometheusWriter.CONTENT_TYPE, render());
    }

    /** The exposition text; a source that fails is left out rather than failing the whole scrape. */
    public String render()
    {
        PrometheusWriter writer = new PrometheusWriter();
        writer.gauge("jxd_up", "Whether the jxd daemon is serving (always 1 when scraped).", 1);
        for (MetricsSource source : sources) {
            PrometheusWriter sourceWriter = new PrometheusWriter();
            try {
                source.write(sourceWriter);
                writer.append(sourceWriter);
            }
            catch (RuntimeException e) {
                LOG.warn("Metrics source {} failed", source, e);
            }
        }
        return writer.render();
    }
}
