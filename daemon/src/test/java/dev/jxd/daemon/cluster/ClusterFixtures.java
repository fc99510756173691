package dev.jxd.daemon.cluster;

import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Operation;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import tools.jackson.core.type.TypeReference;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Cluster set-up steps shared by the cluster tests, done through the API as an operator would. */
final class ClusterFixtures
{
    static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);

    private ClusterFixtures() {}

    static void enable(TestDaemon daemon, String memberName)
    {
        JxdClient client = daemon.unixClient();
        ApiResponse response = client.put("/1.0/cluster", ClusterPut.enable(memberName), null);
        client.waitForSuccess(response.operationUrl(), OPERATION_TIMEOUT);
    }

    /** {@code jxc cluster add}: the token, built from the operation metadata as LXD's client does. */
    static String joinToken(TestDaemon daemon, String newMember)
    {
        ApiResponse response = daemon.unixClient().post("/1.0/cluster/members", new ClusterMembersPost(newMember));
        Operation operation = response.metadataAs(Operation.class);
        Map<String, Object> metadata = operation.metadata();
        @SuppressWarnings("unchecked")
        List<String> addresses = (List<String>) metadata.get("addresses");
        return ClusterJoinTokens.encode(new ClusterMemberJoinToken(
                (String) metadata.get("serverName"),
                (String) metadata.get("secret"),
                (String) metadata.get("fingerprint"),
                addresses,
                Instant.parse((String) metadata.get("expiresAt"))));
    }

    static List<ClusterMember> members(TestDaemon daemon)
    {
        return Json.lenient().convertValue(daemon.unixClient().get("/1.0/cluster/members?recursion=1").metadata(), new TypeReference<List<ClusterMember>>() {});
    }
}
