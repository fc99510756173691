package dev.jxd.it.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.jxd.it.ui.UiFixtures.ADMINS;
import static dev.jxd.it.ui.UiSession.cell;
import static dev.jxd.it.ui.UiSession.exactLabel;
import static dev.jxd.it.ui.UiSession.expect;
import static dev.jxd.it.ui.UiSession.named;
import static dev.jxd.it.ui.UiSession.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groups and what their permissions allow, in the web UI of a real daemon: a group built in the browser holds
 * exactly the permissions jxc then reads back, and a viewer's browser offers no action the viewer may not take.
 */
class TestPermissionsUi
        extends AbstractUiScenario
{
    @Test
    void groupWithAServerAndAProjectPermission()
    {
        TestDaemon daemon = daemon("groups");
        UiFixtures.createGroup(daemon, ADMINS, "", List.of(new Permission("server", "/1.0", "admin")));
        UiSession session = session("groups", daemon, "admin", ADMINS);

        session.navigate("/ui/permissions/groups");
        expect(session.heading("Auth groups")).isVisible();
        session.button("Create group").first().click();
        Locator panel = session.dialog("Create group");
        panel.getByLabel("Name", exactLabel()).fill("operators");
        panel.getByLabel("Description", exactLabel()).fill("Run the servers");

        panel.getByLabel("Entity type", exactLabel()).selectOption("server");
        panel.getByLabel("Entitlement", exactLabel()).selectOption("admin");
        panel.getByRole(AriaRole.BUTTON, named("Add permission")).click();
        panel.getByLabel("Entity type", exactLabel()).selectOption("project");
        panel.getByLabel("Entity", exactLabel()).selectOption(new SelectOption().setLabel("default"));
        panel.getByLabel("Entitlement", exactLabel()).selectOption("can_view");
        panel.getByRole(AriaRole.BUTTON, named("Add permission")).click();

        Locator permissions = panel.getByRole(AriaRole.TABLE, named("Permissions"));
        expect(permissions.getByRole(AriaRole.ROW).filter(UiSession.text("admin"))).hasCount(1);
        expect(permissions.getByRole(AriaRole.ROW).filter(UiSession.text("can_view"))).hasCount(1);
        session.screenshot("permissions");
        panel.getByRole(AriaRole.BUTTON, named("Save group")).click();
        expect(panel).isHidden();

        Locator groups = session.table("Auth groups");
        expect(row(groups, "operators")).isVisible();
        expect(cell(groups, row(groups, "operators"), "Description")).hasText("Run the servers");
        session.screenshot("saved");

        String shown = new JxcProcess(daemon.stateDirectory(), temporary.resolve("jxc")).succeeds("auth", "group", "show", "operators");
        assertThat(shown).startsWith("name: operators\n").contains("description: Run the servers\n");
        assertThat(shown).contains("""
                - entity_type: server
                  url: /1.0
                  entitlement: admin
                """);
        assertThat(shown).contains("""
                - entity_type: project
                  url: /1.0/projects/default
                  entitlement: can_view
                """);
        session.assertNoConsoleErrors();
    }

    @Test
    void viewerSeesTheActionsItMayNotTakeDisabled()
    {
        TestDaemon daemon = daemon("permissions");
        daemon.unixClient().post("/1.0/auth/groups", Map.of("name", "placeholder"));
        daemon.unixClient().post("/1.0/cluster/links", new ClusterLinksPost("peer", ClusterLink.TYPE_BIDIRECTIONAL, "A cluster to be", Map.of(), null, List.of("placeholder"), null, null));
        UiFixtures.createGroup(daemon, "viewers", "Look, do not touch", List.of(
                new Permission("server", "/1.0", "viewer"),
                new Permission("cluster_link", "/1.0/cluster/links/peer", "can_view")));
        UiSession session = session("permissions", daemon, "viewer", "viewers");

        session.navigate("/ui/");
        Locator links = session.table("Cluster links");
        Locator peer = row(links, "peer");
        expect(peer).isVisible();
        Locator create = session.button("Create cluster link").first();
        expect(create).isDisabled();
        expect(create).hasAttribute("title", "You do not have permission to create cluster links");
        Locator edit = peer.getByRole(AriaRole.BUTTON, named("Edit cluster link peer"));
        expect(edit).isDisabled();
        expect(edit).hasAttribute("title", "You do not have permission to edit this cluster link");
        Locator delete = peer.getByRole(AriaRole.BUTTON, named("Delete cluster link peer"));
        expect(delete).isDisabled();
        expect(delete).hasAttribute("title", "You do not have permission to delete this cluster link");
        session.screenshot("viewer-links");
        session.assertNoConsoleErrors();
    }

    private TestDaemon daemon(String name)
    {
        return startDaemon(name);
    }

    private UiSession session(String scenario, TestDaemon daemon, String identityName, String group)
    {
        return openSession(scenario, daemon, identityName, List.of(group));
    }
}
