package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPost;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.event.Event;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.group.GroupTesting.addTlsIdentity;
import static dev.jxd.daemon.group.GroupTesting.assertApiError;
import static dev.jxd.daemon.group.GroupTesting.assertApiStatus;
import static dev.jxd.daemon.group.GroupTesting.permission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestGroupApi
{
    private static final Permission SERVER_VIEWER = permission("server", "/1.0", "viewer");
    private static final Permission DEFAULT_OPERATOR = permission("project", "/1.0/projects/default", "operator");
    private static final Permission DEFAULT_VIEWER = permission("project", "/1.0/projects/default", "viewer");
    private static final String ETAG_MISMATCH_PREFIX = "ETag does not match: ";

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @Test
    void createShowListRenameDelete()
    {
        ApiResponse created = admin.post("/1.0/auth/groups", new AuthGroupsPost("ops", "Operations", List.of(SERVER_VIEWER, DEFAULT_OPERATOR)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/1.0/auth/groups/ops");
        assertThat(created.metadata().isNull()).isTrue();

        ApiResponse shown = admin.get("/1.0/auth/groups/ops");
        assertThat(shown.etag()).isNotBlank();
        JsonNode json = shown.metadata();
        assertThat(json.get("permissions").isArray()).isTrue();
        assertThat(json.get("identity_provider_groups").isArray()).isTrue();
        assertThat(json.get("identities").isObject()).isTrue();
        assertThat(json.has("access_entitlements")).isFalse();
        // Sorted by entity type, URL, entitlement
        assertThat(shown.metadataAs(AuthGroup.class)).isEqualTo(new AuthGroup(null, "ops", "Operations", List.of(DEFAULT_OPERATOR, SERVER_VIEWER), Map.of(), List.of()));

        assertThat(admin.getAs("/1.0/auth/groups", new TypeReference<List<String>>() {}))
                .contains("/1.0/auth/groups/admins", "/1.0/auth/groups/ops");
        admin.post("/1.0/auth/groups", new AuthGroupsPost("empty", null, null));
        List<AuthGroup> groups = admin.getAs("/1.0/auth/groups?recursion=1", new TypeReference<List<AuthGroup>>() {});
        assertThat(groups).contains(
                new AuthGroup(null, "admins", "Server administrators", List.of(permission("server", "/1.0", "admin")), Map.of(), List.of()),
                new AuthGroup(null, "ops", "Operations", List.of(DEFAULT_OPERATOR, SERVER_VIEWER), Map.of(), List.of()));
        // An empty permission set is an empty array in lists too, not null
        JsonNode empty = findGroup(admin.get("/1.0/auth/groups?recursion=1").metadata(), "empty");
        assertThat(empty.get("permissions").isArray()).isTrue();
        assertThat(empty.get("permissions").isEmpty()).isTrue();

        ApiResponse renamed = admin.post("/1.0/auth/groups/ops", new AuthGroupPost("operations"));
        assertThat(renamed.status()).isEqualTo(201);
        assertThat(renamed.location()).isEqualTo("/1.0/auth/groups/operations");
        assertApiError(() -> admin.get("/1.0/auth/groups/ops"), 404, "Authorization group not found");
        assertThat(admin.getAs("/1.0/auth/groups/operations", AuthGroup.class).permissions()).containsExactly(DEFAULT_OPERATOR, SERVER_VIEWER);

        admin.delete("/1.0/auth/groups/operations");
        assertApiError(() -> admin.get("/1.0/auth/groups/operations"), 404, "Authorization group not found");
        assertApiError(() -> admin.delete("/1.0/auth/groups/operations"), 404, "Authorization group not found");
        assertThat(admin.getAs("/1.0/auth/groups", new TypeReference<List<String>>() {})).doesNotContain("/1.0/auth/groups/operations");
    }

    @Test
    void renameAndDeleteRewritePermissionsOnTheGroup()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost("target", "", List.of()));
        Permission onTarget = permission("group", "/1.0/auth/groups/target", "can_edit");
        admin.post("/1.0/auth/groups", new AuthGroupsPost("managers", "", List.of(onTarget, SERVER_VIEWER)));

        admin.post("/1.0/auth/groups/target", new AuthGroupPost("renamed-target"));
        assertThat(admin.getAs("/1.0/auth/groups/managers", AuthGroup.class).permissions())
                .containsExactly(permission("group", "/1.0/auth/groups/renamed-target", "can_edit"), SERVER_VIEWER);

        admin.delete("/1.0/auth/groups/renamed-target");
        assertThat(admin.getAs("/1.0/auth/groups/managers", AuthGroup.class).permissions()).containsExactly(SERVER_VIEWER);
    }

    @Test
    void putReplacesAndPatchOnlyAdds()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost("editable", "Before", List.of(SERVER_VIEWER)));
        Permission viewPermissions = permission("server", "/1.0", "can_view_permissions");

        admin.patch("/1.0/auth/groups/editable", new AuthGroupPut("", List.of(viewPermissions, SERVER_VIEWER)), null);
        assertThat(admin.getAs("/1.0/auth/groups/editable", AuthGroup.class))
                .isEqualTo(new AuthGroup(null, "editable", "Before", List.of(viewPermissions, SERVER_VIEWER), Map.of(), List.of()));

        // Leaving a permission out of a PATCH never removes it
        admin.patch("/1.0/auth/groups/editable", new AuthGroupPut("After", List.of()), null);
        assertThat(admin.getAs("/1.0/auth/groups/editable", AuthGroup.class))
                .isEqualTo(new AuthGroup(null, "editable", "After", List.of(viewPermissions, SERVER_VIEWER), Map.of(), List.of()));

        admin.put("/1.0/auth/groups/editable", new AuthGroupPut("", List.of(DEFAULT_VIEWER)), null);
        assertThat(admin.getAs("/1.0/auth/groups/editable", AuthGroup.class))
                .isEqualTo(new AuthGroup(null, "editable", "", List.of(DEFAULT_VIEWER), Map.of(), List.of()));

        admin.put("/1.0/auth/groups/editable", new AuthGroupPut(null, null), null);
        assertThat(admin.getAs("/1.0/auth/groups/editable", AuthGroup.class).permissions()).isEmpty();
    }

    @Test
    void patchCountsHeldPermissionsTowardsViewingProjects()
    {
        Permission editDefault = permission("project", "/1.0/projects/default", "can_edit");
        admin.post("/1.0/auth/groups", new AuthGroupsPost("patch-viewer", "", List.of(DEFAULT_VIEWER)));
        admin.patch("/1.0/auth/groups/patch-viewer", new AuthGroupPut("", List.of(editDefault)), null);
        assertThat(admin.getAs("/1.0/auth/groups/patch-viewer", AuthGroup.class).permissions()).containsExactly(editDefault, DEFAULT_VIEWER);

        admin.post("/1.0/auth/groups", new AuthGroupsPost("patch-blind", "", List.of()));
        assertApiError(() -> admin.patch("/1.0/auth/groups/patch-blind", new AuthGroupPut("", List.of(editDefault)), null), 400,
                "Entitlement \"can_edit\" on entity type \"project\" references project \"default\", but the project cannot be viewed by the group");
        assertThat(admin.getAs("/1.0/auth/groups/patch-blind", AuthGroup.class).permissions()).isEmpty();
    }

    @Test
    void updatesHonourEtags()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost("tagged", "v1", List.of()));
        String etag = admin.getEtag("/1.0/auth/groups/tagged");
        assertThat(admin.getEtag("/1.0/auth/groups/tagged")).isEqualTo(etag);

        assertThatEtagMismatch(() -> admin.put("/1.0/auth/groups/tagged", new AuthGroupPut("v2", List.of()), "\"not-the-etag\""));
        assertThatEtagMismatch(() -> admin.patch("/1.0/auth/groups/tagged", new AuthGroupPut("v2", List.of()), "not-the-etag"));
        assertThat(admin.getAs("/1.0/auth/groups/tagged", AuthGroup.class).description()).isEqualTo("v1");

        admin.put("/1.0/auth/groups/tagged", new AuthGroupPut("v2", List.of()), etag);
        assertThat(admin.getAs("/1.0/auth/groups/tagged", AuthGroup.class).description()).isEqualTo("v2");
        String newEtag = admin.getEtag("/1.0/auth/groups/tagged");
        assertThat(newEtag).isNotEqualTo(etag);

        // The first tag is stale now
        assertThatEtagMismatch(() -> admin.patch("/1.0/auth/groups/tagged", new AuthGroupPut("v3", List.of()), etag));
        admin.patch("/1.0/auth/groups/tagged", new AuthGroupPut("v3", List.of()), newEtag);
        assertThat(admin.getAs("/1.0/auth/groups/tagged", AuthGroup.class).description()).isEqualTo("v3");
    }

    @Test
    void adminsGroupIsProtected()
    {
        AuthGroup before = admin.getAs("/1.0/auth/groups/admins", AuthGroup.class);
        assertThat(before.permissions()).containsExactly(permission("server", "/1.0", "admin"));

        assertApiError(() -> admin.put("/1.0/auth/groups/admins", new AuthGroupPut("", List.of()), null), 400, "The admins group cannot be modified");
        assertApiError(() -> admin.patch("/1.0/auth/groups/admins", new AuthGroupPut("x", List.of(SERVER_VIEWER)), null), 400, "The admins group cannot be modified");
        assertApiError(() -> admin.post("/1.0/auth/groups/admins", new AuthGroupPost("root")), 400, "The admins group cannot be renamed");
        assertApiError(() -> admin.delete("/1.0/auth/groups/admins"), 400, "The admins group cannot be deleted");

        assertThat(admin.getAs("/1.0/auth/groups/admins", AuthGroup.class)).isEqualTo(before);
        assertApiError(() -> admin.get("/1.0/auth/groups/root"), 404, "Authorization group not found");
    }

    @Test
    void invalidNamesAndDuplicatesAreRejected()
    {
        List<String> before = groupUrls();
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", "")), 400, "Group name cannot be empty");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of()), 400, "Group name cannot be empty");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", "a/b")), 400, "Group name cannot contain a forward slash");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", "a:b")), 400, "Group name cannot contain a colon");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", "bad\u0001name")), 400, "Group name cannot contain control characters");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", "..")), 400, "Group name cannot be \".\" or \"..\"");
        assertApiError(() -> admin.post("/1.0/auth/groups", Map.of("name", ".")), 400, "Group name cannot be \".\" or \"..\"");
        assertApiStatus(() -> admin.post("/1.0/auth/groups", Map.of("name", "x", "unknown", "field")), 400);
        assertThat(groupUrls()).isEqualTo(before);

        admin.post("/1.0/auth/groups", new AuthGroupsPost("first", "", List.of()));
        admin.post("/1.0/auth/groups", new AuthGroupsPost("second", "", List.of()));
        assertApiError(() -> admin.post("/1.0/auth/groups", new AuthGroupsPost("first", "again", List.of(SERVER_VIEWER))), 409,
                "Authorization group \"first\" already exists");
        assertApiError(() -> admin.post("/1.0/auth/groups/second", new AuthGroupPost("first")), 409, "Authorization group \"first\" already exists");
        assertApiError(() -> admin.post("/1.0/auth/groups/second", new AuthGroupPost("a:b")), 400, "Group name cannot contain a colon");
        assertApiError(() -> admin.post("/1.0/auth/groups/second", new AuthGroupPost("")), 400, "Group name cannot be empty");
        assertApiError(() -> admin.post("/1.0/auth/groups/missing", new AuthGroupPost("fine")), 404, "Authorization group not found");
        assertThat(admin.getAs("/1.0/auth/groups/first", AuthGroup.class).permissions()).isEmpty();
        assertThat(admin.getAs("/1.0/auth/groups/second", AuthGroup.class).name()).isEqualTo("second");
    }

    @Test
    void groupNamesAreEscapedInUrls()
    {
        ApiResponse created = admin.post("/1.0/auth/groups", new AuthGroupsPost("team blue", "", List.of()));
        assertThat(created.location()).isEqualTo("/1.0/auth/groups/team%20blue");
        assertThat(admin.getAs("/1.0/auth/groups/team%20blue", AuthGroup.class).name()).isEqualTo("team blue");
        assertThat(groupUrls()).contains("/1.0/auth/groups/team%20blue");

        // Two spellings of the same URL are one permission, stored in canonical form
        admin.post("/1.0/auth/groups", new AuthGroupsPost("team-lead", "", List.of(
                permission("group", "/1.0/auth/groups/team blue", "can_edit"),
                permission("group", "/1.0/auth/groups/team%20blue", "can_edit"),
                SERVER_VIEWER,
                SERVER_VIEWER)));
        assertThat(admin.getAs("/1.0/auth/groups/team-lead", AuthGroup.class).permissions())
                .containsExactly(permission("group", "/1.0/auth/groups/team%20blue", "can_edit"), SERVER_VIEWER);
    }

    @Test
    void changesEmitLifecycleAndSecurityEvents()
            throws InterruptedException
    {
        // An administrator certificate over HTTPS watches the changes the unix socket user makes
        CertificateAndKey watcherCertificate = TestDaemon.newClientCertificate("watcher");
        addTlsIdentity(server, "watcher", watcherCertificate, IdentityType.CLIENT_CERTIFICATE_UNRESTRICTED);
        BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        EventSubscription subscription = server.httpsClient(watcherCertificate).events("lifecycle,security", received::add);
        try {
            admin.post("/1.0/auth/groups", new AuthGroupsPost("evented", "", List.of()));
            admin.put("/1.0/auth/groups/evented", new AuthGroupPut("changed", List.of()), null);
            admin.post("/1.0/auth/groups/evented", new AuthGroupPost("evented-2"));
            admin.delete("/1.0/auth/groups/evented-2");

            List<String> lifecycle = new ArrayList<>();
            List<String> security = new ArrayList<>();
            while (lifecycle.size() < 4 || security.size() < 4) {
                Event event = received.poll(30, TimeUnit.SECONDS);
                assertThat(event).as("events so far: %s %s", lifecycle, security).isNotNull();
                JsonNode metadata = event.metadata();
                if (event.type().equals("lifecycle")) {
                    String context = metadata.has("context") ? " " + metadata.get("context") : "";
                    lifecycle.add(metadata.get("action").asString() + " " + metadata.get("source").asString() + context);
                    assertThat(metadata.get("requestor").get("protocol").asString()).isEqualTo("unix");
                }
                else {
                    security.add(metadata.get("name").asString());
                }
            }
            assertThat(lifecycle).containsExactly(
                    "auth-group-created /1.0/auth/groups/evented",
                    "auth-group-updated /1.0/auth/groups/evented",
                    "auth-group-renamed /1.0/auth/groups/evented-2 {\"old_name\":\"evented\"}",
                    "auth-group-deleted /1.0/auth/groups/evented-2");
            assertThat(security).containsExactly(
                    "authz_admin:group_create:evented",
                    "authz_admin:group_edit:evented",
                    "authz_admin:group_edit:evented-2",
                    "authz_admin:group_delete:evented-2");
        }
        finally {
            subscription.close();
        }
    }

    private List<String> groupUrls()
    {
        return admin.getAs("/1.0/auth/groups", new TypeReference<List<String>>() {});
    }

    private static JsonNode findGroup(JsonNode groups, String name)
    {
        for (JsonNode group : groups) {
            if (group.get("name").asString().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("No group " + name + " in " + groups);
    }

    private static void assertThatEtagMismatch(ThrowingCallable call)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(412);
                    assertThat(exception.getMessage()).startsWith(ETAG_MISMATCH_PREFIX)
                            .endsWith(". The configuration has been modified since this change began. Please retrieve the updated configuration before proceeding.");
                });
    }
}
