package dev.jxd.client;

import dev.jxd.api.event.Event;
import dev.jxd.client.FakeApiServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestJxdClientUnixSocket
{
    @TempDir
    Path directory;

    @Test
    void sendsRequestsOverTheSocket()
            throws Exception
    {
        Path socket = directory.resolve("unix.socket");
        try (FakeApiServer server = FakeApiServer.unixSocket(socket);
                JxdClient client = JxdClient.unixSocket(socket)) {
            server.route("GET", "/1.0", exchange -> Reply.sync("{\"auth\":\"trusted\"}"));
            server.route("PATCH", "/1.0", exchange -> Reply.sync("{}"));

            assertThat(client.get("/1.0").metadata().get("auth").asString()).isEqualTo("trusted");
            client.patch("/1.0", Map.of("config", Map.of("core.https_address", ":8443")), null);

            FakeApiServer.Exchange patch = server.exchanges().getLast();
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.headers()).doesNotContainKey("if-match");
            assertThat(patch.body()).isEqualTo("{\"config\":{\"core.https_address\":\":8443\"}}");
            assertThat(patch.headers()).containsEntry("user-agent", ClientOptions.DEFAULT.userAgent());
        }
    }

    @Test
    void rawRequestsReturnNonJsonBodies()
            throws Exception
    {
        Path socket = directory.resolve("unix.socket");
        try (FakeApiServer server = FakeApiServer.unixSocket(socket);
                JxdClient client = JxdClient.unixSocket(socket)) {
            server.route("GET", "/1.0/metrics", exchange -> new Reply(200, Map.of("Content-Type", "text/plain"), "# EOF\n"));

            RawResponse response = client.rawRequest("GET", "/1.0/metrics", null, null, Map.of());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).startsWith("text/plain");
            assertThat(response.bodyAsString()).isEqualTo("# EOF\n");
            assertThatThrownBy(() -> client.get("/1.0/metrics"))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessageContaining("not an API response");
        }
    }

    @Test
    void receivesEventsOverTheSocket()
            throws Exception
    {
        Path socket = directory.resolve("unix.socket");
        try (FakeApiServer server = FakeApiServer.unixSocket(socket);
                JxdClient client = JxdClient.unixSocket(socket)) {
            server.sendOnEventConnect("""
                    {"type":"lifecycle","timestamp":"2026-01-02T03:04:05Z","metadata":{"action":"project-updated"}}""");
            CompletableFuture<Event> received = new CompletableFuture<>();
            try (EventSubscription subscription = client.events(null, "p1", received::complete)) {
                assertThat(received.get(10, TimeUnit.SECONDS).metadata().get("action").asString()).isEqualTo("project-updated");
                subscription.close();
                assertThat(subscription.closed()).isCompleted();
            }
            assertThat(server.eventSubscriptionQueries()).containsExactly("project=p1");
        }
    }

    @Test
    void reportsAMissingSocket()
    {
        Path socket = directory.resolve("missing.socket");
        try (JxdClient client = JxdClient.unixSocket(socket)) {
            assertThatThrownBy(() -> client.get("/1.0"))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessageStartingWith("jxd unix socket \"%s\" not accessible: ".formatted(socket));
        }
    }
}
