package dev.jxd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestClientConfig
{
    @TempDir
    Path directory;

    @Test
    void defaultsToTheLocalRemoteWithoutAFile()
    {
        ClientConfig config = ClientConfig.load(directory.resolve("conf"), directory.resolve("state"));

        assertThat(config.defaultRemote()).isEqualTo("local");
        assertThat(config.remotes()).containsOnlyKeys("local");
        assertThat(config.socketPath(config.requireRemote("local"))).isEqualTo(directory.resolve("state/unix.socket"));
        assertThat(Files.exists(directory.resolve("conf"))).isFalse();
    }

    @Test
    void roundTripsRemotesProjectsAndTheDefault()
            throws Exception
    {
        Path configDirectory = directory.resolve("conf");
        ClientConfig config = ClientConfig.load(configDirectory, directory.resolve("state"));
        config.putRemote("r1", RemoteConfig.https("https://10.0.0.1:8443").withProject("p1"));
        config.putRemote("sock", new RemoteConfig("unix:///run/other.socket", "", "", "", false));
        config.setDefaultRemote("r1");
        config.save();

        String yaml = Files.readString(configDirectory.resolve("config.yml"), StandardCharsets.UTF_8);
        assertThat(yaml).isEqualTo("""
                default-remote: r1
                remotes:
                  local:
                    addr: unix://
                    public: false
                  r1:
                    addr: https://10.0.0.1:8443
                    auth_type: tls
                    project: p1
                    protocol: lxd
                    public: false
                  sock:
                    addr: unix:///run/other.socket
                    public: false
                aliases: {}
                """);

        ClientConfig reloaded = ClientConfig.load(configDirectory, directory.resolve("state"));
        assertThat(reloaded.defaultRemote()).isEqualTo("r1");
        assertThat(reloaded.remotes()).isEqualTo(config.remotes());
        assertThat(reloaded.socketPath(reloaded.requireRemote("sock"))).isEqualTo(Path.of("/run/other.socket"));
        assertThat(reloaded.serverCertificatePath("r1")).isEqualTo(configDirectory.resolve("servercerts/r1.crt"));
    }

    @Test
    void readsFilesWrittenByHand()
            throws Exception
    {
        Path configDirectory = directory.resolve("conf");
        Files.createDirectories(configDirectory);
        Files.writeString(configDirectory.resolve("config.yml"), """
                remotes:
                  r2:
                    addr: https://[::1]:8443
                    protocol: lxd
                """);

        ClientConfig config = ClientConfig.load(configDirectory, directory);
        assertThat(config.defaultRemote()).isEqualTo("local");
        assertThat(config.requireRemote("r2").addr()).isEqualTo("https://[::1]:8443");
        assertThatThrownBy(() -> config.requireRemote("local")).hasMessage("Remote local doesn't exist");
        assertThatThrownBy(() -> config.setDefaultRemote("nowhere")).hasMessage("Remote nowhere doesn't exist");
    }
}
