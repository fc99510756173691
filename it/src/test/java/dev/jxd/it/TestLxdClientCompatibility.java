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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LXD's own Go client (Debian's lxd-client, lxc 5.0.x; bin/test installs it) adds jxd as a remote with a
 * jxd trust token, then queries it. This is the compatibility contract with real LXD clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestLxdClientCompatibility
{
    private TestDaemon server;

    @TempDir
    Path lxcConfiguration;

    @BeforeAll
    void start()
    {
        assertThat(ProcessRunner.run(List.of("sh", "-c", "command -v lxc"), Map.of(), null, Duration.ofSeconds(10)).exitCode())
                .as("LXD's lxc client must be installed (bin/test installs Debian's lxd-client)")
                .isZero();
        server = TestDaemon.start("jxd-under-lxc");
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    @Test
    void lxcAddsJxdWithATokenThenQueriesItAndListsTrust()
    {
        JxdClient admin = server.unixClient();
        CertificateAddToken token = admin.post("/1.0/auth/identities/tls", Map.of("name", "lxc-user", "token", true, "groups", List.of("admins")))
                .metadataAs(CertificateAddToken.class);
        assertThat(token.fingerprint()).isEqualTo(server.serverFingerprint());

        Map<String, String> environment = Map.of("LXD_CONF", lxcConfiguration.toString(), "HOME", lxcConfiguration.toString());
        ProcessRunner.run(List.of("lxc", "remote", "add", "jxd", TrustTokens.encode(token)), environment, null, Duration.ofSeconds(60)).assertSuccess();

        ProcessRunner.Result query = ProcessRunner.run(List.of("lxc", "query", "jxd:/1.0"), environment, null, Duration.ofSeconds(30)).assertSuccess();
        assertThat(query.standardOutput()).contains("\"auth\": \"trusted\"").contains("\"server_name\": \"jxd-under-lxc\"");

        ProcessRunner.Result trust = ProcessRunner.run(List.of("lxc", "config", "trust", "list", "jxd:", "--format", "csv"), environment, null, Duration.ofSeconds(30)).assertSuccess();
        assertThat(trust.standardOutput()).contains("lxc-user");

        // The identity the token created is an active, fine-grained client certificate
        String identities = admin.get("/1.0/auth/identities/tls?recursion=1").metadata().toString();
        assertThat(identities).contains("\"name\":\"lxc-user\"").contains("\"type\":\"Client certificate\"");
    }

    @Test
    void aSecondUseOfTheSameTokenIsRefused()
    {
        JxdClient admin = server.unixClient();
        CertificateAddToken token = admin.post("/1.0/auth/identities/tls", Map.of("name", "once", "token", true))
                .metadataAs(CertificateAddToken.class);
        Path first = lxcConfiguration.resolve("first");
        Path second = lxcConfiguration.resolve("second");
        ProcessRunner.run(List.of("lxc", "remote", "add", "jxd", TrustTokens.encode(token)), Map.of("LXD_CONF", first.toString(), "HOME", first.toString()), null, Duration.ofSeconds(60))
                .assertSuccess();
        ProcessRunner.Result reuse = ProcessRunner.run(List.of("lxc", "remote", "add", "jxd", TrustTokens.encode(token)),
                Map.of("LXD_CONF", second.toString(), "HOME", second.toString()), null, Duration.ofSeconds(60));
        assertThat(reuse.exitCode()).isNotZero();
        // lxc prints banners first; the refusal is jxd's uniform 403 message
        assertThat(reuse.standardError()).contains("Error: Failed to create certificate: Invalid trust token");
    }
}
