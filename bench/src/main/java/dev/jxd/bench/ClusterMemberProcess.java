package dev.jxd.bench;

import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A jxd daemon in its own OS process, started with {@code bin/jxd} exactly as an operator starts it, logging to
 * {@code <state directory>.log} (appended across restarts). The benchmark talks to it as the local administrator over
 * its unix socket.
 */
final class ClusterMemberProcess
        implements AutoCloseable
{
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final ClientOptions ADMIN_OPTIONS = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(120), "jxd-bench-cluster", Optional.of(Duration.ofSeconds(60)));

    private final Path repository;
    private final String name;
    private final Path stateDirectory;
    private final String httpsAddress;
    private final Path log;
    private final JxdClient admin;
    private Process process;

    private ClusterMemberProcess(Path repository, String name, Path stateDirectory, String httpsAddress)
    {
        this.repository = requireNonNull(repository, "repository is null");
        this.name = requireNonNull(name, "name is null");
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null");
        this.httpsAddress = requireNonNull(httpsAddress, "httpsAddress is null");
        this.log = stateDirectory.resolveSibling(stateDirectory.getFileName() + ".log");
        this.admin = JxdClient.unixSocket(stateDirectory.resolve("unix.socket"), ADMIN_OPTIONS);
    }

    static ClusterMemberProcess startStandalone(Path repository, String name, Path stateDirectory, String httpsAddress)
    {
        ClusterMemberProcess daemon = new ClusterMemberProcess(repository, name, stateDirectory, httpsAddress);
        daemon.launch(List.of("--state-dir", stateDirectory.toString(), "--https-address", httpsAddress, "--server-name", name));
        daemon.awaitReady();
        return daemon;
    }

    /** Starts {@code jxd --join} and returns at once; {@link #awaitReady} waits until the cluster admitted it. */
    static ClusterMemberProcess launchJoin(Path repository, String name, Path stateDirectory, String httpsAddress, String token)
    {
        ClusterMemberProcess daemon = new ClusterMemberProcess(repository, name, stateDirectory, httpsAddress);
        daemon.launch(List.of("--state-dir", stateDirectory.toString(), "--join", token, "--address", httpsAddress));
        return daemon;
    }

    /** Starts the daemon again on its state directory ({@code jxd --state-dir <dir>}) and returns at once. */
    void launchRestart()
    {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(List.of("--state-dir", stateDirectory.toString()));
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill()
    {
        process.destroyForcibly();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL");
            }
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    /** Until the daemon answers {@code GET /1.0} on its unix socket. */
    void awaitReady()
    {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + ":\n" + logTail());
            }
            try {
                admin.get("/1.0");
                return;
            }
            catch (JxdClientException exception) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(name + " did not answer within " + READY_TIMEOUT + ":\n" + logTail(), exception);
                }
            }
            sleep(Duration.ofMillis(20));
        }
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

    JxdClient admin()
    {
        return admin;
    }

    /** The process id of the daemon's JVM ({@code bin/jxd} execs java), for profilers. */
    long pid()
    {
        return process.pid();
    }

    /** CPU time the daemon's JVM has used so far. */
    Duration cpuTime()
    {
        return process.toHandle().info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("No CPU time for process " + process.pid()));
    }

    String logTail()
    {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException exception) {
            return "(no log: " + exception.getMessage() + ")";
        }
    }

    @Override
    public void close()
    {
        if (process != null && process.isAlive()) {
            kill();
        }
        admin.close();
    }

    private void launch(List<String> arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(repository.resolve("bin/jxd").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            process = builder.start();
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot start " + command, exception);
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
