package dev.jxd.it.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/** The built jxc jar run as a real process, as the daemon's administrator on its unix socket. */
final class JxcProcess
{
    private final Path daemonDirectory;
    private final Path configuration;

    record Result(int exitCode, String standardOutput, String standardError) {}

    JxcProcess(Path daemonDirectory, Path configuration)
    {
        this.daemonDirectory = requireNonNull(daemonDirectory, "daemonDirectory is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /** Runs jxc with {@code arguments}; fails unless it exits 0. */
    String succeeds(String... arguments)
    {
        Result result = run(arguments);
        assertThat(result.exitCode()).as("jxc %s: %s", String.join(" ", arguments), result.standardError()).isZero();
        return result.standardOutput();
    }

    Result run(String... arguments)
    {
        Path jar = repositoryRoot().resolve("cli/target/jxc.jar");
        assertThat(Files.exists(jar)).as(jar + " is built by the cli module before it").isTrue();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("JXD_DIR", daemonDirectory.toString());
        builder.environment().put("JXC_CONF", configuration.toString());
        try {
            Process process = builder.start();
            CompletableFuture<String> output = read(process.getInputStream());
            CompletableFuture<String> error = read(process.getErrorStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("jxc timed out: " + command);
            }
            return new Result(process.exitValue(), output.join(), error.join());
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    private static CompletableFuture<String> read(InputStream stream)
    {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException exception) {
                throw new UncheckedIOException(exception);
            }
        });
    }

    private static Path repositoryRoot()
    {
        Path directory = Path.of("").toAbsolutePath();
        return directory.getFileName().toString().equals("it") ? directory.getParent() : directory;
    }
}
