package dev.jxd.daemon;

import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.server.ServerHandler;
import org.eclipse.jetty.http.MimeTypes;
import org.slf4j.LoggerFactory;

/**
 * Work that start-up needs later, done early on a second thread while the main thread opens the database
 * and wires the features: the main thread runs alone for most of a start, so a spare core would otherwise
 * idle. Everything here is idempotent one-time initialization that the main thread or the first request
 * would do anyway; when it is not finished yet, they wait on the JVM's class-initialization lock or build
 * the same serializers themselves. Nothing here is needed for correctness.
 */
final class StartupWarmUp
{
    private StartupWarmUp() {}

    static void start()
    {
        Thread.ofPlatform().name("jxd-warm-up").daemon().start(StartupWarmUp::run);
    }

    private static void run()
    {
        try {
            // In the order the main thread needs them. The SQLite driver's connection settings build date
            // formats from the JDK's locale data, tens of milliseconds that the main thread reaches soon
            Database.prepareDriver();
            // Jetty's MIME table initializer walks every locale the JDK knows (tens of ms); Server's constructor needs it
            MimeTypes.DEFAULTS.getMimeByExtension("index.html");
            // The serializers of GET /1.0, which is almost always the first request a client makes
            ServerHandler.prepareSerializers();
        }
        catch (RuntimeException | LinkageError exception) {
            // Whatever failed here fails again, and is reported, where the main thread needs it
            LoggerFactory.getLogger(StartupWarmUp.class).debug("Start-up warm-up failed", exception);
        }
    }
}
