package dev.jxd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestArguments
{
    @TempDir
    Path directory;

    @Test
    void remotePrefixSelectsAConfiguredRemote()
    {
        ClientConfig config = configWithRemote("r1");

        assertThat(RemoteArgument.parse(config, "g1")).isEqualTo(new RemoteArgument("local", "g1"));
        assertThat(RemoteArgument.parse(config, "r1:g1")).isEqualTo(new RemoteArgument("r1", "g1"));
        assertThat(RemoteArgument.parse(config, "r1:")).isEqualTo(new RemoteArgument("r1", ""));
        assertThat(RemoteArgument.parse(config, "local:a:b")).isEqualTo(new RemoteArgument("local", "a:b"));
        assertThatThrownBy(() -> RemoteArgument.parse(config, "nowhere:g1"))
                .hasMessage("The remote \"nowhere\" doesn't exist");
        assertThatThrownBy(() -> RemoteArgument.parse(config, "r1:").requireName("group"))
                .hasMessage("Missing group name");
        assertThat(RemoteArgument.parseRemoteOnly(config, null)).isEqualTo("local");
        assertThat(RemoteArgument.parseRemoteOnly(config, "r1:")).isEqualTo("r1");
    }

    @Test
    void identityArgumentsUseTypeShorthands()
    {
        ClientConfig config = configWithRemote("r1");

        assertThat(IdentityArgument.parse(config, "tls/alice"))
                .isEqualTo(new IdentityArgument("local", "tls", "tls", null, "alice"));
        assertThat(IdentityArgument.parse(config, "r1:tls/Jane Doe"))
                .isEqualTo(new IdentityArgument("r1", "tls", "tls", null, "Jane Doe"));
        assertThat(IdentityArgument.parse(config, "cluster-link/lxd_two"))
                .isEqualTo(new IdentityArgument("local", "cluster-link", "tls", "Cluster link certificate", "lxd_two"));
        assertThat(IdentityArgument.parse(config, "oidc/jane@example.com").identityType()).isEqualTo("OIDC client");
        assertThat(IdentityArgument.parse(config, "devlxd/agent"))
                .isEqualTo(new IdentityArgument("local", "devlxd", "bearer", "DevLXD token bearer", "agent"));
        assertThat(IdentityArgument.parse(config, "bearer/ci").identityType()).isNull();
        assertThat(IdentityArgument.parse(config, "tls/a/b").name()).isEqualTo("a/b");
    }

    @Test
    void identityArgumentErrors()
    {
        ClientConfig config = configWithRemote("r1");

        assertThatThrownBy(() -> IdentityArgument.parse(config, "r1:alice"))
                .hasMessage("Malformed argument, expected `[<remote>:]<type>/<name>`, got alice");
        assertThatThrownBy(() -> IdentityArgument.parse(config, "certificate/alice"))
                .hasMessage("Unrecognized identity type shorthand \"certificate\"");
        assertThatThrownBy(() -> IdentityArgument.parse(config, "x:tls/alice"))
                .hasMessage("The remote \"x\" doesn't exist");
    }

    @Test
    void impliedIdentityTypeIsChecked()
    {
        IdentityArgument clusterLink = IdentityArgument.parse(configWithRemote("r1"), "cluster-link/lxd_two");
        clusterLink.checkType("Cluster link certificate");
        assertThatThrownBy(() -> clusterLink.checkType("Cluster link certificate (pending)"))
                .hasMessage("Expected identity of type \"Cluster link certificate\" but found identity with type \"Cluster link certificate (pending)\"");

        IdentityArgument anyTls = IdentityArgument.parse(configWithRemote("r1"), "tls/alice");
        anyTls.checkType("Client certificate (pending)");
    }

    private ClientConfig configWithRemote(String name)
    {
        ClientConfig config = ClientConfig.load(directory, directory.resolve("daemon"));
        config.putRemote(name, RemoteConfig.https("https://10.0.0.1:8443"));
        return config;
    }
}
