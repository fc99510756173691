package dev.jxd.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestServerAddress
{
    @Test
    void parsesTheFormsUsersAndTokensUse()
    {
        assertThat(ServerAddress.parse("10.0.0.1")).isEqualTo(new ServerAddress("10.0.0.1", 8443));
        assertThat(ServerAddress.parse("10.0.0.1:9443")).isEqualTo(new ServerAddress("10.0.0.1", 9443));
        assertThat(ServerAddress.parse("lxd.example.com")).isEqualTo(new ServerAddress("lxd.example.com", 8443));
        assertThat(ServerAddress.parse("[::1]:8444")).isEqualTo(new ServerAddress("::1", 8444));
        assertThat(ServerAddress.parse("[fd00::1]")).isEqualTo(new ServerAddress("fd00::1", 8443));
        assertThat(ServerAddress.parse("fd00::1")).isEqualTo(new ServerAddress("fd00::1", 8443));
        assertThat(ServerAddress.parse("https://10.0.0.1")).isEqualTo(new ServerAddress("10.0.0.1", 8443));
        assertThat(ServerAddress.parse("https://[::1]:9000/")).isEqualTo(new ServerAddress("::1", 9000));
    }

    @Test
    void formatsUrls()
    {
        assertThat(new ServerAddress("::1", 8443).url()).isEqualTo("https://[::1]:8443");
        assertThat(new ServerAddress("10.0.0.1", 8443).hostAndPort()).isEqualTo("10.0.0.1:8443");
    }

    @Test
    void rejectsInvalidAddresses()
    {
        assertThatThrownBy(() -> ServerAddress.parse("http://10.0.0.1"))
                .hasMessage("Invalid URL scheme \"http\" in \"http://10.0.0.1\"");
        assertThatThrownBy(() -> ServerAddress.parse("10.0.0.1:http"))
                .hasMessage("Invalid port \"http\" in server address \"10.0.0.1:http\"");
        assertThatThrownBy(() -> ServerAddress.parse("10.0.0.1:70000"))
                .hasMessage("Invalid port \"70000\" in server address \"10.0.0.1:70000\"");
        assertThatThrownBy(() -> ServerAddress.parse("https://10.0.0.1/1.0"))
                .hasMessage("Server address \"https://10.0.0.1/1.0\" must not have a path");
        assertThatThrownBy(() -> ServerAddress.parse(" "))
                .hasMessage("Empty server address");
    }
}
