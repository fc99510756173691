package dev.jxd.daemon;

import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.cluster.ClusterJoiner;
import dev.jxd.daemon.cluster.JoinPreseed;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

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
                "unless --https-address says otherwise).",
                "",
                "To add a member to a cluster, start it with a new state directory and the token",
                "`jxc cluster add <name>` printed:",
                "  jxd --join <token> --address <host:port> [--raft-address <host:port>]",
                "or with the \"cluster\" section of an LXD-style preseed file:",
                "  jxd --preseed <file>"},
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  JXD_DIR   state directory when --state-dir is not given (default /var/lib/jxd)",
                "  JXD_LOG   log level: error, warn, info (default), debug"})
public final class Main
        implements Callable<Integer>
{
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    private static final Set<String> PLAIN_OPTIONS = Set.of("--state-dir", "--https-address", "--server-name");

    @Option(names = "--state-dir", paramLabel = "<dir>", description = "State directory (default: $JXD_DIR, else /var/lib/jxd).")
    private Path stateDirectory;

    @Option(names = "--https-address", paramLabel = "<host:port>",
            description = "core.https_address to use when the state directory is new (default 127.0.0.1:8443). Later, change it with `jxc config set core.https_address`.")
    private String httpsAddress;

    @Option(names = "--server-name", paramLabel = "<name>", description = "Name reported as environment.server_name (default: the host name).")
    private String serverName;

    @Option(names = "--join", paramLabel = "<token>",
            description = "Join an existing cluster with the token `jxc cluster add <name>` printed. The state directory must be new; nothing is written to it unless the cluster accepts the token.")
    private String joinToken;

    @Option(names = "--address", paramLabel = "<host:port>", description = "With --join: this member's HTTPS address, where the other members reach it.")
    private String joinAddress;

    @Option(names = "--raft-address", paramLabel = "<host:port>", description = "With --join: this member's Raft address (default: the --address host, port + 1).")
    private String raftAddress;

    @Option(names = "--preseed", paramLabel = "<file>",
            description = "Join a cluster as an LXD-style preseed file says: a \"cluster\" section with enabled: true, server_address, cluster_token and optionally raft_address.")
    private Path preseed;

    public static void main(String[] args)
    {
        Optional<Arguments> plain = parsePlainArguments(args);
        setJettyProperties();
        if (plain.isPresent()) {
            StartupWarmUp.start();
        }
        installLoggingBridge();
        int exitCode;
        if (plain.isPresent()) {
            exitCode = runHandlingFailure(plain.get());
        }
        else {
            exitCode = new CommandLine(new Main()).execute(args);
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** What the options say; null where an option is not given. */
    record Arguments(Path stateDirectory, String httpsAddress, String serverName, String joinToken, String joinAddress, String raftAddress, Path preseed)
    {
        Arguments(Path stateDirectory, String httpsAddress, String serverName)
        {
            this(stateDirectory, httpsAddress, serverName, null, null, null, null);
        }
    }

    /**
     * The arguments of a plain start ({@code --state-dir}, {@code --https-address} and {@code --server-name},
     * each at most once, as {@code --name value} or {@code --name=value}), read without picocli, whose model
     * of even this small command costs over a tenth of a second of start-up. Anything else (help, version,
     * mistakes) is empty, and picocli handles it as it always does.
     */
    static Optional<Arguments> parsePlainArguments(String[] args)
    {
        Map<String, String> values = new HashMap<>();
        for (int index = 0; index < args.length; index++) {
            String argument = args[index];
            int equals = argument.indexOf('=');
            String name = equals > 0 ? argument.substring(0, equals) : argument;
            if (!PLAIN_OPTIONS.contains(name) || values.containsKey(name)) {
                return Optional.empty();
            }
            if (equals > 0) {
                values.put(name, argument.substring(equals + 1));
            }
            else if (index + 1 < args.length && !args[index + 1].startsWith("-")) {
                values.put(name, args[++index]);
            }
            else {
                return Optional.empty();
            }
        }
        String stateDirectory = values.get("--state-dir");
        return Optional.of(new Arguments(stateDirectory == null ? null : Path.of(stateDirectory), values.get("--https-address"), values.get("--server-name")));
    }

    Arguments arguments()
    {
        return new Arguments(stateDirectory, httpsAddress, serverName, joinToken, joinAddress, raftAddress, preseed);
    }

    @Override
    public Integer call()
            throws Exception
    {
        return run(arguments());
    }

    // As picocli's execute() reports a failing call(): the stack trace, and exit status 1
    private static int runHandlingFailure(Arguments arguments)
    {
        try {
            return run(arguments);
        }
        catch (Exception exception) {
            exception.printStackTrace();
            return 1;
        }
    }

    private static int run(Arguments arguments)
            throws Exception
    {
        String httpsAddress = arguments.httpsAddress();
        String serverName = arguments.serverName();
        Path directory = arguments.stateDirectory() != null ? arguments.stateDirectory() : defaultStateDirectory();
        DaemonOptions options = new DaemonOptions(directory.toAbsolutePath(), Optional.ofNullable(httpsAddress), InstantSource.system(),
                serverName != null ? serverName : Certificates.localHostName());
        if (arguments.preseed() != null) {
            if (arguments.joinToken() != null || arguments.joinAddress() != null || arguments.raftAddress() != null) {
                System.err.println("Error: --preseed replaces --join, --address and --raft-address");
                return 1;
            }
            try {
                JoinPreseed.Join join = JoinPreseed.read(arguments.preseed());
                options = options.withJoin(new DaemonOptions.JoinOptions(join.token(), join.address(), join.raftAddress()));
            }
            catch (ClusterJoiner.JoinFailedException exception) {
                System.err.println("Error: " + exception.getMessage());
                return 1;
            }
        }
        else if (arguments.joinToken() != null) {
            if (arguments.joinAddress() == null) {
                System.err.println("Error: --join needs --address <host:port>, this member's HTTPS address");
                return 1;
            }
            options = options.withJoin(new DaemonOptions.JoinOptions(arguments.joinToken(), arguments.joinAddress(), Optional.ofNullable(arguments.raftAddress())));
        }
        else if (arguments.joinAddress() != null || arguments.raftAddress() != null) {
            System.err.println("Error: --address and --raft-address are for --join");
            return 1;
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(options);
        }
        catch (ClusterJoiner.JoinFailedException exception) {
            System.err.println("Error: " + exception.getMessage());
            return 1;
        }
        DaemonSupervisor supervisor = new DaemonSupervisor(daemon);
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::shutdown, "jxd-shutdown"));
        System.err.printf("jxd %s is ready.%n  unix socket: %s%n  https:       %s%nReach it with:%n  JXD_DIR=%s jxc query /1.0%n",
                Daemon.VERSION,
                daemon.socketPath(),
                daemon.httpsPort().map(port -> "listening on port " + port).orElse("off (jxc config set core.https_address <host:port>)"),
                directory.toAbsolutePath());
        supervisor.run(options);
        return 0;
    }

    /** Process-wide set-up done before anything else, shared with the AOT training run. */
    static void prepareRuntime()
    {
        setJettyProperties();
        installLoggingBridge();
    }

    // Before any Jetty class initializes
    private static void setJettyProperties()
    {
        // Jetty otherwise starts the JMX platform server (a tenth of a second) only to learn whether object
        // references are compressed, which they are for any heap under 32 GiB; it only sizes padding
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private static void installLoggingBridge()
    {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    static Path defaultStateDirectory()
    {
        String fromEnvironment = System.getenv("JXD_DIR");
        return Path.of(fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : "/var/lib/jxd");
    }
}
