package dev.jxd.daemon.cluster;

import dev.jxd.api.json.Json;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code cluster} section of an LXD-style preseed file ({@code lxd init --preseed}), which a new member
 * can be started with instead of {@code --join} and {@code --address}:
 *
 * <pre>
 * cluster:
 *   enabled: true
 *   server_address: 10.0.0.2:8443
 *   cluster_token: eyJzZXJ2ZXJfbmFtZSI6...
 *   raft_address: 10.0.0.2:8444      # jxd's own key; optional
 * </pre>
 *
 * Other sections of an LXD preseed file are ignored, so one file can serve both.
 */
public record JoinPreseed(Cluster cluster)
{
    public record Cluster(boolean enabled, String serverAddress, String clusterToken, String raftAddress) {}

    /** What the file asks for: the token, this member's address and, optionally, its Raft address. */
    public record Join(String token, String address, Optional<String> raftAddress) {}

    public static Join read(Path file)
    {
        JoinPreseed preseed;
        try {
            preseed = Json.yaml().readerFor(JoinPreseed.class)
                    .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (IOException exception) {
            throw new ClusterJoiner.JoinFailedException("Cannot read the preseed file " + file + ": " + exception.getMessage());
        }
        catch (JacksonException exception) {
            throw new ClusterJoiner.JoinFailedException("Invalid preseed file " + file + ": " + exception.getOriginalMessage());
        }
        Cluster cluster = preseed == null ? null : preseed.cluster();
        if (cluster == null || !cluster.enabled()) {
            throw new ClusterJoiner.JoinFailedException("The preseed file " + file + " has no \"cluster\" section with \"enabled: true\"");
        }
        if (isEmpty(cluster.clusterToken())) {
            throw new ClusterJoiner.JoinFailedException("The preseed file " + file + " has no cluster.cluster_token");
        }
        if (isEmpty(cluster.serverAddress())) {
            throw new ClusterJoiner.JoinFailedException("The preseed file " + file + " has no cluster.server_address (this member's HTTPS address)");
        }
        return new Join(cluster.clusterToken(), cluster.serverAddress(), isEmpty(cluster.raftAddress()) ? Optional.empty() : Optional.of(cluster.raftAddress()));
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
