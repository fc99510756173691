package dev.jxd.daemon.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestJoinPreseed
{
    @TempDir
    Path directory;

    @Test
    void readsTheClusterSectionAndIgnoresTheRestOfAnLxdPreseed()
            throws IOException
    {
        Path file = write("""
                config:
                  core.https_address: 10.0.0.2:8443
                storage_pools:
                - name: default
                  driver: dir
                cluster:
                  enabled: true
                  server_name: m2
                  server_address: 10.0.0.2:8443
                  cluster_token: dG9rZW4=
                  member_config: []
                """);
        JoinPreseed.Join join = JoinPreseed.read(file);
        assertThat(join.token()).isEqualTo("dG9rZW4=");
        assertThat(join.address()).isEqualTo("10.0.0.2:8443");
        assertThat(join.raftAddress()).isEmpty();
    }

    @Test
    void takesJxdsRaftAddress()
            throws IOException
    {
        Path file = write("""
                cluster:
                  enabled: true
                  server_address: "[2001:db8::2]:8443"
                  cluster_token: dG9rZW4=
                  raft_address: "[2001:db8::2]:9443"
                """);
        assertThat(JoinPreseed.read(file).raftAddress()).isEqualTo(Optional.of("[2001:db8::2]:9443"));
    }

    @Test
    void refusesFilesThatDoNotSayHowToJoin()
            throws IOException
    {
        assertThatThrownBy(() -> JoinPreseed.read(write("config: {}\n"))).hasMessageContaining("has no \"cluster\" section with \"enabled: true\"");
        assertThatThrownBy(() -> JoinPreseed.read(write("cluster:\n  enabled: false\n  cluster_token: x\n"))).hasMessageContaining("enabled: true");
        assertThatThrownBy(() -> JoinPreseed.read(write("cluster:\n  enabled: true\n  server_address: 10.0.0.2:8443\n"))).hasMessageContaining("cluster.cluster_token");
        assertThatThrownBy(() -> JoinPreseed.read(write("cluster:\n  enabled: true\n  cluster_token: x\n"))).hasMessageContaining("cluster.server_address");
        assertThatThrownBy(() -> JoinPreseed.read(write("cluster: [\n"))).hasMessageContaining("Invalid preseed file");
        assertThatThrownBy(() -> JoinPreseed.read(directory.resolve("missing.yaml"))).hasMessageContaining("Cannot read the preseed file");
    }

    private Path write(String content)
            throws IOException
    {
        Path file = Files.createTempFile(directory, "preseed", ".yaml");
        Files.writeString(file, content);
        return file;
    }
}
