package dev.jxd.it.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static dev.jxd.it.ui.UiFixtures.ADMINS;
import static dev.jxd.it.ui.UiFixtures.LINKED_CLUSTERS;
import static dev.jxd.it.ui.UiSession.cell;
import static dev.jxd.it.ui.UiSession.exactLabel;
import static dev.jxd.it.ui.UiSession.expect;
import static dev.jxd.it.ui.UiSession.named;
import static dev.jxd.it.ui.UiSession.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LXD's guide "How to create cluster links" done in the web UI of two real daemons on loopback, each browser
 * presenting a certificate its daemon trusts: the bidirectional flow with a token generated on one side and
 * redeemed on the other, and the unidirectional flow through a cluster-link identity.
 */
class TestClusterLinkUi
        extends AbstractUiScenario
{
    @Test
    void bidirectionalLinkWithATokenFromEachSide()
    {
        TestDaemon a = daemon("cluster-a");
        TestDaemon b = daemon("cluster-b");
        UiSession onA = session("bidirectional", a, "admin-a");
        UiSession onB = session("bidirectional", b, "admin-b");

        // On A: generate a token for B
        onA.navigate("/ui/");
        expect(onA.heading("Cluster links")).isVisible();
        onA.screenshot("links-empty");
        onA.button("Create cluster link").first().click();
        Locator create = onA.dialog("Create cluster link");
        create.getByRole(AriaRole.BUTTON, named("Bidirectional")).click();
        create.getByLabel("Token setup").selectOption("generate");
        create.getByLabel("Cluster link name", exactLabel()).fill("cluster_b");
        create.getByLabel("Description", exactLabel()).fill("The B cluster");
        create.getByRole(AriaRole.CHECKBOX, named(LINKED_CLUSTERS)).check();
        onA.screenshot("create-generate");
        create.getByRole(AriaRole.BUTTON, named("Create link")).click();

        Locator created = onA.dialogWithHeading("Cluster link cluster_b created");
        expect(created).isVisible();
        String token = created.getByLabel("Trust token").innerText().strip();
        assertThat(token).isNotEmpty();
        Locator done = created.getByRole(AriaRole.BUTTON, named("Done"));
        expect(done).isDisabled();
        created.getByRole(AriaRole.BUTTON, named("Copy token")).click();
        assertThat(onA.clipboard()).isEqualTo(token);
        Locator copied = created.getByRole(AriaRole.CHECKBOX, named("I have copied the token"));
        copied.check();
        expect(copied).isChecked();
        onA.screenshot("token");
        done.click();
        expect(created).isHidden();

        Locator linksOnA = onA.table("Cluster links");
        Locator rowOnA = row(linksOnA, "cluster_b");
        expect(cell(linksOnA, rowOnA, "Status")).hasText("Pending");
        expect(cell(linksOnA, rowOnA, "Description")).hasText("The B cluster");
        expect(cell(linksOnA, rowOnA, "Auth groups")).containsText(LINKED_CLUSTERS);
        onA.screenshot("pending");
        // Proves below that A's page is the same document all along: no reload, the events websocket did it
        onA.page().evaluate("() => { window.jxdNotReloaded = true; }");
        int framesBefore = onA.eventFrames().size();

        // On B: redeem A's token
        onB.navigate("/ui/");
        onB.button("Create cluster link").first().click();
        Locator redeem = onB.dialog("Create cluster link");
        redeem.getByRole(AriaRole.BUTTON, named("Bidirectional")).click();
        redeem.getByLabel("Token setup").selectOption("consume");
        redeem.getByLabel("Token", exactLabel()).fill(token);
        redeem.getByLabel("Cluster link name", exactLabel()).fill("cluster_a");
        redeem.getByRole(AriaRole.CHECKBOX, named(LINKED_CLUSTERS)).check();
        onB.screenshot("create-with-token");
        redeem.getByRole(AriaRole.BUTTON, named("Create link")).click();
        expect(redeem).isHidden();

        Locator linksOnB = onB.table("Cluster links");
        expect(cell(linksOnB, row(linksOnB, "cluster_a"), "Status")).hasText("Active");
        expect(cell(linksOnB, row(linksOnB, "cluster_a"), "Addresses")).containsText(a.address());
        onB.screenshot("active");

        expect(cell(linksOnA, rowOnA, "Status")).hasText("Active");
        expect(cell(linksOnA, rowOnA, "Addresses")).containsText(b.address());
        assertThat(onA.page().evaluate("() => window.jxdNotReloaded === true")).isEqualTo(true);
        assertThat(onA.eventFrames().subList(framesBefore, onA.eventFrames().size()))
                .as("lifecycle events A's page received while B redeemed the token")
                .anySatisfy(frame -> assertThat(frame).contains("\"type\":\"lifecycle\"").containsPattern("\"action\":\"(cluster-link|identity)-"));
        onA.screenshot("active-without-reload");

        onA.assertNoConsoleErrors();
        onB.assertNoConsoleErrors();
    }

    @Test
    void unidirectionalLinkThroughAClusterLinkIdentity()
    {
        TestDaemon a = daemon("cluster-a");
        TestDaemon b = daemon("cluster-b");
        UiSession onA = session("unidirectional", a, "admin-a");
        UiSession onB = session("unidirectional", b, "admin-b");

        // On B: the pending cluster-link identity A will use
        onB.navigate("/ui/permissions/identities");
        expect(onB.heading("Identities")).isVisible();
        onB.button("Create identity").first().click();
        Locator create = onB.dialog("Create identity");
        create.getByRole(AriaRole.BUTTON, named("Cluster link certificate")).click();
        create.getByLabel("Name", exactLabel()).fill("cluster_a");
        create.getByRole(AriaRole.CHECKBOX, named(LINKED_CLUSTERS)).check();
        onB.screenshot("create-identity");
        create.getByRole(AriaRole.BUTTON, named("Create identity")).click();

        Locator created = onB.dialogWithHeading("Identity cluster_a created");
        expect(created).isVisible();
        String token = created.getByLabel("Trust token").innerText().strip();
        created.getByRole(AriaRole.BUTTON, named("Copy token")).click();
        assertThat(onB.clipboard()).isEqualTo(token);
        created.getByRole(AriaRole.CHECKBOX, named("I have copied the token")).check();
        onB.screenshot("identity-token");
        created.getByRole(AriaRole.BUTTON, named("Done")).click();
        expect(created).isHidden();

        // On A: the link, with B's token
        onA.navigate("/ui/");
        onA.button("Create cluster link").first().click();
        Locator link = onA.dialog("Create cluster link");
        link.getByRole(AriaRole.BUTTON, named("Unidirectional")).click();
        expect(link.getByLabel("Token setup")).hasCount(0);
        link.getByLabel("Token", exactLabel()).fill(token);
        link.getByLabel("Cluster link name", exactLabel()).fill("cluster_b");
        onA.screenshot("create-unidirectional");
        link.getByRole(AriaRole.BUTTON, named("Create link")).click();
        expect(link).isHidden();

        Locator links = onA.table("Cluster links");
        Locator rowOnA = row(links, "cluster_b");
        expect(cell(links, rowOnA, "Status")).hasText("Active");
        expect(cell(links, rowOnA, "Type")).hasText(Pattern.compile("unidirectional", Pattern.CASE_INSENSITIVE));
        onA.screenshot("active");

        // B sees A's certificate as an active cluster-link identity
        onB.navigate("/ui/permissions/identities");
        expect(row(onB.table("Identities"), "cluster_a")).containsText("Cluster link certificate");
        expect(row(onB.table("Identities"), "cluster_a")).not().containsText("pending");
        onB.screenshot("identity-active");

        onA.assertNoConsoleErrors();
        onB.assertNoConsoleErrors();
    }

    private TestDaemon daemon(String name)
    {
        TestDaemon daemon = startDaemon(name);
        UiFixtures.prepareLinkGroups(daemon);
        return daemon;
    }

    private UiSession session(String scenario, TestDaemon daemon, String identityName)
    {
        return openSession(scenario, daemon, identityName, List.of(ADMINS));
    }
}
