package dev.jxd.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Runs {@code jxc} in-process with its own configuration directory, daemon directory and standard input. */
final class CliRunner
{
    record Result(int exitCode, String out, String err)
    {
    }

    private final Path configDirectory;
    private final Path daemonDirectory;

    CliRunner(Path configDirectory, Path daemonDirectory)
    {
        this.configDirectory = requireNonNull(configDirectory, "configDirectory is null");
        this.daemonDirectory = requireNonNull(daemonDirectory, "daemonDirectory is null");
    }

    Result run(String... args)
    {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(
                        CliContext.CONFIG_DIRECTORY_VARIABLE, configDirectory.toString(),
                        CliContext.DAEMON_DIRECTORY_VARIABLE, daemonDirectory.toString(),
                        "HOME", configDirectory.toString()));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] args(String commandLine)
    {
        return new ArrayList<>(List.of(commandLine.split(" "))).toArray(String[]::new);
    }
}
