package dev.jxd.daemon.server;

import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestServerApi
{
    @AutoClose
    private final TestDaemon server = TestDaemon.start("server-api");
    private final JxdClient admin = server.unixClient();

    @Test
    void untrustedCallerSeesOnlyThePublicView()
    {
        JsonNode info = server.httpsClient(null).get("/1.0").metadata();
        assertThat(info.get("auth").asString()).isEqualTo("untrusted");
        assertThat(info.get("api_version").asString()).isEqualTo("1.0");
        assertThat(info.get("api_status").asString()).isEqualTo("stable");
        assertThat(info.has("environment")).isFalse();
        assertThat(info.get("config").isEmpty()).isTrue();
        assertThat(info.get("client_certificate").asBoolean()).isFalse();
        assertThat(server.httpsClient(TestDaemon.newClientCertificate("stranger")).get("/1.0").metadata().get("client_certificate").asBoolean()).isTrue();
    }

    @Test
    void localAdministratorSeesTheEnvironment()
    {
        ApiResponse response = admin.get("/1.0");
        JsonNode info = response.metadata();
        assertThat(info.get("auth").asString()).isEqualTo("trusted");
        assertThat(info.get("auth_user_method").asString()).isEqualTo("unix");
        JsonNode environment = info.get("environment");
        assertThat(environment.get("server_name").asString()).isEqualTo("server-api");
        assertThat(environment.get("certificate_fingerprint").asString()).isEqualTo(server.serverFingerprint());
        assertThat(environment.get("addresses").get(0).asString()).isEqualTo(server.address());
        assertThat(response.etag()).isNotBlank();
        assertThat(info.get("api_extensions").toString()).contains("explicit_trust_token", "access_management_tls");
    }

    @Test
    void envelopeHasEveryKeyForSyncAndError()
    {
        String body = new String(admin.rawRequest("GET", "/1.0/projects", null, null, Map.of()).body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":");
        String error = new String(admin.rawRequest("GET", "/1.0/nothing-here", null, null, Map.of()).body(), StandardCharsets.UTF_8);
        assertThat(error).isEqualTo("{\"type\":\"error\",\"status\":\"\",\"status_code\":0,\"operation\":\"\",\"error_code\":404,\"error\":\"Not Found\",\"metadata\":null}\n");
    }

    @Test
    void unknownAndInvalidConfigKeysAreRejectedAndChangeNothing()
    {
        Map<String, String> before = configOf(admin.get("/1.0").metadata());
        assertThatThrownBy(() -> admin.patch("/1.0", Map.of("config", Map.of("core.no_such_key", "1")), null))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).isEqualTo("Unknown configuration key \"core.no_such_key\"");
                });
        assertThatThrownBy(() -> admin.patch("/1.0", Map.of("config", Map.of("core.remote_token_expiry", "3 parsecs", "user.a", "b")), null))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).contains("core.remote_token_expiry");
                });
        assertThatThrownBy(() -> admin.patch("/1.0", Map.of("config", Map.of("core.https_address", "127.0.0.1:99999")), null))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(400));
        assertThat(configOf(admin.get("/1.0").metadata())).isEqualTo(before);
    }

    @Test
    void staleEtagIsRefusedWith412()
    {
        String etag = admin.get("/1.0").etag();
        admin.patch("/1.0", Map.of("config", Map.of("user.changed", "yes")), null);
        assertThatThrownBy(() -> admin.patch("/1.0", Map.of("config", Map.of("user.other", "x")), etag))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(412);
                    assertThat(exception.getMessage()).startsWith("ETag does not match: ");
                });
        String fresh = admin.get("/1.0").etag();
        admin.patch("/1.0", Map.of("config", Map.of("user.changed", "")), fresh);
        assertThat(configOf(admin.get("/1.0").metadata())).doesNotContainKey("user.changed");
    }

    @Test
    void malformedUnknownFieldAndOversizedBodiesAre4xx()
    {
        assertThat(admin.rawRequest("PATCH", "/1.0", "{\"config\":".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()).status()).isEqualTo(400);
        assertThat(admin.rawRequest("PATCH", "/1.0", "{\"config\":{},\"surprise\":1}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()).status()).isEqualTo(400);
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(admin.rawRequest("PATCH", "/1.0", huge, "application/json", Map.of()).status()).isEqualTo(413);
    }

    @Test
    void httpsAddressMovesWithoutRestart()
    {
        int newPort = TestDaemon.freePort();
        JxdClient untrustedOld = server.httpsClient(null);
        assertThat(untrustedOld.get("/1.0").status()).isEqualTo(200);
        admin.patch("/1.0", Map.of("config", Map.of("core.https_address", "127.0.0.1:" + newPort)), null);
        try (JxdClient moved = JxdClient.https("https://127.0.0.1:" + newPort, server.serverCertificatePem(), null)) {
            assertThat(moved.get("/1.0").metadata().get("auth").asString()).isEqualTo("untrusted");
        }
        assertThat(server.daemon().httpsPort()).contains(newPort);
        admin.patch("/1.0", Map.of("config", Map.of("core.https_address", server.address())), null);
        assertThat(server.daemon().httpsPort()).contains(server.port());
    }

    private static Map<String, String> configOf(JsonNode info)
    {
        Map<String, String> config = new java.util.TreeMap<>();
        info.get("config").properties().forEach(entry -> config.put(entry.getKey(), entry.getValue().asString()));
        return config;
    }
}
