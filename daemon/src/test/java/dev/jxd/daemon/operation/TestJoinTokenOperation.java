package dev.jxd.daemon.operation;

import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A cluster join token's operation ends at the token's expiry (cluster.join_token_expiry), not at the next restart. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestJoinTokenOperation
{
    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @BeforeAll
    void enableClustering()
    {
        ApiResponse enabling = admin.put("/1.0/cluster", ClusterPut.enable("m1"), null);
        admin.waitForSuccess(enabling.operationUrl(), Duration.ofSeconds(60));
    }

    @Test
    void joinTokenOperationIsCancelledWhenTheTokenExpires()
    {
        String operation = admin.post("/1.0/cluster/members", new ClusterMembersPost("m2")).operationUrl();
        server.clock().advance(Duration.ofHours(2));
        assertThat(admin.get(operation).metadata().get("status").asString()).isEqualTo("Running");

        // The default expiry is three hours
        server.clock().advance(Duration.ofHours(2));
        JsonNode expired = admin.get(operation).metadata();
        assertThat(expired.get("status").asString()).isEqualTo("Cancelled");
        assertThat(expired.get("err").asString()).isEqualTo("Token expired");
        assertThat(expired.get("metadata").has("secret")).isFalse();
        assertThat(expired.get("metadata").get("serverName").asString()).isEqualTo("m2");
    }

    @Test
    void revokedJoinTokenOperationIsCancelled()
    {
        String operation = admin.post("/1.0/cluster/members", new ClusterMembersPost("m3")).operationUrl();
        admin.delete(operation);
        JsonNode revoked = admin.get(operation).metadata();
        assertThat(revoked.get("status").asString()).isEqualTo("Cancelled");
        assertThat(revoked.get("metadata").has("secret")).isFalse();
    }
}
