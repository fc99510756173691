package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.raft.MiniCluster.Member;
import dev.jxd.daemon.db.raft.TestCommands.Increment;
import dev.jxd.daemon.db.raft.TestCommands.PutConfig;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** All Raft traffic is mutual TLS pinned to the one cluster certificate, in both directions. */
final class TestRaftTransportSecurity
{
    @Test
    void testOnlyTheClusterCertificateGetsThrough(@TempDir Path directory)
            throws Exception
    {
        try (MiniCluster cluster = new MiniCluster(directory, settings -> MiniCluster.QUICK.apply(settings).withMembershipTimeout(Duration.ofSeconds(2)).withWriteTimeout(Duration.ofSeconds(2)))) {
            Member member = cluster.bootstrap("m1", database -> {});
            CertificateAndKey clusterCertificate = cluster.certificate();
            CertificateAndKey foreign = MiniCluster.clusterCertificate();

            // The cluster certificate on both ends: a client outside the store writes like a member would
            try (RaftClient client = MiniCluster.rawClient(member, clusterCertificate, clusterCertificate.certificate())) {
                RaftClientReply reply = client.io().send(entry("raw:1", new PutConfig("through.cluster.certificate", "yes")));
                assertThat(reply.isSuccess()).isTrue();
            }
            MiniCluster.await("the raw write", () -> config(member, "through.cluster.certificate").isPresent());

            // Another certificate: the member refuses the client
            try (RaftClient client = MiniCluster.rawClient(member, foreign, clusterCertificate.certificate())) {
                assertThatThrownBy(() -> client.io().send(entry("raw:2", new PutConfig("through.foreign.certificate", "yes"))))
                        .isInstanceOf(IOException.class);
            }
            // The cluster certificate, but a client that pins another: the client refuses the member
            try (RaftClient client = MiniCluster.rawClient(member, clusterCertificate, foreign.certificate())) {
                assertThatThrownBy(() -> client.io().send(entry("raw:3", new PutConfig("to.foreign.server", "yes"))))
                        .isInstanceOf(IOException.class);
            }

            // A member holding another certificate cannot be added: the leader cannot reach it
            MiniCluster outsiders = new MiniCluster(directory.resolve("outsiders"), foreign, settings -> settings.withWriteTimeout(Duration.ofSeconds(3)));
            Files.createDirectories(directory.resolve("outsiders"));
            try (outsiders) {
                Member intruder = outsiders.startJoining("intruder", List.of(member.address()));
                assertThatThrownBy(() -> member.store().addPeer(intruder.address(), PeerRole.VOTER))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Cluster database membership change failed");
                assertThat(member.store().peers()).extracting(RaftPeerStatus::memberName).containsExactly("m1");
                assertThat(config(intruder, "through.cluster.certificate")).isEmpty();
            }

            assertThat(member.store().execute(new Increment("counter"))).isEqualTo(1);
            assertThat(config(member, "through.foreign.certificate")).isEmpty();
            assertThat(config(member, "to.foreign.server")).isEmpty();
        }
    }

    private static Message entry(String requestId, PutConfig command)
    {
        return MiniCluster.entry(requestId, command);
    }

    private static Optional<String> config(Member member, String key)
    {
        return member.store().read(connection -> Sql.queryOne(connection, "SELECT value FROM config WHERE key = ?", row -> row.getString(1), key));
    }
}
