package dev.jxd.cli;

import dev.jxd.client.JxdClientException;
import dev.jxd.client.RawResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestUnixSocketExchange
{
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void sendsTheRequestAndReadsAContentLengthBody()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Repeated: a\r\nX-Repeated: b\r\nContent-Length: 5\r\n\r\n", "hello")) {
            RawResponse response = send("POST", "/1.0/projects?recursion=1", "{\"name\":\"p1\"}".getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.bodyAsString()).isEqualTo("hello");
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.header("X-Repeated")).isEqualTo("a, b");

            RawHttpServer.Request request = server.requests().getFirst();
            assertThat(request.requestLine()).isEqualTo("POST /1.0/projects?recursion=1 HTTP/1.1");
            assertThat(request.header("Host")).isEqualTo("unix.socket");
            assertThat(request.header("User-Agent")).isEqualTo("jxc");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("Content-Length")).isEqualTo("13");
            assertThat(request.header("Connection")).isEqualTo("close");
            assertThat(request.body()).isEqualTo("{\"name\":\"p1\"}");
        }
    }

    @Test
    void sendsNoBodyHeadersWithoutABody()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")) {
            assertThat(send("GET", "/1.0", null).bodyAsString()).isEqualTo("{}");

            RawHttpServer.Request request = server.requests().getFirst();
            assertThat(request.header("Content-Type")).isNull();
            assertThat(request.header("Content-Length")).isNull();
        }
    }

    @Test
    void saysWhenPostAndPutCarryNoBody()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")) {
            send("POST", "/1.0/projects", null);
            send("PUT", "/1.0/projects/p1", null);
            send("DELETE", "/1.0/projects/p1", null);

            assertThat(server.requests()).extracting(request -> request.header("Content-Length")).containsExactly("0", "0", null);
        }
    }

    @Test
    void decodesChunkedBodiesWithExtensionsAndTrailers()
            throws Exception
    {
        try (RawHttpServer server = server(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "4\r\n{\"ty\r\n",
                "A;name=value\r\npe\":\"sync\"\r\n",
                "1\r\n}\r\n0\r\nX-Trailer: yes\r\n\r\n")) {
            RawResponse response = send("GET", "/1.0", null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyAsString()).isEqualTo("{\"type\":\"sync\"}");
        }
    }

    @Test
    void readsChunksSplitAnywhere()
            throws Exception
    {
        String body = "x".repeat(40_000);
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n" + "9c40\r\n" + body + "\r\n0\r\n\r\n";
        // Pieces that cut the size line, the data and the final CRLFs
        try (RawHttpServer server = server(chunked.substring(0, 50), chunked.substring(50, 52), chunked.substring(52, 20_000), chunked.substring(20_000, chunked.length() - 3), chunked.substring(chunked.length() - 3))) {
            assertThat(send("GET", "/1.0", null).bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void readsLargeContentLengthBodiesInPieces()
            throws Exception
    {
        String body = "0123456789".repeat(10_000);
        try (RawHttpServer server = server("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 30_000), body.substring(30_000))) {
            assertThat(send("GET", "/1.0", null).bodyAsString()).isEqualTo(body);
        }
    }

    @Test
    void readsBodiesThatEndWithTheConnection()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nlxd_up 1\n", "# EOF\n")) {
            assertThat(send("GET", "/1.0/metrics", null).bodyAsString()).isEqualTo("lxd_up 1\n# EOF\n");
        }
    }

    @Test
    void skipsInterimResponsesAndReadsNoBodyForNoContent()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\n\r\n")) {
            RawResponse response = send("DELETE", "/1.0/projects/p1", null);

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void reportsResponsesCutShortAsJxdClientDoes()
            throws Exception
    {
        try (RawHttpServer server = server("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"type\"")) {
            assertThatThrownBy(() -> send("GET", "/1.0", null))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessage("jxd unix socket \"%s\" not accessible: the connection was closed before the response was complete", socketPath());
        }
    }

    @Test
    void rejectsMalformedStatusLinesAndChunkSizes()
            throws Exception
    {
        try (RawHttpServer server = server("SSH-2.0-OpenSSH\r\n\r\n")) {
            assertThatThrownBy(() -> send("GET", "/1.0", null))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessageEndingWith("not accessible: Invalid HTTP status line: SSH-2.0-OpenSSH");
        }
        try (RawHttpServer server = new RawHttpServer(directory.resolve("chunks.socket"), List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))) {
            try (UnixSocketExchange exchange = UnixSocketExchange.connect(directory.resolve("chunks.socket"), IDLE_TIMEOUT)) {
                assertThatThrownBy(() -> exchange.send("GET", "/1.0", null, "application/json", "jxc"))
                        .isInstanceOf(JxdClientException.class)
                        .hasMessageEndingWith("not accessible: Invalid chunk size: zz");
            }
        }
    }

    @Test
    void givesUpAfterTheIdleTimeout()
            throws Exception
    {
        try (RawHttpServer server = server()) {
            try (UnixSocketExchange exchange = UnixSocketExchange.connect(socketPath(), Duration.ofMillis(200))) {
                assertThatThrownBy(() -> exchange.send("GET", "/1.0", null, "application/json", "jxc"))
                        .isInstanceOf(JxdClientException.class)
                        .hasMessageEndingWith("not accessible: Idle timeout expired: 200/200 ms");
            }
        }
    }

    @Test
    void failsToConnectWhenNothingListens()
    {
        assertThatThrownBy(() -> UnixSocketExchange.connect(socketPath(), IDLE_TIMEOUT)).isInstanceOf(IOException.class);
    }

    private RawHttpServer server(String... responsePieces)
            throws IOException
    {
        return new RawHttpServer(socketPath(), List.of(responsePieces));
    }

    private RawResponse send(String method, String path, byte[] body)
            throws IOException
    {
        try (UnixSocketExchange exchange = UnixSocketExchange.connect(socketPath(), IDLE_TIMEOUT)) {
            return exchange.send(method, path, body, "application/json", "jxc");
        }
    }

    private Path socketPath()
    {
        return directory.resolve("unix.socket");
    }
}
