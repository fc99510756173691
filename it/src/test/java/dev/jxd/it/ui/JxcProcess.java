package dev.jxd.it.ui;

import dev.jxd.it.ProcessRunner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/** The built jxc jar run as a real process, as the daemon's administrator on its unix socket. */
final class JxcProcess
{
    private final Path daemonDirectory;
    private final Path configuration;

    JxcProcess(Path daemonDirectory, Path configuration)
    {
        this.daemonDirectory = requireNonNull(daemonDirectory, "daemonDirectory is null");
        this.configuration = requireNonNull(configuration, "configuration is null");
    }

    /** Runs jxc with {@code arguments}; fails unless it exits 0. */
    String succeeds(String... arguments)
    {
        ProcessRunner.Result result = run(arguments);
        assertThat(result.exitCode()).as("jxc %s: %s", String.join(" ", arguments), result.standardError()).isZero();
        return result.standardOutput();
    }

    ProcessRunner.Result run(String... arguments)
    {
        Path jar = ProcessRunner.repositoryRoot().resolve("cli/target/jxc.jar");
        assertThat(Files.exists(jar)).as(jar + " is built by the cli module before it").isTrue();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return ProcessRunner.run(command, Map.of("JXD_DIR", daemonDirectory.toString(), "JXC_CONF", configuration.toString()), null, Duration.ofSeconds(60));
    }
}
