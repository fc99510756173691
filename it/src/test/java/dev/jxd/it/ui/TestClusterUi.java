package dev.jxd.it.ui;

import com.microsoft.playwright.Locator;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.operation.Operation;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.jxd.it.ui.UiFixtures.ADMINS;
import static dev.jxd.it.ui.UiSession.cell;
import static dev.jxd.it.ui.UiSession.expect;
import static dev.jxd.it.ui.UiSession.row;

/**
 * The web UI of a real two-member cluster: the navigation switches to Clustering, whose Members page lists
 * both members with their status and roles, and Links moves under it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestClusterUi
{
    @TempDir
    Path temporary;

    private UiBrowser browser;
    private TestDaemon first;
    private TestDaemon second;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    void start()
    {
        browser = UiBrowser.launch();
        first = TestDaemon.start("ui-cluster");
        UiFixtures.createGroup(first, ADMINS, "", List.of(new Permission("server", "/1.0", "admin")));
        JxdClient admin = first.unixClient();
        admin.waitForSuccess(admin.put("/1.0/cluster", ClusterPut.enable("m1"), null).operationUrl(), Duration.ofSeconds(60));
        Operation token = admin.post("/1.0/cluster/members", new ClusterMembersPost("m2")).metadataAs(Operation.class);
        Map<String, Object> metadata = token.metadata();
        @SuppressWarnings("unchecked")
        List<String> addresses = (List<String>) metadata.get("addresses");
        second = TestDaemon.join(ClusterJoinTokens.encode(new ClusterMemberJoinToken((String) metadata.get("serverName"), (String) metadata.get("secret"),
                (String) metadata.get("fingerprint"), addresses, Instant.parse((String) metadata.get("expiresAt")))));
    }

    @AfterAll
    void stop()
            throws Exception
    {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        browser.close();
        if (second != null) {
            second.close();
        }
        first.close();
    }

    @Test
    void clusteringMenuListsTheMembersAndHoldsTheLinks()
    {
        // The identity was created before clustering, on m1: the cluster knows it everywhere, so it logs in on m2
        BrowserIdentity identity = BrowserIdentity.trusted(first, "operator", List.of(ADMINS), temporary.resolve("operator"));
        UiSession session = browser.open("cluster-members", second, Optional.of(identity));
        opened.add(session);

        session.navigate("/ui/");
        session.button("Clustering").click();
        session.link("Members").click();
        expect(session.heading("Cluster members")).isVisible();
        Locator members = session.table("Cluster members");
        for (String name : List.of("m1", "m2")) {
            Locator member = row(members, name);
            expect(cell(members, member, "Status")).hasText("Online");
            expect(cell(members, member, "Roles")).containsText("database");
        }
        expect(cell(members, row(members, "m2"), "URL")).containsText(second.address());
        expect(members.getByText("database-leader")).hasCount(1);
        session.screenshot("members");
        session.assertAccessible("members");

        session.link("Links").click();
        expect(session.heading("Cluster links")).isVisible();
        session.screenshot("links");
        session.assertNoConsoleErrors();
    }
}
