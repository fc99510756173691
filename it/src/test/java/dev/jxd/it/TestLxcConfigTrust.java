package dev.jxd.it;

import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LXD 5.0's {@code lxc config trust} against jxd, with Debian's real {@code lxc}: an administrator's lxc
 * issues certificate add tokens, lists and revokes them, and shows, edits and removes the certificates
 * that other lxc configurations (other clients) got with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestLxcConfigTrust
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TestDaemon server;
    private JxdClient root;

    private Path directory;

    @BeforeAll
    void start(@TempDir Path temporary)
    {
        directory = temporary;
        assertThat(ProcessRunner.run(List.of("sh", "-c", "command -v lxc"), Map.of(), null, Duration.ofSeconds(10)).exitCode())
                .as("LXD's lxc client must be installed (bin/test installs Debian's lxd-client)")
                .isZero();
        server = TestDaemon.start("jxd-trust");
        root = server.unixClient();
        // The administrator's lxc: a client in the admins group
        CertificateAddToken token = root.post("/1.0/auth/identities/tls", Map.of("name", "operator", "token", true, "groups", List.of("admins")))
                .metadataAs(CertificateAddToken.class);
        lxc("operator", "remote", "add", "jxd", TrustTokens.encode(token)).assertSuccess();
        // lxc 5.0.2 reads `config trust add jxd:` as a certificate file named "jxd:", so token commands use the default remote
        lxc("operator", "remote", "switch", "jxd").assertSuccess();
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    @Test
    void tokenFromConfigTrustAddLetsAnotherClientJoin()
    {
        String token = addToken("laptop");
        assertThat(lxc("operator", "config", "trust", "list-tokens", "jxd:", "--format", "csv").assertSuccess().standardOutput())
                .contains("laptop," + token + ",");

        lxc("laptop", "remote", "add", "jxd", token).assertSuccess();
        assertThat(lxc("laptop", "query", "jxd:/1.0").assertSuccess().standardOutput()).contains("\"auth\": \"trusted\"");
        assertThat(lxc("operator", "config", "trust", "list-tokens", "jxd:", "--format", "csv").assertSuccess().standardOutput())
                .doesNotContain("laptop");
        assertThat(lxc("operator", "config", "trust", "list", "jxd:", "--format", "csv").assertSuccess().standardOutput())
                .contains("client,laptop,");

        // lxc config trust remove, by the fingerprint prefix that lxc config trust list shows
        lxc("operator", "config", "trust", "remove", "jxd:" + fingerprintPrefix("laptop")).assertSuccess();
        assertThat(lxc("laptop", "query", "jxd:/1.0").assertSuccess().standardOutput()).contains("\"auth\": \"untrusted\"");
    }

    @Test
    void revokedTokenNoLongerWorks()
    {
        String token = addToken("stolen");
        lxc("operator", "config", "trust", "revoke-token", "stolen").assertSuccess();
        assertThat(lxc("operator", "config", "trust", "list-tokens", "jxd:", "--format", "csv").assertSuccess().standardOutput())
                .doesNotContain("stolen");
        ProcessRunner.Result refused = lxc("thief", "remote", "add", "jxd", token);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.standardError()).contains("Invalid trust token");
    }

    @Test
    void restrictedClientWorksInItsProjectsOnlyAndItsProjectsCanBeEdited()
    {
        String token = lxc("operator", "config", "trust", "add", "--name", "ci", "--restricted", "--projects", "default").assertSuccess().standardOutput();
        lxc("ci", "remote", "add", "jxd", lastLine(token)).assertSuccess();
        assertThat(lxc("ci", "query", "jxd:/1.0/projects/default").assertSuccess().standardOutput()).contains("\"name\": \"default\"");
        ProcessRunner.Result groups = lxc("ci", "query", "jxd:/1.0/auth/groups/admins");
        assertThat(groups.exitCode()).isNotZero();
        assertThat(groups.standardError()).contains("Certificate is restricted");
        assertThat(lxc("ci", "query", "jxd:/1.0/auth/groups").assertSuccess().standardOutput().strip()).isEqualTo("[]");

        String fingerprint = fingerprintPrefix("ci");
        String shown = lxc("operator", "config", "trust", "show", "jxd:" + fingerprint).assertSuccess().standardOutput();
        assertThat(shown).contains("name: ci", "type: client", "restricted: true", "projects:\n- default");

        // lxc config trust edit reads the new YAML from stdin when it is not a terminal
        root.post("/1.0/projects", Map.of("name", "web"));
        ProcessRunner.run(List.of("lxc", "config", "trust", "edit", "jxd:" + fingerprint), environment("operator"),
                "name: ci\ntype: client\nrestricted: true\nprojects:\n- web\n", TIMEOUT).assertSuccess();
        assertThat(lxc("operator", "config", "trust", "show", "jxd:" + fingerprint).assertSuccess().standardOutput()).contains("projects:\n- web");
        assertThat(lxc("ci", "query", "jxd:/1.0/projects/web").assertSuccess().standardOutput()).contains("\"name\": \"web\"");
        ProcessRunner.Result lost = lxc("ci", "query", "jxd:/1.0/projects/default");
        assertThat(lost.exitCode()).isNotZero();
        assertThat(lost.standardError()).contains("Certificate is restricted");
    }

    /** {@code lxc config trust add --name <name>} on the default remote; lxc prints a heading, then the token. */
    private String addToken(String name)
    {
        String output = lxc("operator", "config", "trust", "add", "--name", name).assertSuccess().standardOutput();
        assertThat(output).startsWith("Client " + name + " certificate add token:\n");
        String token = lastLine(output);
        assertThat(TrustTokens.decode(token).clientName()).isEqualTo(name);
        return token;
    }

    /** The fingerprint column of {@code lxc config trust list}: the first 12 characters. */
    private String fingerprintPrefix(String name)
    {
        for (String line : lxc("operator", "config", "trust", "list", "jxd:", "--format", "csv").assertSuccess().standardOutput().split("\n")) {
            String[] columns = line.split(",");
            if (columns.length > 3 && columns[1].equals(name)) {
                return columns[3];
            }
        }
        throw new AssertionError("lxc config trust list does not show " + name);
    }

    private ProcessRunner.Result lxc(String client, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(arguments));
        return ProcessRunner.run(command, environment(client), null, TIMEOUT);
    }

    /** Each client is its own lxc configuration, with its own client certificate. */
    private Map<String, String> environment(String client)
    {
        Path configuration = directory.resolve(client);
        return Map.of("LXD_CONF", configuration.toString(), "HOME", configuration.toString());
    }

    private static String lastLine(String output)
    {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
