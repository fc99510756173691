package dev.jxd.daemon.db.raft;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps Ratis quiet in the daemon's log. Ratis logs every configuration value, role change and election at
 * INFO, and warns about interrupted log appenders whenever a member stops; at the daemon's default level
 * only its warnings and errors get through. Its shaded gRPC logs through java.util.logging, which goes to
 * SLF4J like everything else.
 */
final class RaftLogging
{
    private static final AtomicBoolean CONFIGURED = new AtomicBoolean();

    private RaftLogging() {}

    static void configure()
    {
        if (!CONFIGURED.compareAndSet(false, true)) {
            return;
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level root = context.getLogger(Logger.ROOT_LOGGER_NAME).getEffectiveLevel();
        if (!root.isGreaterOrEqual(Level.INFO)) {
            // Someone asked for debug logging: Ratis' detail is part of it
            return;
        }
        quiet(context, "org.apache.ratis", Level.WARN);
        // "GrpcLogAppender is interrupted", "... failed appendEntries", "APPEND_ENTRIES onError" whenever a
        // peer stops or restarts: the leader keeps retrying, and a member that stays away shows in its status
        quiet(context, "org.apache.ratis.grpc.server.GrpcLogAppender", Level.ERROR);
        quiet(context, "org.apache.ratis.grpc.server.GrpcServerProtocolClient", Level.ERROR);
        quiet(context, "org.apache.ratis.grpc.server.GrpcServerProtocolService", Level.ERROR);
    }

    private static void quiet(LoggerContext context, String name, Level level)
    {
        Logger logger = context.getLogger(name);
        if (logger.getLevel() == null) {
            logger.setLevel(level);
        }
    }
}
