package dev.jxd.daemon.ui;

import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI in front of a real daemon, over HTTPS and the unix socket: the UI's paths answer whoever asks, and
 * the API keeps its own answers and access rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestUiServing
{
    private static final Map<String, String> FIREFOX = Map.of("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");

    private TestDaemon server;
    /** Whether this build bundles the UI (a build with -Djxd.ui.skip=true does not). */
    private boolean bundled;

    @BeforeAll
    void start()
    {
        server = TestDaemon.start("ui-serving");
        bundled = UiHandler.class.getClassLoader().getResource("webui/index.html") != null;
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    @Test
    void untrustedBrowsersGetTheUiOrThePageSayingItIsOff()
    {
        JxdClient stranger = server.httpsClient(TestDaemon.newClientCertificate("stranger"));
        for (String path : new String[] {"/ui/", "/ui/login", "/ui/cluster/links"}) {
            RawResponse response = stranger.rawRequest("GET", path, null, null, FIREFOX);
            assertThat(response.status()).as(path).isEqualTo(bundled ? 200 : 503);
            assertThat(response.header("Content-Type")).as(path).isEqualTo("text/html; charset=utf-8");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("SAMEORIGIN");
            assertThat(response.header("Content-Security-Policy")).as(path).contains("connect-src 'self' wss://127.0.0.1:" + server.port());
            if (!bundled) {
                assertThat(response.bodyAsString()).contains("The UI is not enabled");
            }
        }
        RawResponse redirect = stranger.rawRequest("GET", "/ui", null, null, Map.of());
        assertThat(redirect.status()).isEqualTo(301);
        assertThat(redirect.header("Location")).endsWith("/ui/");
    }

    @Test
    void theApiKeepsItsAnswersAndRules()
    {
        JxdClient stranger = server.httpsClient(TestDaemon.newClientCertificate("stranger"));
        // "/" for API clients is LXD's list of API versions
        RawResponse root = stranger.rawRequest("GET", "/", null, null, Map.of());
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.bodyAsString()).contains("\"metadata\":[\"/1.0\"]");
        RawResponse browserRoot = stranger.rawRequest("GET", "/", null, null, FIREFOX);
        if (bundled) {
            assertThat(browserRoot.status()).isEqualTo(301);
            assertThat(browserRoot.header("Location")).endsWith("/ui/");
        }
        else {
            assertThat(browserRoot.bodyAsString()).contains("\"metadata\":[\"/1.0\"]");
        }
        // The UI's paths grant nothing on the API's
        assertThat(stranger.rawRequest("GET", "/1.0/auth/groups", null, null, FIREFOX).status()).isEqualTo(403);
        assertThat(stranger.rawRequest("GET", "/1.0", null, null, FIREFOX).bodyAsString()).contains("\"auth\":\"untrusted\"");
        assertThat(server.unixClient().rawRequest("GET", "/1.0", null, null, FIREFOX).bodyAsString()).contains("\"auth\":\"trusted\"");
    }
}
