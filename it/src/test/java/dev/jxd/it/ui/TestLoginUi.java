package dev.jxd.it.ui;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.jxd.it.ui.UiFixtures.ADMINS;
import static dev.jxd.it.ui.UiSession.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser whose certificate the daemon does not know yet: it gets the login page (the UI's files are public),
 * and redeeming an identity trust token there makes its certificate trusted, with the token's groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestLoginUi
{
    @TempDir
    Path temporary;

    private TestDaemon daemon;
    private UiBrowser browser;

    @BeforeAll
    void start()
    {
        daemon = TestDaemon.start("login");
        UiFixtures.createGroup(daemon, ADMINS, "", List.of(new Permission("server", "/1.0", "admin")));
        browser = UiBrowser.launch();
    }

    @AfterAll
    void stop()
    {
        browser.close();
        daemon.close();
    }

    @Test
    void newcomerRedeemsATokenInTheBrowser()
    {
        BrowserIdentity newcomer = BrowserIdentity.create("newcomer", temporary);
        String token = TrustTokens.encode(daemon.unixClient().post("/1.0/auth/identities/tls", Map.of("name", "newcomer", "token", true, "groups", List.of(ADMINS)))
                .metadataAs(CertificateAddToken.class));

        try (UiSession session = browser.open("login", daemon, Optional.of(newcomer))) {
            session.navigate("/ui/permissions/groups");
            expect(session.heading("Log in to jxd")).isVisible();
            expect(session.page()).hasURL(daemon.url() + "/ui/login");
            session.screenshot("login");

            session.link("I have a token").click();
            expect(session.page()).hasURL(daemon.url() + "/ui/login/certificate-add");
            session.page().getByLabel("Paste the identity trust token below:").fill(token);
            session.screenshot("token");
            session.button("Connect").click();

            expect(session.heading("Cluster links")).isVisible();
            session.screenshot("trusted");
            session.assertNoConsoleErrors();
        }
        String identity = daemon.unixClient().get("/1.0/auth/identities/tls/newcomer").metadata().toString();
        assertThat(identity).contains("\"type\":\"Client certificate\"").contains(newcomer.certificate().fingerprint()).contains(ADMINS);
    }
}
