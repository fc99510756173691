package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestRaftSettings
{
    private static final CertificateAndKey CERTIFICATE = MiniCluster.clusterCertificate();

    @Test
    void testAddresses()
    {
        RaftSettings settings = RaftSettings.defaults("m1", "10.0.0.1:8444", Path.of("raft"), CERTIFICATE);
        assertThat(settings.host()).isEqualTo("10.0.0.1");
        assertThat(settings.port()).isEqualTo(8444);

        RaftSettings ipv6 = RaftSettings.defaults("m1", "[fd00::1]:8444", Path.of("raft"), CERTIFICATE);
        assertThat(ipv6.host()).isEqualTo("fd00::1");
        assertThat(ipv6.port()).isEqualTo(8444);

        for (String invalid : new String[] {"10.0.0.1", "10.0.0.1:", ":8444", "fd00::1:8444", "host:port", "host:0", "host:70000"}) {
            assertThatThrownBy(() -> RaftSettings.defaults("m1", invalid, Path.of("raft"), CERTIFICATE))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RaftPeerAddress("m1", invalid))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void testTimingsAreChecked()
    {
        RaftSettings settings = RaftSettings.defaults("m1", "127.0.0.1:8444", Path.of("raft"), CERTIFICATE);
        assertThat(settings.electionTimeoutMin()).isLessThan(settings.electionTimeoutMax());
        assertThat(settings.withWriteTimeout(Duration.ofSeconds(3)).writeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> settings.withElectionTimeout(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withWriteTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withSnapshotThreshold(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RaftSettings.defaults(" ", "127.0.0.1:8444", Path.of("raft"), CERTIFICATE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testTheGroupFollowsTheClusterCertificate()
    {
        assertThat(RatisConfiguration.groupId(CERTIFICATE)).isEqualTo(RatisConfiguration.groupId(CERTIFICATE));
        assertThat(RatisConfiguration.groupId(CERTIFICATE)).isNotEqualTo(RatisConfiguration.groupId(MiniCluster.clusterCertificate()));
    }
}
