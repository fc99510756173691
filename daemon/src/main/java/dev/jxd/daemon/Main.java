package dev.jxd.daemon;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code jxd} command. */
@Command(
        name = "jxd",
        mixinStandardHelpOptions = true,
        version = "jxd " + Daemon.VERSION,
        description = {
                "The jxd daemon: LXD's REST API for cluster links, identities and authorization.",
                "",
                "On first start it creates the state directory with the server certificate",
                "(server.crt, server.key), the database, and listens on the unix socket",
                "<state-dir>/unix.socket and on HTTPS at core.https_address (127.0.0.1:8443",
                "unless --https-address says otherwise)."},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  JXD_DIR   state directory when --state-dir is not given (default /var/lib/jxd)",
                "  JXD_LOG   log level: error, warn, info (default), debug"})
public final class Main
        implements Callable<Integer>
{
    @Option(names = "--state-dir", paramLabel = "<dir>", description = "State directory (default: $JXD_DIR, else /var/lib/jxd).")
    private Path stateDirectory;

    @Option(names = "--https-address", paramLabel = "<host:port>",
            description = "core.https_address to use when the state directory is new (default 127.0.0.1:8443). Later, change it with `jxc config set core.https_address`.")
    private String httpsAddress;

    @Option(names = "--server-name", paramLabel = "<name>", description = "Name reported as environment.server_name (default: the host name).")
    private String serverName;

    public static void main(String[] args)
    {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call()
            throws Exception
    {
        Path directory = stateDirectory != null ? stateDirectory : defaultStateDirectory();
        DaemonOptions options = new DaemonOptions(directory.toAbsolutePath(), Optional.ofNullable(httpsAddress), InstantSource.system(),
                serverName != null ? serverName : hostName());
        Daemon daemon = Daemon.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "jxd-shutdown"));
        System.err.printf("jxd %s is ready.%n  unix socket: %s%n  https:       %s%nReach it with:%n  JXD_DIR=%s jxc query /1.0%n",
                Daemon.VERSION,
                daemon.socketPath(),
                daemon.httpsPort().map(port -> "listening on port " + port).orElse("off (jxc config set core.https_address <host:port>)"),
                directory.toAbsolutePath());
        stopped.await();
        return 0;
    }

    static Path defaultStateDirectory()
    {
        String fromEnvironment = System.getenv("JXD_DIR");
        return Path.of(fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : "/var/lib/jxd");
    }

    private static String hostName()
    {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException exception) {
            return "localhost";
        }
    }
}
