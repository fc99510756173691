package dev.jxd.daemon.testing;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.Daemon;
import dev.jxd.daemon.DaemonOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real jxd daemon for tests: its own state directory, a loopback HTTPS port, the unix socket, and a
 * clock the test controls. Clients made here are closed with the daemon.
 */
public final class TestDaemon
        implements AutoCloseable
{
    private final Path stateDirectory;
    private final int port;
    private final MutableClock clock;
    private final Daemon daemon;
    private final List<JxdClient> clients = new ArrayList<>();

    private final String serverName;

    private TestDaemon(Path stateDirectory, int port, MutableClock clock, String serverName)
            throws Exception
    {
        this(stateDirectory, port, clock, serverName, Optional.empty());
    }

    private TestDaemon(Path stateDirectory, int port, MutableClock clock, String serverName, Optional<DaemonOptions.JoinOptions> join)
            throws Exception
    {
        this.stateDirectory = stateDirectory;
        this.port = port;
        this.clock = clock;
        this.serverName = serverName;
        this.daemon = Daemon.start(new DaemonOptions(stateDirectory, Optional.of("127.0.0.1:" + port), clock, serverName, join));
    }

    /**
     * Starts a new member that joins a cluster with {@code token}; its HTTPS port is free, its Raft port
     * another free one.
     */
    public static TestDaemon join(String token)
    {
        Path directory = newStateDirectoryPath();
        int port = freePort();
        try {
            return new TestDaemon(directory, port, new MutableClock(), "test-server",
                    Optional.of(new DaemonOptions.JoinOptions(token, "127.0.0.1:" + port, Optional.of("127.0.0.1:" + freePort()))));
        }
        catch (Exception exception) {
            throw new IllegalStateException("Cannot join: " + exception.getMessage(), exception);
        }
    }

    /** A path for a state directory that does not exist yet, as an operator would give a new member. */
    public static Path newStateDirectoryPath()
    {
        try {
            Path directory = Files.createTempDirectory(Path.of("/tmp"), "jxd-");
            Files.delete(directory);
            return directory;
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** Stops this daemon and starts it again on the same state directory and port, as after a crash. */
    public TestDaemon restart()
    {
        synchronized (clients) {
            clients.forEach(JxdClient::close);
            clients.clear();
        }
        daemon.close();
        try {
            return new TestDaemon(stateDirectory, port, clock, serverName);
        }
        catch (Exception exception) {
            throw new IllegalStateException("Cannot restart " + stateDirectory, exception);
        }
    }

    /** Stops the daemon but keeps its state directory. */
    public void stop()
    {
        synchronized (clients) {
            clients.forEach(JxdClient::close);
            clients.clear();
        }
        daemon.close();
    }

    public static TestDaemon start()
    {
        return start("test-server");
    }

    public static TestDaemon start(String serverName)
    {
        try {
            // Short paths: a unix socket path must stay under 108 bytes
            Path directory = Files.createTempDirectory(Path.of("/tmp"), "jxd-");
            return new TestDaemon(directory, freePort(), new MutableClock(), serverName);
        }
        catch (Exception exception) {
            throw new IllegalStateException("Cannot start a test daemon", exception);
        }
    }

    /** A free loopback port whose successor is free too (see {@link LoopbackPorts}). */
    public static int freePort()
    {
        return LoopbackPorts.reservePair();
    }

    public Daemon daemon()
    {
        return daemon;
    }

    public MutableClock clock()
    {
        return clock;
    }

    public Path stateDirectory()
    {
        return stateDirectory;
    }

    public int port()
    {
        return port;
    }

    public String address()
    {
        return "127.0.0.1:" + port;
    }

    public String url()
    {
        return "https://" + address();
    }

    /** The certificate this daemon serves: the cluster certificate once it is a cluster member. */
    public String serverCertificatePem()
    {
        try {
            Path cluster = stateDirectory.resolve("cluster.crt");
            return Files.readString(Files.exists(cluster) ? cluster : stateDirectory.resolve("server.crt"));
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    public String serverFingerprint()
    {
        return Certificates.fingerprint(Certificates.parsePem(serverCertificatePem()));
    }

    /** The local administrator, over the unix socket. */
    public JxdClient unixClient()
    {
        return track(JxdClient.unixSocket(daemon.socketPath()));
    }

    /** An HTTPS client presenting {@code certificate} (null: none), pinned to this daemon's certificate. */
    public JxdClient httpsClient(CertificateAndKey certificate)
    {
        return track(JxdClient.https(url(), serverCertificatePem(), certificate));
    }

    /** The daemon's network certificate and key, to call other daemons as this one does. */
    public CertificateAndKey networkCertificate()
    {
        try {
            return Certificates.loadOrCreate(stateDirectory, "server", false);
        }
        catch (Exception exception) {
            throw new IllegalStateException("Cannot read the network certificate of " + stateDirectory, exception);
        }
    }

    /** The cluster certificate and key a member holds, to call members as another member does. */
    public CertificateAndKey clusterCertificate()
    {
        return Certificates.loadOrCreate(stateDirectory, "cluster", false);
    }

    public static CertificateAndKey newClientCertificate(String name)
    {
        return Certificates.generate(name, true, Duration.ofDays(365));
    }

    private JxdClient track(JxdClient client)
    {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close()
    {
        synchronized (clients) {
            clients.forEach(JxdClient::close);
        }
        daemon.close();
        try (Stream<Path> paths = Files.walk(stateDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
