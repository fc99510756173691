package dev.jxd.it;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.cli.Main;
import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jxc against a real daemon: the administrator prepares groups and a token over the unix socket, a second
 * user redeems it with {@code jxc remote add}, and what that user can then do is exactly what the group allows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestJxcEndToEnd
{
    private TestDaemon server;

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    void start()
    {
        server = TestDaemon.start("e2e");
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    private Run jxc(Path configuration, String... arguments)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = Map.of("JXD_DIR", server.stateDirectory().toString(), "JXC_CONF", configuration.toString(), "HOME", home.toString());
        int exitCode = Main.run(arguments, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void operatorTokenFlowGrantsExactlyTheGroupsPermissions()
            throws Exception
    {
        Path admin = home.resolve("admin");
        Path user = home.resolve("user");
        assertThat(jxc(admin, "auth", "group", "create", "operators").out()).isEqualTo("Group operators created\n");
        assertThat(jxc(admin, "auth", "group", "permission", "add", "operators", "project", "default", "operator").exitCode()).isZero();
        assertThat(jxc(admin, "project", "create", "secret").exitCode()).isZero();

        Run created = jxc(admin, "auth", "identity", "create", "tls/bob", "--group", "operators");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String[] lines = created.out().strip().split("\n");
        assertThat(lines[0]).matches("TLS identity \"bob\" \\([0-9a-f-]{36}\\) pending identity token:");
        String token = lines[lines.length - 1];

        Run badPermission = jxc(admin, "auth", "group", "permission", "add", "operators", "instance", "my-instance", "can_manage_backups");
        assertThat(badPermission.exitCode()).isEqualTo(1);
        assertThat(badPermission.err()).startsWith("Error: Could not resolve permission URLs: ");

        Run added = jxc(user, "remote", "add", "prod", token);
        assertThat(added.exitCode()).as(added.err()).isZero();
        Run query = jxc(user, "query", "prod:/1.0");
        assertThat(query.out()).contains("\"auth\": \"trusted\"", "\"auth_user_method\": \"tls\"");

        Run list = jxc(admin, "auth", "identity", "list", "--format", "csv");
        assertThat(list.out()).contains("tls,Client certificate,bob,");

        // What operator on project default allows, and no more
        Run projects = jxc(user, "project", "list", "prod:", "--format", "csv");
        assertThat(projects.out()).contains("default").doesNotContain("secret");
        Run editProject = jxc(user, "project", "set", "prod:default", "user.x=y");
        Run createGroup = jxc(user, "auth", "group", "create", "prod:mine");
        assertThat(createGroup.exitCode()).isEqualTo(1);
        assertThat(createGroup.err()).isEqualTo("Error: Forbidden\n");
        assertThat(editProject.err()).isEqualTo("Error: Forbidden\n");
        Run otherProject = jxc(user, "project", "show", "prod:secret");
        assertThat(otherProject.err()).isEqualTo("Error: Not Found\n");

        // Reusing the token from a third client is refused and creates nothing
        Run reuse = jxc(home.resolve("third"), "remote", "add", "prod", token);
        assertThat(reuse.exitCode()).isEqualTo(1);
        assertThat(jxc(admin, "auth", "identity", "list", "--format", "csv").out().lines().filter(line -> line.contains(",bob,")).count()).isEqualTo(1);
    }

    @Test
    void untrustedClientIsRefusedEverywhereExceptTheUntrustedRoutes()
    {
        CertificateAndKey stranger = Certificates.generate("stranger", true, Duration.ofDays(1));
        JxdClient client = server.httpsClient(stranger);
        assertThat(client.get("/1.0").metadata().get("auth").asString()).isEqualTo("untrusted");
        for (String path : List.of("/1.0/projects", "/1.0/auth/groups", "/1.0/auth/identities", "/1.0/operations", "/1.0/certificates")) {
            assertThatThrownBy(() -> client.get(path)).as(path).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void shadedJxcJarRunsAsARealProcess()
            throws Exception
    {
        Path jar = ProcessRunner.repositoryRoot().resolve("cli/target/jxc.jar");
        assertThat(Files.exists(jar)).as(jar + " is built by the cli module before it").isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessRunner.Result result = ProcessRunner.run(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "query", "/1.0/projects"),
                Map.of("JXD_DIR", server.stateDirectory().toString(), "JXC_CONF", home.resolve("process").toString()), "", Duration.ofSeconds(60)).assertSuccess();
        assertThat(result.standardOutput()).contains("/1.0/projects/default");
        ProcessRunner.Result failure = ProcessRunner.run(List.of(java, "-jar", jar.toString(), "auth", "group", "show", "nope"),
                Map.of("JXD_DIR", server.stateDirectory().toString(), "JXC_CONF", home.resolve("process").toString()), "", Duration.ofSeconds(60));
        assertThat(failure.exitCode()).isEqualTo(1);
        assertThat(failure.standardError()).startsWith("Error: ");
    }
}
