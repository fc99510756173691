package dev.jxd.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real external program (lxc, the jxc launcher) and captures what it printed. */
public final class ProcessRunner
{
    private ProcessRunner() {}

    public record Result(int exitCode, String standardOutput, String standardError)
    {
        public Result assertSuccess()
        {
            if (exitCode != 0) {
                throw new AssertionError("exit " + exitCode + "\nstdout: " + standardOutput + "\nstderr: " + standardError);
            }
            return this;
        }
    }

    public static Result run(List<String> command, Map<String, String> environment, String standardInput, Duration timeout)
    {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> output = read(process.getInputStream());
            CompletableFuture<String> error = read(process.getErrorStream());
            try (var input = process.getOutputStream()) {
                if (standardInput != null) {
                    input.write(standardInput.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out after " + timeout + ": " + command);
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

    /** The repository root, found from the it module's working directory. */
    public static Path repositoryRoot()
    {
        Path directory = Path.of("").toAbsolutePath();
        return directory.getFileName().toString().equals("it") ? directory.getParent() : directory;
    }
}
