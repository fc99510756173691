package dev.jxd.daemon.link;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.event.Event;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.link.LinkFixtures.LINKS;
import static dev.jxd.daemon.link.LinkFixtures.assertError;
import static dev.jxd.daemon.link.LinkFixtures.createGroup;
import static dev.jxd.daemon.link.LinkFixtures.identities;
import static dev.jxd.daemon.link.LinkFixtures.link;
import static dev.jxd.daemon.link.LinkFixtures.linkBidirectional;
import static dev.jxd.daemon.link.LinkFixtures.linkNames;
import static dev.jxd.daemon.link.LinkFixtures.memberStatuses;
import static dev.jxd.daemon.link.LinkFixtures.pendingToken;
import static dev.jxd.daemon.link.LinkFixtures.setAddresses;
import static org.assertj.core.api.Assertions.assertThat;

/** Managing links once they exist: edits, rename, deletion per type, state, permissions, events, metrics. */
class TestClusterLinkManagement
{
    private TestDaemon clusterA;
    private TestDaemon clusterB;
    private JxdClient adminA;
    private JxdClient adminB;

    @BeforeEach
    void start()
    {
        clusterA = TestDaemon.start("cluster-a");
        clusterB = TestDaemon.start("cluster-b");
        adminA = clusterA.unixClient();
        adminB = clusterB.unixClient();
        createGroup(adminA, "clusters", "server", "/1.0", "admin");
        createGroup(adminB, "clusters", "server", "/1.0", "admin");
        linkBidirectional(clusterA, "cluster_b", clusterB, "cluster_a", "clusters");
    }

    @AfterEach
    void stop()
    {
        clusterA.close();
        clusterB.close();
    }

    @Test
    void putAndPatchEditUserKeysButNeverVolatileOnes()
    {
        ApiResponse current = adminA.get(LINKS + "/cluster_b");
        String addresses = current.metadata().get("config").get("volatile.addresses").asString();
        adminA.put(LINKS + "/cluster_b", Map.of("description", "backup cluster", "config", Map.of("user.a", "1", "volatile.addresses", addresses)), current.etag());
        JsonNode edited = link(adminA, "cluster_b");
        assertThat(edited.get("description").asString()).isEqualTo("backup cluster");
        assertThat(edited.get("config").get("user.a").asString()).isEqualTo("1");

        // A stale ETag is refused
        LinkFixtures.assertErrorStartsWith(() -> adminA.put(LINKS + "/cluster_b", Map.of("description", "x", "config", Map.of("volatile.addresses", addresses)), current.etag()),
                412, "ETag does not match");

        // PATCH keeps what it does not mention; an empty value deletes a key; the description stays when not given
        adminA.patch(LINKS + "/cluster_b", Map.of("config", Map.of("user.b", "2")), null);
        adminA.patch(LINKS + "/cluster_b", Map.of("config", Map.of("user.a", "")), null);
        JsonNode patched = link(adminA, "cluster_b");
        assertThat(patched.get("config").has("user.a")).isFalse();
        assertThat(patched.get("config").get("user.b").asString()).isEqualTo("2");
        assertThat(patched.get("config").get("volatile.addresses").asString()).isEqualTo(addresses);
        assertThat(patched.get("description").asString()).isEqualTo("backup cluster");

        assertError(() -> adminA.patch(LINKS + "/cluster_b", Map.of("config", Map.of("volatile.addresses", "10.0.0.1:8443")), null), 400,
                "Volatile configuration keys cannot be modified");
        assertError(() -> adminA.put(LINKS + "/cluster_b", Map.of("config", Map.of("user.b", "2")), null), 400,
                "Volatile configuration keys cannot be modified");
        assertError(() -> adminA.patch(LINKS + "/cluster_b", Map.of("config", Map.of("core.x", "2")), null), 400,
                "Invalid cluster link configuration key \"core.x\"");
        assertThat(link(adminA, "cluster_b").get("config").get("volatile.addresses").asString()).isEqualTo(addresses);
    }

    @Test
    void renameMovesTheIdentityAndPermissions()
    {
        createGroup(adminA, "viewers", "cluster_link", "/1.0/cluster/links/cluster_b", "can_view");
        adminA.post(LINKS + "/cluster_b", Map.of("name", "backup"));
        assertThat(linkNames(adminA)).containsExactly("backup");
        assertThat(identities(adminA)).containsExactly("backup: Cluster link certificate");
        JsonNode permissions = adminA.get("/1.0/auth/groups/viewers").metadata().get("permissions");
        assertThat(permissions.get(0).get("url").asString()).isEqualTo("/1.0/cluster/links/backup");
        assertError(() -> adminA.post(LINKS + "/backup", Map.of("name", "a/b")), 400, "Cannot contain \"/\"");
        assertError(() -> adminA.get(LINKS + "/cluster_b"), 404, ClusterLinkStore.NOT_FOUND);
        // The renamed link still works
        assertThat(memberStatuses(adminA, "backup")).containsExactly(clusterB.address() + " Active");
    }

    @Test
    void deletingOneSideOfABidirectionalLinkLeavesTheOther()
    {
        createGroup(adminA, "viewers", "cluster_link", "/1.0/cluster/links/cluster_b", "can_view");
        adminA.delete(LINKS + "/cluster_b");
        assertThat(linkNames(adminA)).isEmpty();
        assertThat(identities(adminA)).isEmpty();
        assertThat(adminA.get("/1.0/auth/groups/viewers").metadata().get("permissions").size()).isZero();

        // B still trusts A until B deletes its side; A no longer trusts B
        assertThat(identities(adminB)).containsExactly("cluster_a: Cluster link certificate");
        assertThat(memberStatuses(adminB, "cluster_a")).containsExactly(clusterA.address() + " Unauthenticated");
        adminB.delete(LINKS + "/cluster_a");
        assertThat(identities(adminB)).isEmpty();
    }

    @Test
    void deletingAPendingLinkInvalidatesItsToken()
    {
        String token = pendingToken(adminA, "pending", List.of());
        adminA.delete(LINKS + "/pending");
        assertThat(identities(adminA)).containsExactly("cluster_b: Cluster link certificate");
        try (TestDaemon clusterC = TestDaemon.start("cluster-c")) {
            assertError(() -> LinkFixtures.createWithToken(clusterC.unixClient(), "a", "bidirectional", token, List.of()), 403,
                    "Failed activating cluster link \"a\" after trying 1 address(es): Remote cluster address \"" + clusterA.address() + "\": Invalid trust token");
        }
    }

    @Test
    void stateReportsEachMember()
            throws Exception
    {
        try (ServerSocket blackhole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String dead = "127.0.0.1:" + blackhole.getLocalPort();
            setAddresses(clusterA, "cluster_b", clusterB.address() + "," + dead);
            JsonNode members = adminA.get(LINKS + "/cluster_b/state").metadata().get("cluster_link_members");
            assertThat(members.size()).isEqualTo(2);
            assertThat(members.get(0).get("status").asString()).isEqualTo("Active");
            assertThat(members.get(0).get("server_name").asString()).isEqualTo("cluster-b");
            assertThat(members.get(1).get("address").asString()).isEqualTo(dead);
            assertThat(members.get(1).get("status").asString()).isEqualTo("Unreachable");
            assertThat(members.get(1).get("error").asString()).contains(dead);
        }
        // B revokes A: A's calls are no longer authenticated
        adminB.delete("/1.0/auth/identities/tls/cluster_a");
        assertThat(linkNames(adminB)).isEmpty();
        setAddresses(clusterA, "cluster_b", clusterB.address());
        assertThat(memberStatuses(adminA, "cluster_b")).containsExactly(clusterB.address() + " Unauthenticated");
    }

    @Test
    void linkViewerCanListAndShowButNotChange()
    {
        createGroup(adminA, "viewers", "cluster_link", "/1.0/cluster/links/cluster_b", "can_view");
        CertificateAndKey viewer = TestDaemon.newClientCertificate("viewer");
        adminA.post("/1.0/auth/identities/tls", Map.of("name", "viewer", "certificate", viewer.certificatePem(), "groups", List.of("viewers")));
        LinkFixtures.pendingToken(adminA, "hidden", List.of());
        try (JxdClient client = clusterA.httpsClient(viewer)) {
            assertThat(client.get(LINKS).metadata().toString()).isEqualTo("[\"/1.0/cluster/links/cluster_b\"]");
            assertThat(client.get(LINKS + "/cluster_b").metadata().get("name").asString()).isEqualTo("cluster_b");
            assertThat(client.get(LINKS + "/cluster_b/state").status()).isEqualTo(200);
            assertError(() -> client.get(LINKS + "/hidden"), 404, "Not Found");
            assertError(() -> client.patch(LINKS + "/cluster_b", Map.of("description", "x"), null), 403, "Forbidden");
            assertError(() -> client.post(LINKS + "/cluster_b", Map.of("name", "y")), 403, "Forbidden");
            assertError(() -> client.delete(LINKS + "/cluster_b"), 403, "Forbidden");
            assertError(() -> LinkFixtures.createPending(client, "new", List.of()), 403, "Forbidden");
            JsonNode withEntitlements = client.get(LINKS + "?recursion=1&with-access-entitlements=can_view,can_edit").metadata();
            assertThat(withEntitlements.get(0).get("access_entitlements").toString()).isEqualTo("[\"can_view\"]");
        }
    }

    @Test
    void changesEmitLifecycleEvents()
            throws Exception
    {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (EventSubscription subscription = adminA.events("lifecycle", events::add)) {
            pendingToken(adminA, "other", List.of());
            adminA.patch(LINKS + "/other", Map.of("description", "d"), null);
            adminA.post(LINKS + "/other", Map.of("name", "renamed"));
            adminA.delete(LINKS + "/renamed");
            Map<String, String> seen = new HashMap<>();
            while (seen.size() < 7) {
                Event event = events.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("lifecycle event").isNotNull();
                JsonNode metadata = event.metadata();
                seen.put(metadata.get("action").asString(), metadata.get("source").asString());
            }
            assertThat(seen).containsEntry("cluster-link-created", "/1.0/cluster/links/other")
                    .containsEntry("cluster-link-updated", "/1.0/cluster/links/other")
                    .containsEntry("cluster-link-renamed", "/1.0/cluster/links/renamed")
                    .containsEntry("cluster-link-deleted", "/1.0/cluster/links/renamed")
                    .containsKeys("identity-created", "identity-updated", "identity-deleted");
        }
    }

    @Test
    void metricsShowLinkHealth()
    {
        memberStatuses(adminA, "cluster_b");
        RawResponse response = adminA.rawRequest("GET", "/1.0/metrics", null, null, Map.of());
        assertThat(response.status()).isEqualTo(200);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("jxd_cluster_link_member_up{")
                .contains("link=\"cluster_b\"")
                .contains("address=\"" + clusterB.address() + "\"");
    }

    @Test
    void probingChangesStatusAndEmitsAnEvent()
            throws Exception
    {
        assertThat(memberStatuses(adminA, "cluster_b")).containsExactly(clusterB.address() + " Active");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (EventSubscription subscription = adminA.events("lifecycle", events::add)) {
            adminB.put("/1.0", Map.of("config", Map.of()), null);
            // The prober runs once core.cluster_link_health_interval has passed on the daemon's clock
            clusterA.clock().advance(Duration.ofSeconds(31));
            Event event;
            do {
                event = events.poll(20, TimeUnit.SECONDS);
                assertThat(event).as("status change event").isNotNull();
            }
            while (!event.metadata().get("action").asString().equals(ClusterLinkEvents.MEMBER_STATUS_CHANGED));
            JsonNode context = event.metadata().get("context");
            assertThat(context.get("status").asString()).isEqualTo("Unreachable");
            assertThat(context.get("old_status").asString()).isEqualTo("Active");
            assertThat(context.get("address").asString()).isEqualTo(clusterB.address());
        }
    }
}
