package dev.jxd.cli;

import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import dev.jxd.client.FakeApiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jxc query}'s fast path ({@link FastQuery}) against picocli's path ({@code QueryCommand} with Jetty's client):
 * every command line the fast path takes must print, exit and send exactly what picocli's path does.
 */
final class TestFastQuery
{
    private static final String SERVER = """
            {"api_extensions":["projects","access_management"],"api_status":"stable","api_version":"1.0","auth":"trusted",
             "public":false,"auth_methods":["tls"],"client_certificate":false,
             "config":{"core.https_address":"[::]:8443","user.b":"2","user.a":"1","user.quote":"say \\"hi\\"\\n"},
             "environment":{"certificate":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n","server_pid":4242,
             "kernel_version":"6.1.0","unicode":"é 中文 😀 \\u2028","empty":{},"none":null,"list":[]}}""";

    private record Result(int exitCode, String out, String err)
    {
    }

    @TempDir
    Path directory;

    private Path configDirectory;
    private Path state;
    private FakeApiServer daemon;

    @BeforeEach
    void setUp()
            throws Exception
    {
        configDirectory = directory.resolve("conf");
        state = Files.createDirectories(directory.resolve("state"));
        daemon = FakeApiServer.unixSocket(state.resolve("unix.socket"));
        daemon.route("GET", "/1.0", exchange -> Replies.syncWithEtag(SERVER, "\"etag\""));
    }

    @AfterEach
    void tearDown()
            throws Exception
    {
        daemon.close();
    }

    @Test
    void printsObjectsListsAndNothingAsPicocliDoes()
    {
        daemon.route("GET", "/1.0/auth/groups", exchange -> Replies.sync("[\"/1.0/auth/groups/b\",\"/1.0/auth/groups/a\"]"));
        daemon.route("GET", "/1.0/null", exchange -> Replies.sync("null"));
        daemon.route("GET", "/1.0/empty", exchange -> Replies.sync("{}"));
        daemon.route("GET", "/1.0/number", exchange -> Replies.sync("[1.50, -0, 1e3, 12345678901234567890]"));
        daemon.route("GET", "/1.0/large", exchange -> Replies.sync("[" + "\"0123456789abcdef\",".repeat(5_000) + "true]"));

        Result server = assertSameAsPicocli("query", "/1.0");
        assertThat(server.exitCode()).isZero();
        assertThat(server.out()).startsWith("{\n\t\"api_extensions\": [\n\t\t\"projects\",").endsWith("\n}\n\n");
        assertSameAsPicocli("query", "local:/1.0");
        assertSameAsPicocli("query", "--raw", "/1.0");
        assertThat(assertSameAsPicocli("query", "/1.0/auth/groups").out()).isEqualTo("[\n\t\"/1.0/auth/groups/b\",\n\t\"/1.0/auth/groups/a\"\n]\n\n");
        assertThat(assertSameAsPicocli("query", "/1.0/null").out()).isEmpty();
        assertThat(assertSameAsPicocli("query", "--raw", "/1.0/null").out()).contains("\"metadata\": null");
        assertThat(assertSameAsPicocli("query", "/1.0/empty").out()).isEmpty();
        // Numbers the plain reader leaves to Jackson, within the fast path
        assertThat(assertSameAsPicocli("query", "/1.0/number").out()).isEqualTo("[\n\t1.5,\n\t0,\n\t1000,\n\t12345678901234567890\n]\n\n");
        assertThat(assertSameAsPicocli("query", "/1.0/large?recursion=1&filter=name+eq+x").exitCode()).isZero();
        assertThat(daemon.exchanges().getLast().pathAndQuery()).isEqualTo("/1.0/large?recursion=1&filter=name+eq+x");
    }

    @Test
    void reportsErrorsAsPicocliDoes()
    {
        daemon.route("GET", "/1.0/missing", exchange -> Replies.error(404, "Project not found"));
        daemon.route("GET", "/1.0/silent", exchange -> Replies.error(500, ""));
        daemon.route("GET", "/1.0/metrics", exchange -> new Reply(200, Map.of("Content-Type", "text/plain"), "lxd_up 1\n# EOF\n"));
        daemon.route("GET", "/1.0/broken", exchange -> new Reply(502, Map.of("Content-Type", "text/plain"), "bad gateway\n"));
        daemon.route("GET", "/1.0/coerced", exchange -> Reply.json(200, "{\"type\":\"error\",\"error_code\":\"409\",\"error\":\"conflict\",\"metadata\":null}"));

        Result missing = assertSameAsPicocli("query", "/1.0/missing");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: Project not found\n");
        assertThat(assertSameAsPicocli("query", "/1.0/silent").err()).isEqualTo("Error: HTTP 500\n");
        assertThat(assertSameAsPicocli("query", "/1.0/metrics").out()).isEqualTo("lxd_up 1\n# EOF\n");
        assertThat(assertSameAsPicocli("query", "/1.0/broken").err()).isEqualTo("Error: Failed to fetch /1.0/broken: 502 bad gateway\n");
        assertThat(assertSameAsPicocli("query", "/1.0/coerced").err()).isEqualTo("Error: conflict\n");
        assertThat(assertSameAsPicocli("query", "nowhere:/1.0").err()).isEqualTo("Error: The remote \"nowhere\" doesn't exist\n");
        assertThat(assertSameAsPicocli("query", "1.0").err()).isEqualTo("Error: Query path must start with /\n");
        assertThat(assertSameAsPicocli("query", "-X", "HEAD", "/1.0").err()).isEqualTo("Error: Action \"HEAD\" isn't supported by this tool\n");
    }

    @Test
    void sendsMethodAndDataAsPicocliDoes()
    {
        daemon.route("POST", "/1.0/projects", exchange -> Replies.created("/1.0/projects/p1", "null"));
        daemon.route("PATCH", "/1.0/projects/p1", exchange -> Replies.sync("{}"));
        daemon.route("DELETE", "/1.0/projects/p1", exchange -> Replies.sync("{}"));

        assertSameRequestAsPicocli("query", "-X", "POST", "-d", "{ \"name\" : \"p1\", \"config\" : { \"a\" : [1, true, null] } }", "/1.0/projects");
        assertThat(daemon.exchanges().getLast().body()).isEqualTo("{\"name\":\"p1\",\"config\":{\"a\":[1,true,null]}}");
        assertSameRequestAsPicocli("query", "--request", "PATCH", "--data", "{\"description\":\"caf\\u00e9 \\\"x\\\"\",\"limit\":1.50}", "/1.0/projects/p1");
        assertThat(daemon.exchanges().getLast().body()).isEqualTo("{\"description\":\"café \\\"x\\\"\",\"limit\":1.5}");
        assertSameRequestAsPicocli("query", "-X", "POST", "-d", "not json", "/1.0/projects");
        assertThat(daemon.exchanges().getLast().body()).isEqualTo("\"not json\"");
        assertSameRequestAsPicocli("query", "-X", "DELETE", "/1.0/projects/p1");
        assertSameRequestAsPicocli("query", "-X", "POST", "/1.0/projects");
        assertSameRequestAsPicocli("query", "-d", "", "/1.0");
    }

    @Test
    void waitsForOperationsAsPicocliDoes()
    {
        daemon.route("POST", "/1.0/projects/p1", exchange -> Replies.async("/1.0/operations/op1", Replies.operation("op1", 103, "Running", "")));
        daemon.route("GET", "/1.0/operations/op1/wait", exchange -> Replies.sync(Replies.operation("op1", 200, "Success", "")));
        daemon.route("POST", "/1.0/projects/bad", exchange -> Replies.async("/1.0/operations/op2", Replies.operation("op2", 103, "Running", "")));
        daemon.route("GET", "/1.0/operations/op2/wait", exchange -> Replies.sync(Replies.operation("op2", 400, "Failure", "Project is in use")));

        Result waited = assertSameAsPicocli("query", "-X", "POST", "-d", "{\"name\":\"p2\"}", "--wait", "/1.0/projects/p1");
        assertThat(waited.out()).contains("\"status\": \"Success\"");
        assertThat(assertSameAsPicocli("query", "-X", "POST", "--wait", "--raw", "/1.0/projects/p1").out()).startsWith("{\n\t\"type\": \"sync\",");
        assertThat(assertSameAsPicocli("query", "-X", "POST", "/1.0/projects/p1").out()).contains("\"status\": \"Running\"");
        assertThat(assertSameAsPicocli("query", "-X", "POST", "--wait", "/1.0/projects/bad").err()).isEqualTo("Error: Project is in use\n");
        assertThat(daemon.exchanges().getLast().pathAndQuery()).startsWith("/1.0/operations/op2/wait?timeout=");
    }

    @Test
    void readsChunkedResponsesAsPicocliDoes()
            throws Exception
    {
        daemon.close();
        String envelope = "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\","
                + "\"metadata\":{\"name\":\"p1\",\"used_by\":[\"/1.0/instances/c1\"],\"config\":{\"b\":\"2\",\"a\":\"1\"}}}";
        List<String> chunked = List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                Integer.toHexString(40) + "\r\n" + envelope.substring(0, 40) + "\r\n",
                Integer.toHexString(envelope.length() - 40) + "\r\n" + envelope.substring(40) + "\r\n",
                "0\r\n\r\n");
        try (RawHttpServer server = new RawHttpServer(state.resolve("unix.socket"), chunked)) {
            Result result = assertSameAsPicocli("query", "/1.0/projects/p1");
            assertThat(result.out()).isEqualTo("""
                    {
                    \t"config": {
                    \t\t"a": "1",
                    \t\t"b": "2"
                    \t},
                    \t"name": "p1",
                    \t"used_by": [
                    \t\t"/1.0/instances/c1"
                    \t]
                    }

                    """);
            assertThat(assertSameAsPicocli("query", "--raw", "/1.0/projects/p1").out()).startsWith("{\n\t\"type\": \"sync\",");
            assertThat(server.requests()).hasSize(4);
        }
    }

    @Test
    void leavesOtherCommandLinesToPicocli()
    {
        for (List<String> args : List.of(
                List.of("query"),
                List.of("query", "/1.0", "/1.0"),
                List.of("query", "--help"),
                List.of("query", "-h", "/1.0"),
                List.of("query", "-q", "/1.0"),
                List.of("query", "--project", "p1", "/1.0"),
                List.of("query", "-XPOST", "/1.0"),
                List.of("query", "--request=POST", "/1.0"),
                List.of("query", "--data={}", "/1.0"),
                List.of("query", "-X", "POST", "-X", "PUT", "/1.0"),
                List.of("query", "--raw", "--raw", "/1.0"),
                List.of("query", "--wait", "--wait", "/1.0"),
                List.of("query", "-d", "-1", "/1.0"),
                List.of("query", "-d", "@body.json", "/1.0"),
                List.of("query", "@arguments"),
                List.of("query", "-X"),
                List.of("query", "--", "/1.0"),
                List.of("-q", "query", "/1.0"),
                List.of("project", "list"),
                List.<String>of())) {
            assertThat(FastQuery.parse(args.toArray(String[]::new))).as(args.toString()).isNull();
        }
        assertThat(FastQuery.parse(new String[] {"query", "--wait", "-X", "POST", "--raw", "--data", "{}", "local:/1.0"}))
                .isEqualTo(new QueryArguments("local:/1.0", "POST", "{}", true, true));

        // Requests Jetty's client might send differently, or reject
        for (String path : List.of("/1.0/a%20b", "/1.0/a b", "/1.0#fragment", "/1.0?", "/1.0/\"x\"", "/1.0/{x}", "/1.0/é", "/1.0/[x]")) {
            assertThat(FastQuery.isPlainRequestTarget(path)).as(path).isFalse();
        }
        assertThat(FastQuery.isPlainRequestTarget("/1.0/instances/c1/logs/lxc.log?project=p-1&recursion=2&filter=a+eq+b,c:d@e;f!~*'()$")).isTrue();
        assertLeftToPicocli("query", "/1.0/a%20b");
        assertLeftToPicocli("query", "--project", "p1", "/1.0");
    }

    @Test
    void leavesHttpsRemotesToPicocli()
            throws Exception
    {
        Files.createDirectories(configDirectory);
        Files.writeString(configDirectory.resolve("config.yml"), """
                default-remote: other
                remotes:
                  local:
                    addr: unix://
                  other:
                    addr: unix://%s
                  prod:
                    addr: https://127.0.0.1:1
                    protocol: lxd
                """.formatted(state.resolve("unix.socket")));

        Result https = assertLeftToPicocli("query", "prod:/1.0");
        assertThat(https.exitCode()).isEqualTo(1);
        assertThat(https.err()).startsWith("Error: https://127.0.0.1:1 not accessible: ");

        // The default remote from the configuration, on a socket of its own
        assertThat(assertSameAsPicocli("query", "/1.0").exitCode()).isZero();
        assertSameAsPicocli("query", "other:/1.0");
    }

    @Test
    void leavesAnUnreachableDaemonToPicocli()
            throws Exception
    {
        daemon.close();

        Result result = assertLeftToPicocli("query", "/1.0");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: jxd unix socket \"%s\" not accessible: ".formatted(state.resolve("unix.socket")));
    }

    /**
     * Runs the command line through the fast path, which must take it, and through picocli's path, checks both agree,
     * and returns the result.
     */
    private Result assertSameAsPicocli(String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OptionalInt exitCode;
        try (CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment(), false)) {
            exitCode = FastQuery.run(args, context);
        }
        assertThat(exitCode).as("fast path for %s", List.of(args)).isPresent();
        Result fast = new Result(exitCode.getAsInt(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(fast).as(String.join(" ", args)).isEqualTo(run(false, args));
        return fast;
    }

    /** Checks that the fast path leaves the command line to picocli, and that jxc then prints what picocli's path prints. */
    private Result assertLeftToPicocli(String... args)
    {
        assertThat(fastPath(args)).as(String.join(" ", args)).isEmpty();
        Result result = run(true, args);
        assertThat(result).as(String.join(" ", args)).isEqualTo(run(false, args));
        return result;
    }

    /** As {@link #assertSameAsPicocli}, and checks that the daemon received the same request from both. */
    private void assertSameRequestAsPicocli(String... args)
    {
        int before = daemon.exchanges().size();
        assertSameAsPicocli(args);
        List<Exchange> exchanges = daemon.exchanges().subList(before, daemon.exchanges().size());
        assertThat(exchanges).hasSize(2);
        Exchange fast = exchanges.get(0);
        Exchange picocli = exchanges.get(1);
        assertThat(fast.method()).isEqualTo(picocli.method());
        assertThat(fast.pathAndQuery()).isEqualTo(picocli.pathAndQuery());
        assertThat(fast.body()).isEqualTo(picocli.body());
        // The fast path closes its connection after the response and never asks for compressed content
        Map<String, String> fastHeaders = new HashMap<>(fast.headers());
        assertThat(fastHeaders.remove("connection")).isEqualTo("close");
        Map<String, String> picocliHeaders = new HashMap<>(picocli.headers());
        picocliHeaders.remove("accept-encoding");
        assertThat(fastHeaders).isEqualTo(picocliHeaders);
    }

    private Result run(boolean fastPath, String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment(), fastPath);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The fast path's exit status, or empty when it left the command line to picocli. */
    private OptionalInt fastPath(String... args)
    {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), discard, discard, environment(), false)) {
            return FastQuery.run(args, context);
        }
    }

    private Map<String, String> environment()
    {
        return Map.of(
                CliContext.CONFIG_DIRECTORY_VARIABLE, configDirectory.toString(),
                CliContext.DAEMON_DIRECTORY_VARIABLE, state.toString(),
                "HOME", configDirectory.toString());
    }
}
