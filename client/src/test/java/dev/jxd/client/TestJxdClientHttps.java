package dev.jxd.client;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.event.Event;
import dev.jxd.api.operation.Operation;
import dev.jxd.client.FakeApiServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS;

@TestInstance(PER_CLASS)
final class TestJxdClientHttps
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private CertificateAndKey serverCertificate;
    private CertificateAndKey clientCertificate;
    private FakeApiServer server;

    @BeforeAll
    void startServer()
            throws Exception
    {
        serverCertificate = Certificates.generate("server", false, Duration.ofDays(1));
        clientCertificate = Certificates.generate("client", true, Duration.ofDays(1));
        server = FakeApiServer.https(serverCertificate);
        server.route("GET", "/1.0", exchange -> Reply.sync("""
                {"auth":"%s","api_version":"1.0"}""".formatted(exchange.clientCertificateFingerprint() == null ? "untrusted" : "trusted")));
    }

    @AfterAll
    void stopServer()
            throws Exception
    {
        server.close();
    }

    @Test
    void acceptsThePinnedCertificateAndPresentsTheClientCertificate()
    {
        try (JxdClient client = JxdClient.https(server.url(), serverCertificate.certificatePem(), clientCertificate)) {
            ApiResponse response = client.get("/1.0");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.metadata().get("auth").asString()).isEqualTo("trusted");
        }
        assertThat(server.exchanges().getLast().clientCertificateFingerprint()).isEqualTo(clientCertificate.fingerprint());
    }

    @Test
    void connectsWithoutClientCertificate()
    {
        try (JxdClient client = JxdClient.https(server.url(), serverCertificate.certificatePem(), null)) {
            assertThat(client.get("/1.0").metadata().get("auth").asString()).isEqualTo("untrusted");
        }
        assertThat(server.exchanges().getLast().clientCertificateFingerprint()).isNull();
    }

    @Test
    void rejectsAServerWhoseCertificateIsNotThePinnedOne()
    {
        CertificateAndKey otherServer = Certificates.generate("impostor", false, Duration.ofDays(1));
        int exchangesBefore = server.exchanges().size();
        try (JxdClient client = JxdClient.https(server.url(), otherServer.certificatePem(), clientCertificate)) {
            assertThatThrownBy(() -> client.get("/1.0"))
                    .isInstanceOf(JxdClientException.class)
                    .isNotInstanceOf(ApiException.class)
                    .hasMessageContaining("does not match the pinned certificate")
                    .hasMessageContaining(serverCertificate.fingerprint());
        }
        assertThat(server.exchanges()).hasSize(exchangesBefore);
    }

    @Test
    void rejectsASelfSignedServerWhenNothingIsPinned()
    {
        try (JxdClient client = JxdClient.https(server.url(), null, clientCertificate)) {
            assertThatThrownBy(() -> client.get("/1.0"))
                    .isInstanceOf(JxdClientException.class)
                    .hasMessageContaining("not accessible");
        }
    }

    @Test
    void fetchesTheServerCertificateWithoutTrustingIt()
    {
        X509Certificate fetched = JxdClient.fetchServerCertificate(server.hostAndPort(), TIMEOUT);
        assertThat(Certificates.fingerprint(fetched)).isEqualTo(serverCertificate.fingerprint());

        X509Certificate fetchedByUrl = JxdClient.fetchServerCertificate(server.url(), TIMEOUT);
        assertThat(Certificates.fingerprint(fetchedByUrl)).isEqualTo(serverCertificate.fingerprint());
    }

    @Test
    void fetchingFromAClosedPortFails()
            throws Exception
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> JxdClient.fetchServerCertificate("127.0.0.1:" + closedPort, Duration.ofSeconds(2)))
                .isInstanceOf(JxdClientException.class)
                .hasMessageStartingWith("Unable to connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void errorEnvelopesBecomeApiExceptions()
    {
        server.route("GET", "/1.0/auth/groups/missing", exchange -> Reply.error(404, "Authorization group not found"));
        try (JxdClient client = newClient()) {
            assertThatThrownBy(() -> client.get("/1.0/auth/groups/missing"))
                    .isInstanceOfSatisfying(ApiException.class, exception -> {
                        assertThat(exception.statusCode()).isEqualTo(404);
                        assertThat(exception.getMessage()).isEqualTo("Authorization group not found");
                    });
        }
    }

    @Test
    void nonEnvelopeErrorsCarryTheHttpStatus()
    {
        server.route("GET", "/1.0/broken", exchange -> new Reply(502, Map.of("Content-Type", "text/plain"), "bad gateway"));
        try (JxdClient client = newClient()) {
            assertThatThrownBy(() -> client.get("/1.0/broken"))
                    .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(502));
        }
    }

    @Test
    void exposesHeadersAndSendsBodiesAndEtags()
    {
        server.route("GET", "/1.0/auth/groups/g1", exchange -> new Reply(200,
                Map.of("Content-Type", "application/json", "ETag", "\"abc\""),
                """
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":{"name":"g1"}}"""));
        server.route("PUT", "/1.0/auth/groups/g1", exchange -> Reply.sync("{}"));
        server.route("POST", "/1.0/auth/groups", exchange -> new Reply(201,
                Map.of("Content-Type", "application/json", "Location", "/1.0/auth/groups/g2"),
                """
                {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":null}"""));

        try (JxdClient client = newClient()) {
            ApiResponse group = client.get("/1.0/auth/groups/g1");
            assertThat(group.etag()).isEqualTo("\"abc\"");
            assertThat(client.getEtag("/1.0/auth/groups/g1")).isEqualTo("\"abc\"");
            assertThat(client.getAs("/1.0/auth/groups/g1", Map.class)).containsEntry("name", "g1");

            client.put("/1.0/auth/groups/g1", Map.of("description", "d"), group.etag());
            FakeApiServer.Exchange put = server.exchanges().getLast();
            assertThat(put.headers()).containsEntry("if-match", "\"abc\"").containsEntry("content-type", "application/json");
            assertThat(put.body()).isEqualTo("{\"description\":\"d\"}");

            ApiResponse created = client.post("/1.0/auth/groups", Map.of("name", "g2"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.location()).isEqualTo("/1.0/auth/groups/g2");
            assertThat(created.metadata().isNull()).isTrue();
        }
    }

    @Test
    void waitsForOperations()
    {
        server.route("GET", "/1.0/operations/ok/wait", exchange -> Reply.sync(operationJson("ok", 200, "Success", "")));
        server.route("GET", "/1.0/operations/bad/wait", exchange -> Reply.sync(operationJson("bad", 400, "Failure", "Replicator run failed")));
        server.route("GET", "/1.0/operations/slow/wait", exchange -> Reply.sync(operationJson("slow", 103, "Running", "")));

        try (JxdClient client = newClient()) {
            Operation operation = client.waitForSuccess("/1.0/operations/ok?project=p1", Duration.ofSeconds(30));
            assertThat(operation.id()).isEqualTo("ok");
            assertThat(server.exchanges().getLast().pathAndQuery()).isEqualTo("/1.0/operations/ok/wait?project=p1&timeout=30");

            assertThatThrownBy(() -> client.waitForSuccess("/1.0/operations/bad", Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(ApiException.class, exception -> {
                        assertThat(exception.getMessage()).isEqualTo("Replicator run failed");
                        assertThat(exception.statusCode()).isEqualTo(500);
                    });

            assertThat(client.waitOperation("/1.0/operations/slow", Duration.ofSeconds(1)).statusCode()).isEqualTo(103);
            assertThatThrownBy(() -> client.waitForSuccess("/1.0/operations/slow", Duration.ofSeconds(1)))
                    .isInstanceOf(JxdClientException.class)
                    .isNotInstanceOf(ApiException.class)
                    .hasMessageContaining("did not finish");
        }
    }

    @Test
    void receivesEventsOverTls()
            throws Exception
    {
        server.sendOnEventConnect("""
                {"type":"lifecycle","timestamp":"2026-01-02T03:04:05Z","metadata":{"action":"auth-group-created","source":"/1.0/auth/groups/g1"},"project":""}""");
        CompletableFuture<Event> received = new CompletableFuture<>();
        try (JxdClient client = newClient();
                EventSubscription subscription = client.events("lifecycle", received::complete)) {
            assertThat(subscription.isOpen()).isTrue();
            Event event = received.get(10, TimeUnit.SECONDS);
            assertThat(event.type()).isEqualTo("lifecycle");
            assertThat(event.metadata().get("action").asString()).isEqualTo("auth-group-created");
        }
        assertThat(server.eventSubscriptionQueries()).contains("type=lifecycle");
    }

    private JxdClient newClient()
    {
        return JxdClient.https(server.url(), serverCertificate.certificatePem(), clientCertificate);
    }

    private static String operationJson(String id, int statusCode, String status, String error)
    {
        return """
                {"id":"%s","class":"task","description":"Running replicator","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z",\
                "status":"%s","status_code":%d,"resources":{},"metadata":{},"may_cancel":false,"err":"%s","err_code":0,"child_count":0,"location":"none"}"""
                .formatted(id, status, statusCode, error);
    }
}
