package dev.jxd.daemon.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static java.util.Objects.requireNonNull;

/**
 * Formats a log event as the pattern {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{0}: %msg%n}
 * would, followed by the stack trace of an attached exception. Written out because logback's
 * {@code PatternLayout} registers a lambda per known conversion word when it starts, which costs a few
 * hundred milliseconds of start-up for a daemon that uses four of them.
 */
final class LogLineLayout
        extends LayoutBase<ILoggingEvent>
{
    private final DateTimeFormatter timestamps;

    LogLineLayout(ZoneId zone)
    {
        this.timestamps = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(requireNonNull(zone, "zone is null"));
    }

    @Override
    public String doLayout(ILoggingEvent event)
    {
        StringBuilder line = new StringBuilder(128);
        timestamps.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        line.repeat(' ', Math.max(0, 5 - level.length()));
        line.append(' ');
        String logger = event.getLoggerName();
        line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
        line.append(": ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy throwable = event.getThrowableProxy();
        if (throwable != null) {
            line.append(ThrowableProxyUtil.asString(throwable));
        }
        return line.toString();
    }
}
