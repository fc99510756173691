package dev.jxd.it.cluster;

import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A jxd daemon in its own OS process, started by the launcher {@code bin/jxd} as an operator starts it (the JVM
 * options of {@code daemon/jvm.options}, the AOT cache when it is current), optionally inside a network namespace.
 * Its output goes to {@code <state directory>.log}, appended across restarts. The test talks to it as the local
 * administrator over its unix socket, which works from any network namespace.
 */
final class DaemonProcess
        implements AutoCloseable
{
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    // Every request is bounded, so a member that hangs fails the test instead of stalling it; the longest legitimate
    // wait is a write without quorum, which gives up after the 10 s Raft write timeout
    private static final ClientOptions ADMIN_OPTIONS = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), "jxd-it-cluster", Optional.of(Duration.ofSeconds(45)));
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Path stateDirectory;
    private final String httpsAddress;
    private final Optional<String> namespace;
    private final Path log;
    private final JxdClient admin;
    private Process process;

    private DaemonProcess(String name, Path stateDirectory, String httpsAddress, Optional<String> namespace)
    {
        this.name = requireNonNull(name, "name is null");
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
        this.httpsAddress = requireNonNull(httpsAddress, "httpsAddress is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.log = stateDirectory.resolveSibling(stateDirectory.getFileName() + ".log");
        this.admin = JxdClient.unixSocket(stateDirectory.resolve("unix.socket"), ADMIN_OPTIONS);
    }

    /** A new standalone server named {@code name}, listening on {@code httpsAddress}. */
    static DaemonProcess startStandalone(String name, Path stateDirectory, String httpsAddress, Optional<String> namespace)
    {
        DaemonProcess daemon = new DaemonProcess(name, stateDirectory, httpsAddress, namespace);
        daemon.launch(List.of("--state-dir", stateDirectory.toString(), "--https-address", httpsAddress, "--server-name", name));
        return daemon;
    }

    /** A new member that joins a cluster with {@code token} ({@code jxd --join}); its Raft port is its HTTPS port plus one. */
    static DaemonProcess join(String name, Path stateDirectory, String httpsAddress, Optional<String> namespace, String token)
    {
        DaemonProcess daemon = new DaemonProcess(name, stateDirectory, httpsAddress, namespace);
        daemon.launch(List.of("--state-dir", stateDirectory.toString(), "--join", token, "--address", httpsAddress));
        return daemon;
    }

    /** Starts the daemon again on its state directory alone ({@code jxd --state-dir <dir>}), as after a crash. */
    void restart()
    {
        if (running()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(List.of("--state-dir", stateDirectory.toString()));
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill()
    {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the daemon shuts down as an operator stops it. */
    void stop()
    {
        process.destroy();
        awaitExit();
    }

    boolean running()
    {
        return process != null && process.isAlive();
    }

    String name()
    {
        return name;
    }

    String httpsAddress()
    {
        return httpsAddress;
    }

    Path stateDirectory()
    {
        return stateDirectory;
    }

    /** The local administrator, over the unix socket; it reconnects after a restart. */
    JxdClient admin()
    {
        return admin;
    }

    /** The last lines the daemon wrote, for failure messages. */
    String logTail()
    {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        }
        catch (IOException exception) {
            return "(no log: " + exception.getMessage() + ")";
        }
    }

    /** Keeps the daemon's log beyond the state directory, for a look after a failed run. */
    void copyLogTo(Path directory)
    {
        try {
            Files.createDirectories(directory);
            if (Files.exists(log)) {
                Files.copy(log, directory.resolve(name + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    @Override
    public void close()
    {
        if (running()) {
            kill();
        }
        admin.close();
    }

    @Override
    public String toString()
    {
        return name + " (" + httpsAddress + namespace.map(value -> " in " + value).orElse("") + ")";
    }

    private void launch(List<String> arguments)
    {
        Path launcher = Repository.root().resolve("bin/jxd");
        Path jar = Repository.root().resolve("daemon/target/jxd.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the daemon module builds it before the it module runs");
        }
        List<String> command = new ArrayList<>();
        namespace.ifPresent(value -> command.addAll(List.of("ip", "netns", "exec", value)));
        command.add(launcher.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The launcher looks for a JDK 25 in JAVA_HOME first: the one running the tests
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            process = builder.start();
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot start " + command, exception);
        }
        awaitReady();
    }

    /** Until the daemon answers on its unix socket; a joining member answers only once the cluster admitted it. */
    private void awaitReady()
    {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(this + " exited with status " + process.exitValue() + " before answering:\n" + logTail());
            }
            try {
                admin.get("/1.0");
                return;
            }
            catch (JxdClientException exception) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(this + " did not answer on its unix socket within " + READY_TIMEOUT + ":\n" + logTail(), exception);
                }
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private void awaitExit()
    {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(this + " did not exit within " + EXIT_TIMEOUT + ":\n" + logTail());
            }
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
