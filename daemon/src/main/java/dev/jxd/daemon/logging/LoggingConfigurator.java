package dev.jxd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.time.ZoneId;

/**
 * The daemon's logging set-up, found by logback through {@code META-INF/services}: everything to stderr,
 * the level from {@code JXD_LOG} (default info), Jetty at WARN. Configured in code rather than with a
 * {@code logback.xml} because logback's XML configurator (Joran) costs about half a second of start-up
 * for these few lines; the line format is {@link LogLineLayout}. Secrets are never logged at any level.
 */
public final class LoggingConfigurator
        extends ContextAwareBase
        implements Configurator
{
    static final String LEVEL_VARIABLE = "JXD_LOG";

    @Override
    public ExecutionStatus configure(LoggerContext context)
    {
        // Keeps java.util.logging levels in step with logback's, so that JUL records below the level are
        // dropped before the SLF4J bridge formats them
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);

        LogLineLayout layout = new LogLineLayout(ZoneId.systemDefault());
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        // A system property of the same name wins, as it did for the ${JXD_LOG} variable of the former logback.xml
        root.setLevel(level(System.getProperty(LEVEL_VARIABLE, System.getenv(LEVEL_VARIABLE))));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The root level for a {@code JXD_LOG} value: unset, empty or unknown means info. */
    static Level level(String value)
    {
        return Level.toLevel(value == null ? null : value.strip(), Level.INFO);
    }
}
