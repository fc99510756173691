package dev.jxd.it.ui;

import com.microsoft.playwright.options.AriaRole;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinksPost;
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

/** axe-core on the main pages, each with content in it: no violation of critical impact, no console error. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestAccessibility
{
    @TempDir
    static Path temporary;

    private TestDaemon daemon;
    private UiBrowser browser;
    private BrowserIdentity administrator;

    @BeforeAll
    void start()
    {
        daemon = TestDaemon.start("accessibility");
        UiFixtures.prepareLinkGroups(daemon);
        daemon.unixClient().post("/1.0/cluster/links", new ClusterLinksPost("peer", ClusterLink.TYPE_BIDIRECTIONAL, "A cluster to be", Map.of(), null,
                List.of(UiFixtures.LINKED_CLUSTERS), null, null));
        UiFixtures.createGroup(daemon, "auditors", "", List.of(new Permission("server", "/1.0", "viewer")));
        browser = UiBrowser.launch();
        administrator = BrowserIdentity.trusted(daemon, "admin", List.of(ADMINS), temporary.resolve("admin"));
    }

    @AfterAll
    void stop()
    {
        browser.close();
        daemon.close();
    }

    @Test
    void clusterLinks()
    {
        check("/ui/", "Cluster links", "links");
    }

    @Test
    void groups()
    {
        check("/ui/permissions/groups", "Auth groups", "groups");
    }

    @Test
    void identities()
    {
        check("/ui/permissions/identities", "Identities", "identities");
    }

    @Test
    void settings()
    {
        check("/ui/settings", "Settings", "settings");
    }

    @Test
    void login()
    {
        try (UiSession session = browser.open("accessibility/login", daemon, Optional.empty())) {
            session.navigate("/ui/");
            expect(session.heading("Log in to jxd")).isVisible();
            expect(session.page()).hasURL(daemon.url() + "/ui/login");
            session.screenshot("login");
            session.assertAccessible("login");
            session.assertNoConsoleErrors();
        }
    }

    private void check(String path, String heading, String name)
    {
        try (UiSession session = browser.open("accessibility/" + name, daemon, Optional.of(administrator))) {
            session.navigate(path);
            expect(session.heading(heading)).isVisible();
            expect(session.page().getByRole(AriaRole.TABLE).first()).isVisible();
            session.screenshot(name);
            session.assertAccessible(name);
            session.assertNoConsoleErrors();
        }
    }
}
