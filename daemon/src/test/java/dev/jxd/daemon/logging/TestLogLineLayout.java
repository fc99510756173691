package dev.jxd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

final class TestLogLineLayout
{
    // The pattern of the logback.xml this layout replaces
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{0}: %msg%n";

    private final LoggerContext context = new LoggerContext();

    @Test
    void testFormatsLikeThePattern()
    {
        assertSameAsPattern(event(Level.INFO, "dev.jxd.daemon.http.ApiServer", "Listening on https://{}:{}", null, "*", 8443), "UTC");
        assertSameAsPattern(event(Level.WARN, "Root", "no package", null), "Europe/Paris");
        assertSameAsPattern(event(Level.DEBUG, "org.eclipse.jetty.server.Server", "debug line", null), "America/New_York");
        assertSameAsPattern(event(Level.ERROR, "dev.jxd.daemon.Daemon", "failed", new IllegalStateException("boom", new RuntimeException("cause"))), "UTC");
    }

    @Test
    void testLine()
    {
        LogLineLayout layout = new LogLineLayout(ZoneId.of("UTC"));
        LoggingEvent event = event(Level.INFO, "dev.jxd.daemon.http.ApiServer", "Listening on port {}", null, 8443);
        event.setTimeStamp(1_700_000_000_123L);

        assertThat(layout.doLayout(event)).isEqualTo("2023-11-14T22:13:20.123Z INFO  ApiServer: Listening on port 8443" + System.lineSeparator());
    }

    private void assertSameAsPattern(LoggingEvent event, String zone)
    {
        TimeZone previous = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            PatternLayout pattern = new PatternLayout();
            pattern.setContext(context);
            pattern.setPattern(PATTERN);
            pattern.start();
            LogLineLayout layout = new LogLineLayout(ZoneId.of(zone));
            layout.setContext(context);
            layout.start();

            assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
        }
        finally {
            TimeZone.setDefault(previous);
        }
    }

    private LoggingEvent event(Level level, String loggerName, String message, Throwable throwable, Object... arguments)
    {
        Logger logger = context.getLogger(loggerName);
        return new LoggingEvent(Logger.class.getName(), logger, level, message, throwable, arguments);
    }
}
