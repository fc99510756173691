package dev.jxd.bench;

import dev.jxd.client.JxdClient;
import dev.jxd.daemon.Daemon;
import dev.jxd.daemon.DaemonOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A real daemon started in the benchmark's JVM, on the system clock, in a throwaway state directory, with an
 * administrator client on its unix socket. In-process daemons let a benchmark reach into the database
 * ({@link Daemon#store()}) for set-ups the API does not offer.
 */
final class BenchDaemon
        implements AutoCloseable
{
    // As the daemon's Main: Jetty otherwise starts the JMX platform server only to size padding
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final Path stateDirectory;
    private final int port;
    private final Daemon daemon;
    private final JxdClient admin;

    private BenchDaemon(Path stateDirectory, int port, Daemon daemon)
    {
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
        this.port = port;
        this.daemon = requireNonNull(daemon, "daemon is null");
        this.admin = JxdClient.unixSocket(daemon.socketPath());
    }

    /**
     * @param listenHost the host of {@code core.https_address}: {@code 127.0.0.1}, or {@code 0.0.0.0} for a daemon
     * that must also be reachable at other loopback addresses such as {@code 127.0.0.2}
     */
    static BenchDaemon start(String serverName, String listenHost)
            throws Exception
    {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        // A unix socket path must stay under 108 bytes, so not under a long $TMPDIR
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "jxd-bench-");
        int port = freePort();
        Daemon daemon = Daemon.start(new DaemonOptions(directory, Optional.of(listenHost + ":" + port), InstantSource.system(), serverName));
        return new BenchDaemon(directory, port, daemon);
    }

    Daemon daemon()
    {
        return daemon;
    }

    /** The local administrator, over the unix socket. */
    JxdClient admin()
    {
        return admin;
    }

    int port()
    {
        return port;
    }

    /** A group whose members may view the default project: links need a group, and its permissions do not matter here. */
    void createGroup(String name)
    {
        admin.post("/1.0/auth/groups", Map.of("name", name, "description", "",
                "permissions", List.of(Map.of("entity_type", "project", "url", "/1.0/projects/default", "entitlement", "can_view"))));
    }

    @Override
    public void close()
    {
        admin.close();
        daemon.close();
        try (Stream<Path> paths = Files.walk(stateDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a leftover directory under /tmp is harmless
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
