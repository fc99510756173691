package dev.jxd.daemon.project;

import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestProjectApi
{
    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @Test
    void createShowEditRenameDelete()
    {
        assertThat(admin.post("/1.0/projects", Map.of("name", "blue", "description", "Blue team", "config", Map.of("user.owner", "ops"))).status()).isEqualTo(201);
        JsonNode blue = admin.get("/1.0/projects/blue").metadata();
        assertThat(blue.get("description").asString()).isEqualTo("Blue team");
        assertThat(blue.get("config").get("user.owner").asString()).isEqualTo("ops");
        assertThat(admin.get("/1.0/projects").metadata().toString()).contains("/1.0/projects/blue", "/1.0/projects/default");

        admin.patch("/1.0/projects/blue", Map.of("config", Map.of("user.extra", "1")), null);
        assertThat(admin.get("/1.0/projects/blue").metadata().get("config").size()).isEqualTo(2);
        admin.put("/1.0/projects/blue", Map.of("description", "", "config", Map.of()), null);
        assertThat(admin.get("/1.0/projects/blue").metadata().get("config").isEmpty()).isTrue();

        admin.post("/1.0/projects/blue", Map.of("name", "green"));
        assertThatThrownBy(() -> admin.get("/1.0/projects/blue")).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(404));
        admin.delete("/1.0/projects/green");
        assertThat(admin.get("/1.0/projects").metadata().toString()).doesNotContain("green");
    }

    @Test
    void defaultProjectCannotBeDeletedOrRenamed()
    {
        assertThatThrownBy(() -> admin.delete("/1.0/projects/default"))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.getMessage()).isEqualTo("The 'default' project cannot be deleted"));
        assertThatThrownBy(() -> admin.post("/1.0/projects/default", Map.of("name", "other")))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.getMessage()).isEqualTo("The 'default' project cannot be renamed"));
        assertThat(admin.get("/1.0/projects/default").status()).isEqualTo(200);
    }

    @Test
    void badNamesDuplicatesAndUnknownKeysAreRejected()
    {
        for (String name : new String[] {"a/b", "..", "bad\u0001name", ""}) {
            assertThatThrownBy(() -> admin.post("/1.0/projects", Map.of("name", name)))
                    .as(name)
                    .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(400));
        }
        admin.post("/1.0/projects", Map.of("name", "dup"));
        assertThatThrownBy(() -> admin.post("/1.0/projects", Map.of("name", "dup")))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> admin.post("/1.0/projects", Map.of("name", "keys", "config", Map.of("limits.cpu", "2"))))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).isEqualTo("Invalid project configuration key \"limits.cpu\"");
                });
        assertThatThrownBy(() -> admin.get("/1.0/projects/keys")).isInstanceOf(ApiException.class);
    }

    @Test
    void untrustedCallerIsForbidden()
    {
        JxdClient stranger = server.httpsClient(TestDaemon.newClientCertificate("stranger"));
        assertThatThrownBy(() -> stranger.get("/1.0/projects")).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> stranger.post("/1.0/projects", Map.of("name", "x"))).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
    }
}
