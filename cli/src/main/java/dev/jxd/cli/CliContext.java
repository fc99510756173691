package dev.jxd.cli;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Everything a command needs from its surroundings: standard streams, environment, the client configuration,
 * the global options, and connections to remotes. Connections are opened lazily and cached, so commands that
 * never talk to a server never start an HTTP client.
 */
final class CliContext
        implements AutoCloseable
{
    static final String CONFIG_DIRECTORY_VARIABLE = "JXC_CONF";
    static final String DAEMON_DIRECTORY_VARIABLE = "JXD_DIR";
    static final String DEFAULT_DAEMON_DIRECTORY = "/var/lib/jxd";
    static final String DEFAULT_PROJECT = "default";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final boolean interactiveStreams;
    private final Map<String, JxdClient> clients = new HashMap<>();
    private ClientConfig config;
    private String projectOverride;
    private boolean quiet;

    /**
     * @param interactiveStreams true when {@code in}/{@code out} are the process's own streams, which may be a
     * terminal; embedded runs (tests) pass false and are never treated as interactive
     */
    CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment, boolean interactiveStreams)
    {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.interactiveStreams = interactiveStreams;
    }

    InputStream in()
    {
        return in;
    }

    PrintStream out()
    {
        return out;
    }

    PrintStream err()
    {
        return err;
    }

    String environment(String name)
    {
        return environment.get(name);
    }

    boolean quiet()
    {
        return quiet;
    }

    void setQuiet(boolean quiet)
    {
        this.quiet = quiet;
    }

    /** The {@code --project} flag, or {@code null} when it was not given. */
    String projectOverride()
    {
        return projectOverride;
    }

    void setProjectOverride(String projectOverride)
    {
        this.projectOverride = projectOverride;
    }

    /** The project commands on this remote work in: {@code --project}, else the remote's current project, else {@code default}. */
    String project(String remoteName)
    {
        if (projectOverride != null && !projectOverride.isEmpty()) {
            return projectOverride;
        }
        String remoteProject = config().remote(remoteName).map(RemoteConfig::project).orElse("");
        return remoteProject.isEmpty() ? DEFAULT_PROJECT : remoteProject;
    }

    /** Whether standard input is a terminal; when it is not, {@code edit}/{@code create} read YAML from it. */
    boolean stdinIsTerminal()
    {
        if (!interactiveStreams) {
            return false;
        }
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** All of standard input, as UTF-8. */
    String readStdin()
    {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to read standard input", e);
        }
    }

    /** One line of standard input without its line terminator, or {@code null} at end of input. */
    String readLine()
    {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int next = in.read();
            if (next < 0) {
                return null;
            }
            while (next >= 0 && next != '\n') {
                line.write(next);
                next = in.read();
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to read standard input", e);
        }
    }

    ClientConfig config()
    {
        if (config == null) {
            config = ClientConfig.load(configDirectory(), daemonDirectory());
        }
        return config;
    }

    Path configDirectory()
    {
        String configured = environment.get(CONFIG_DIRECTORY_VARIABLE);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        String home = environment.get("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".config", "jxc");
    }

    Path daemonDirectory()
    {
        String configured = environment.get(DAEMON_DIRECTORY_VARIABLE);
        return Path.of(configured == null || configured.isEmpty() ? DEFAULT_DAEMON_DIRECTORY : configured);
    }

    /** A connection to the named remote, opened on first use. */
    JxdClient client(String remoteName)
    {
        JxdClient client = clients.get(remoteName);
        if (client == null) {
            client = connect(remoteName, config().requireRemote(remoteName));
            clients.put(remoteName, client);
        }
        return client;
    }

    /** Opens a connection to a remote that may not be saved in the configuration yet ({@code remote add}). */
    JxdClient connect(String remoteName, RemoteConfig remote)
    {
        ClientOptions options = ClientOptions.DEFAULT.withUserAgent("jxc");
        if (remote.isUnixSocket()) {
            return JxdClient.unixSocket(config().socketPath(remote), options);
        }
        String pinnedCertificate = null;
        Path certificatePath = config().serverCertificatePath(remoteName);
        try {
            if (Files.exists(certificatePath)) {
                pinnedCertificate = Files.readString(certificatePath, StandardCharsets.US_ASCII);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + certificatePath, e);
        }
        return JxdClient.https(remote.addr(), pinnedCertificate, existingClientCertificate(), options);
    }

    /** The user's client certificate, generated in the configuration directory on first use. */
    CertificateAndKey clientCertificate()
    {
        return Certificates.loadOrCreate(config().directory(), ClientConfig.CLIENT_CERTIFICATE_BASE_NAME, true);
    }

    private CertificateAndKey existingClientCertificate()
    {
        // Without a certificate the connection is simply untrusted; only "remote add" creates one
        if (Files.exists(config().clientCertificatePath()) && Files.exists(config().clientKeyPath())) {
            return clientCertificate();
        }
        return null;
    }

    /** Closes and forgets a cached connection, e.g. after its remote's pinned certificate changed. */
    void disconnect(String remoteName)
    {
        JxdClient client = clients.remove(remoteName);
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close()
    {
        for (JxdClient client : clients.values()) {
            client.close();
        }
        clients.clear();
        out.flush();
        err.flush();
    }
}
