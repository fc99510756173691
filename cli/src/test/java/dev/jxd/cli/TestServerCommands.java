package dev.jxd.cli;

import dev.jxd.api.json.Json;
import dev.jxd.cli.CliRunner.Result;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import dev.jxd.client.FakeApiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code query}, {@code config} and {@code project} against a fake daemon on the unix socket. */
final class TestServerCommands
{
    private static final String SERVER = """
            {"api_extensions":[],"api_status":"stable","api_version":"1.0","auth":"trusted","public":false,"auth_methods":["tls"],
             "client_certificate":false,"config":{"core.https_address":":8443","user.b":"2","user.a":"1"},"auth_user_name":"root","auth_user_method":"unix"}""";

    @TempDir
    Path directory;

    private FakeApiServer daemon;
    private CliRunner cli;

    @BeforeEach
    void setUp()
            throws Exception
    {
        Path state = directory.resolve("state");
        Files.createDirectories(state);
        daemon = FakeApiServer.unixSocket(state.resolve("unix.socket"));
        cli = new CliRunner(directory.resolve("conf"), state);
        daemon.route("GET", "/1.0", exchange -> Replies.syncWithEtag(SERVER, "\"server-etag\""));
        daemon.route("PUT", "/1.0", exchange -> Replies.sync("{}"));
    }

    @AfterEach
    void tearDown()
            throws Exception
    {
        daemon.close();
    }

    @Test
    void queryPrintsMetadataLikeLxc()
    {
        daemon.route("GET", "/1.0/auth/groups", exchange -> Replies.sync("[\"/1.0/auth/groups/b\",\"/1.0/auth/groups/a\"]"));

        Result result = cli.run("query", "/1.0/auth/groups");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("[\n\t\"/1.0/auth/groups/b\",\n\t\"/1.0/auth/groups/a\"\n]\n\n");

        Result raw = cli.run("query", "--raw", "local:/1.0/auth/groups");
        assertThat(raw.out()).startsWith("{\n\t\"type\": \"sync\",\n\t\"status\": \"Success\",\n\t\"status_code\": 200,");
    }

    @Test
    void querySendsDataAndWaitsForOperations()
    {
        daemon.route("POST", "/1.0/projects/p1", exchange -> Replies.async("/1.0/operations/op1", Replies.operation("op1", 103, "Running", "")));
        daemon.route("GET", "/1.0/operations/op1/wait", exchange -> Replies.sync(Replies.operation("op1", 200, "Success", "")));
        daemon.route("POST", "/1.0/projects/bad", exchange -> Replies.async("/1.0/operations/op2", Replies.operation("op2", 103, "Running", "")));
        daemon.route("GET", "/1.0/operations/op2/wait", exchange -> Replies.sync(Replies.operation("op2", 400, "Failure", "Project is in use")));

        Result result = cli.run("query", "-X", "POST", "--data", "{\"name\":\"p2\"}", "--wait", "/1.0/projects/p1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(daemon.exchanges().stream().filter(exchange -> exchange.method().equals("POST")).findFirst().orElseThrow().body())
                .isEqualTo("{\"name\":\"p2\"}");
        assertThat(Json.lenient().readTree(result.out()).get("status_code").asInt()).isEqualTo(200);

        Result failed = cli.run("query", "-X", "POST", "--wait", "/1.0/projects/bad");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).isEqualTo("Error: Project is in use\n");
    }

    @Test
    void queryPrintsNonJsonBodiesAsIs()
    {
        daemon.route("GET", "/1.0/metrics", exchange -> new Reply(200, Map.of("Content-Type", "text/plain"), "lxd_up 1\n# EOF\n"));

        assertThat(cli.run("query", "/1.0/metrics").out()).isEqualTo("lxd_up 1\n# EOF\n");
    }

    @Test
    void configGetShowSetUnset()
    {
        assertThat(cli.run("config", "get", "core.https_address").out()).isEqualTo(":8443\n");
        assertThat(cli.run("config", "get", "local:", "user.missing").out()).isEqualTo("\n");
        assertThat(cli.run("config", "show").out()).isEqualTo("""
                config:
                  core.https_address: :8443
                  user.a: "1"
                  user.b: "2"
                """);

        assertThat(cli.run("config", "set", "user.c=3", "user.a=one").exitCode()).isZero();
        Exchange put = lastPut("/1.0");
        assertThat(put.headers()).containsEntry("if-match", "\"server-etag\"");
        assertThat(Json.lenient().readTree(put.body()).get("config")).isEqualTo(Json.lenient().readTree("""
                {"core.https_address":":8443","user.a":"one","user.b":"2","user.c":"3"}"""));

        assertThat(cli.run("config", "set", "core.https_address", "127.0.0.1:8443").exitCode()).isZero();
        assertThat(Json.lenient().readTree(lastPut("/1.0").body()).get("config").get("core.https_address").asString()).isEqualTo("127.0.0.1:8443");

        assertThat(cli.run("config", "unset", "user.a").exitCode()).isZero();
        assertThat(Json.lenient().readTree(lastPut("/1.0").body()).get("config").get("user.a").asString()).isEmpty();

        assertThat(cli.run("config", "set", "user.a").err()).isEqualTo("Error: Bad key=value pair: \"user.a\"\n");
        assertThat(cli.run("config", "get", "local:c1", "user.a").err()).isEqualTo("Error: Instance configuration is not supported by jxd\n");
    }

    @Test
    void configEditReadsStandardInput()
    {
        assertThat(cli.runWithInput("config:\n  core.https_address: 127.0.0.1:9443\n", "config", "edit").exitCode()).isZero();
        Exchange put = lastPut("/1.0");
        assertThat(put.headers()).doesNotContainKey("if-match");
        assertThat(put.body()).isEqualTo("{\"config\":{\"core.https_address\":\"127.0.0.1:9443\"}}");
    }

    @Test
    void projectLifecycle()
    {
        daemon.route("POST", "/1.0/projects", exchange -> Replies.created("/1.0/projects/p1", "null"));
        daemon.route("GET", "/1.0/projects", exchange -> Replies.sync("""
                [{"name":"default","description":"Default LXD project","config":{"features.images":"true"},"used_by":["/1.0/profiles/default"]},
                 {"name":"p1","description":"","config":{},"used_by":[]}]"""));
        daemon.route("GET", "/1.0/projects/p1", exchange -> Replies.syncWithEtag("""
                {"name":"p1","description":"","config":{"features.images":"false"},"used_by":[]}""", "\"p1-etag\""));
        daemon.route("PUT", "/1.0/projects/p1", exchange -> Replies.sync("{}"));
        daemon.route("GET", "/1.0/projects/missing", exchange -> Replies.error(404, "Project not found"));
        daemon.route("POST", "/1.0/projects/p1", exchange -> Replies.async("/1.0/operations/op1", Replies.operation("op1", 103, "Running", "")));
        daemon.route("GET", "/1.0/operations/op1/wait", exchange -> Replies.sync(Replies.operation("op1", 200, "Success", "")));
        daemon.route("DELETE", "/1.0/projects/p1", exchange -> Replies.sync("{}"));

        assertThat(cli.run("project", "create", "p1", "-c", "features.images=false").out()).isEqualTo("Project p1 created\n");
        assertThat(Json.lenient().readTree(daemon.exchanges().getLast().body())).isEqualTo(Json.lenient().readTree("""
                {"name":"p1","description":"","config":{"features.images":"false"}}"""));

        assertThat(cli.run("project", "list", "-f", "csv").out()).isEqualTo("""
                default (current),YES,NO,NO,NO,NO,NO,Default LXD project,1
                p1,NO,NO,NO,NO,NO,NO,,0
                """);
        assertThat(cli.run("project", "switch", "missing").err()).isEqualTo("Error: Project not found\n");
        assertThat(cli.run("project", "switch", "p1").exitCode()).isZero();
        assertThat(cli.run("project", "list", "-f", "csv").out()).startsWith("default,").contains("p1 (current),");
        assertThat(cli.run("--project", "default", "project", "list", "-f", "csv").out()).startsWith("default (current),");

        assertThat(cli.run("project", "set", "p1", "features.profiles=true").exitCode()).isZero();
        Exchange put = lastPut("/1.0/projects/p1");
        assertThat(put.headers()).containsEntry("if-match", "\"p1-etag\"");
        assertThat(Json.lenient().readTree(put.body())).isEqualTo(Json.lenient().readTree("""
                {"description":"","config":{"features.images":"false","features.profiles":"true"}}"""));
        assertThat(cli.run("project", "get", "p1", "features.images").out()).isEqualTo("false\n");

        assertThat(cli.run("project", "rename", "p1", "p2").out()).isEqualTo("Project p1 renamed to p2\n");
        assertThat(daemon.exchanges().getLast().pathAndQuery()).startsWith("/1.0/operations/op1/wait?timeout=");

        assertThat(cli.run("project", "delete", "p1").out()).isEqualTo("Project p1 deleted\n");
        // Deleting the current project switches the remote back to the default project
        assertThat(cli.run("project", "list", "-f", "csv").out()).startsWith("default (current),");
    }

    @Test
    void projectShowAndEdit()
    {
        daemon.route("GET", "/1.0/projects/p1", exchange -> Replies.syncWithEtag("""
                {"name":"p1","description":"First","config":{"features.images":"false"},"used_by":[]}""", "\"p1-etag\""));
        daemon.route("PUT", "/1.0/projects/p1", exchange -> Replies.sync("{}"));

        assertThat(cli.run("project", "show", "p1").out()).isEqualTo("""
                name: p1
                description: First
                config:
                  features.images: "false"
                used_by: []
                """);
        assertThat(cli.runWithInput("description: Second\nconfig: {}\n", "project", "edit", "p1").exitCode()).isZero();
        assertThat(lastPut("/1.0/projects/p1").body()).isEqualTo("{\"description\":\"Second\",\"config\":{}}");
    }

    private Exchange lastPut(String path)
    {
        return daemon.exchanges().stream()
                .filter(exchange -> exchange.method().equals("PUT") && exchange.pathAndQuery().equals(path))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    static JsonNode json(String text)
    {
        return Json.lenient().readTree(text);
    }
}
