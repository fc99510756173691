package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.auth.PermissionInfo;
import dev.jxd.api.entity.EntityType;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.jxd.daemon.group.GroupTesting.addTlsIdentity;
import static dev.jxd.daemon.group.GroupTesting.assertApiError;
import static dev.jxd.daemon.group.GroupTesting.permission;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestPermissionApi
{
    private static final TypeReference<List<Permission>> PERMISSIONS = new TypeReference<>() {};
    private static final TypeReference<List<PermissionInfo>> PERMISSION_INFOS = new TypeReference<>() {};
    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::entityType)
            .thenComparing(Permission::url)
            .thenComparing(Permission::entitlement);

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();
    private String clientFingerprint;
    private String legacyFingerprint;

    @BeforeAll
    void createFixtures()
    {
        admin.post("/1.0/projects", Map.of("name", "blue"));
        admin.post("/1.0/auth/groups", new AuthGroupsPost("blue-team", "", List.of(
                permission("server", "/1.0", "viewer"),
                permission("project", "/1.0/projects/blue", "viewer"))));
        admin.post("/1.0/auth/groups", new AuthGroupsPost("blue-operators", "", List.of(permission("project", "/1.0/projects/blue", "viewer"))));
        clientFingerprint = addTlsIdentity(server, "client", TestDaemon.newClientCertificate("client"), IdentityType.CLIENT_CERTIFICATE, "blue-team");
        legacyFingerprint = addTlsIdentity(server, "legacy", TestDaemon.newClientCertificate("legacy"), IdentityType.CLIENT_CERTIFICATE_UNRESTRICTED);
    }

    @Test
    void listsEveryEntitlementOfEveryEntity()
    {
        List<Permission> permissions = admin.getAs("/1.0/auth/permissions", PERMISSIONS);
        assertThat(permissions).isSortedAccordingTo(ORDER).doesNotHaveDuplicates();

        Map<String, Set<String>> urlsByType = permissions.stream()
                .collect(Collectors.groupingBy(Permission::entityType, Collectors.mapping(Permission::url, Collectors.toSet())));
        assertThat(urlsByType).isEqualTo(Map.of(
                "server", Set.of("/1.0"),
                "project", Set.of("/1.0/projects/default", "/1.0/projects/blue"),
                "group", Set.of("/1.0/auth/groups/admins", "/1.0/auth/groups/blue-team", "/1.0/auth/groups/blue-operators"),
                "identity", Set.of("/1.0/auth/identities/tls/" + clientFingerprint, "/1.0/auth/identities/tls/" + legacyFingerprint),
                "certificate", Set.of("/1.0/certificates/" + legacyFingerprint)));

        assertThat(entitlementsOf(permissions, "/1.0")).containsExactlyInAnyOrderElementsOf(EntityType.SERVER.entitlements());
        assertThat(entitlementsOf(permissions, "/1.0/projects/blue")).containsExactlyInAnyOrderElementsOf(EntityType.PROJECT.entitlements());
        assertThat(entitlementsOf(permissions, "/1.0/auth/groups/admins")).containsExactlyInAnyOrder("can_view", "can_edit", "can_delete");
    }

    @Test
    void filtersByEntityTypeAndProject()
    {
        assertThat(admin.getAs("/1.0/auth/permissions?entity-type=project", PERMISSIONS))
                .extracting(Permission::url)
                .containsOnly("/1.0/projects/blue", "/1.0/projects/default");

        List<Permission> inBlue = admin.getAs("/1.0/auth/permissions?project=blue", PERMISSIONS);
        assertThat(inBlue).extracting(Permission::url).containsOnly("/1.0/projects/blue");
        assertThat(inBlue).hasSize(EntityType.PROJECT.entitlements().size());

        // Global entities are not in any project; the server is listed when asked for by type, as LXD does
        assertThat(admin.getAs("/1.0/auth/permissions?project=blue&entity-type=group", PERMISSIONS)).isEmpty();
        assertThat(admin.getAs("/1.0/auth/permissions?project=blue&entity-type=server", PERMISSIONS))
                .extracting(Permission::url)
                .containsOnly("/1.0");
        assertThat(admin.getAs("/1.0/auth/permissions?entity-type=instance", PERMISSIONS)).isEmpty();
        assertThat(admin.getAs("/1.0/auth/permissions?entity-type=", PERMISSIONS)).hasSameSizeAs(admin.getAs("/1.0/auth/permissions", PERMISSIONS));
    }

    @Test
    void recursionAddsTheGroupsHoldingEachPermission()
    {
        List<PermissionInfo> permissions = admin.getAs("/1.0/auth/permissions?recursion=1", PERMISSION_INFOS);
        assertThat(permissions).extracting(info -> new Permission(info.entityType(), info.url(), info.entitlement()))
                .isEqualTo(admin.getAs("/1.0/auth/permissions", PERMISSIONS));

        assertThat(groupsHolding(permissions, "/1.0", "admin")).containsExactly("admins");
        assertThat(groupsHolding(permissions, "/1.0", "viewer")).containsExactly("blue-team");
        assertThat(groupsHolding(permissions, "/1.0/projects/blue", "viewer")).containsExactly("blue-operators", "blue-team");
        assertThat(groupsHolding(permissions, "/1.0/projects/default", "viewer")).isEmpty();

        // An unheld permission has an empty array, not null
        JsonNode raw = admin.get("/1.0/auth/permissions?recursion=1&entity-type=project&project=default").metadata();
        assertThat(raw.size()).isEqualTo(EntityType.PROJECT.entitlements().size());
        for (JsonNode info : raw) {
            assertThat(info.get("groups").isArray()).isTrue();
            assertThat(info.get("groups").isEmpty()).isTrue();
        }
    }

    @Test
    void invalidFiltersAreRejected()
    {
        assertApiError(() -> admin.get("/1.0/auth/permissions?project=missing"), 404, "Project \"missing\" not found");
        assertApiError(() -> admin.get("/1.0/auth/permissions?entity-type=bogus"), 400,
                "Invalid `entity-type` query parameter \"bogus\": Unknown entity type \"bogus\"");
    }

    private static List<String> entitlementsOf(List<Permission> permissions, String url)
    {
        return permissions.stream().filter(permission -> permission.url().equals(url)).map(Permission::entitlement).toList();
    }

    private static List<String> groupsHolding(List<PermissionInfo> permissions, String url, String entitlement)
    {
        return permissions.stream()
                .filter(info -> info.url().equals(url) && info.entitlement().equals(entitlement))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No permission " + entitlement + " on " + url))
                .groups();
    }
}
