package dev.jxd.it;

import dev.jxd.cli.Main;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's cluster workflow through {@code jxc}, against real daemons: enable, add, join with the
 * printed token, list, show, rename, tokens, remove.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestJxcClusterCommands
{
    @TempDir
    Path home;

    private TestDaemon first;
    private final List<TestDaemon> joined = new ArrayList<>();

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    void start()
    {
        first = TestDaemon.start("e2e-cluster");
    }

    @AfterAll
    void stop()
    {
        joined.forEach(TestDaemon::close);
        first.close();
    }

    private Run jxc(TestDaemon daemon, String... arguments)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = Map.of("JXD_DIR", daemon.stateDirectory().toString(), "JXC_CONF", home.resolve("jxc").toString(), "HOME", home.toString());
        int exitCode = Main.run(arguments, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void formsAndManagesAClusterThroughJxc()
    {
        Run notClustered = jxc(first, "cluster", "list");
        assertThat(notClustered.exitCode()).isEqualTo(1);
        assertThat(notClustered.err()).isEqualTo("Error: LXD server isn't part of a cluster\n");

        assertThat(jxc(first, "cluster", "enable", "alpha").out()).isEqualTo("Clustering enabled\n");

        Run add = jxc(first, "cluster", "add", "beta");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("Member beta join token:\n");
        String token = add.out().lines().toList().get(1);

        Run tokens = jxc(first, "cluster", "list-tokens", "--format", "csv");
        assertThat(tokens.out()).startsWith("beta," + token + ",");

        TestDaemon second = TestDaemon.join(token);
        joined.add(second);
        assertThat(jxc(first, "cluster", "list-tokens", "--format", "csv").out()).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Run list = jxc(second, "cluster", "list", "--format", "csv");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out().lines().toList()).hasSize(2)
                    .anySatisfy(line -> assertThat(line).startsWith("alpha,https://" + first.address() + ",").contains("ONLINE"))
                    .anySatisfy(line -> assertThat(line).startsWith("beta,https://" + second.address() + ",").contains("ONLINE"));
        });

        Run show = jxc(second, "cluster", "show", "alpha");
        assertThat(show.out()).contains("server_name: alpha").contains("url: https://" + first.address()).contains("- database-leader");

        assertThat(jxc(first, "cluster", "rename", "beta", "gamma").out()).isEqualTo("Member beta renamed to gamma\n");
        assertThat(jxc(second, "query", "/1.0").out()).contains("\"server_name\": \"gamma\"");

        Run revoke = jxc(first, "cluster", "add", "delta");
        assertThat(revoke.exitCode()).isZero();
        assertThat(jxc(first, "cluster", "revoke-token", "delta").out()).contains("Cluster join token for");
        assertThat(jxc(first, "cluster", "list-tokens", "--format", "csv").out()).isEmpty();

        assertThat(jxc(first, "cluster", "remove", "gamma").out()).isEqualTo("Member gamma removed\n");
        assertThat(jxc(first, "cluster", "list", "--format", "csv").out().lines().toList()).hasSize(1);
    }
}
