package dev.jxd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

final class TestLoggingConfigurator
{
    @Test
    void configuresStderrWithJettyAtWarn()
    {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);

        String previous = System.getProperty(LoggingConfigurator.LEVEL_VARIABLE);
        System.setProperty(LoggingConfigurator.LEVEL_VARIABLE, "debug");
        try {
            assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        }
        finally {
            if (previous == null) {
                System.clearProperty(LoggingConfigurator.LEVEL_VARIABLE);
            }
            else {
                System.setProperty(LoggingConfigurator.LEVEL_VARIABLE, previous);
            }
        }

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> appender = root.getAppender("STDERR");
        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        assertThat(console.isStarted()).isTrue();
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).getLayout()).isInstanceOf(LogLineLayout.class);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.jxd.daemon.Daemon").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getCopyOfListenerList()).hasAtLeastOneElementOfType(LevelChangePropagator.class);
    }

    @Test
    void levelComesFromTheVariableAndDefaultsToInfo()
    {
        assertThat(LoggingConfigurator.level(null)).isEqualTo(Level.INFO);
        assertThat(LoggingConfigurator.level("")).isEqualTo(Level.INFO);
        assertThat(LoggingConfigurator.level("nonsense")).isEqualTo(Level.INFO);
        assertThat(LoggingConfigurator.level("debug")).isEqualTo(Level.DEBUG);
        assertThat(LoggingConfigurator.level(" WARN ")).isEqualTo(Level.WARN);
        assertThat(LoggingConfigurator.level("error")).isEqualTo(Level.ERROR);
    }

    @Test
    void isRegisteredAsALogbackService()
            throws IOException
    {
        try (InputStream services = LoggingConfigurator.class.getResourceAsStream("/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(services).isNotNull();
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).strip()).isEqualTo(LoggingConfigurator.class.getName());
        }
    }
}
