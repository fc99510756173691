package dev.jxd.daemon.auth.model;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.jxd.api.entity.EntityType.CERTIFICATE;
import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static dev.jxd.api.entity.EntityType.GROUP;
import static dev.jxd.api.entity.EntityType.IDENTITY;
import static dev.jxd.api.entity.EntityType.IDENTITY_PROVIDER_GROUP;
import static dev.jxd.api.entity.EntityType.IMAGE;
import static dev.jxd.api.entity.EntityType.IMAGE_ALIAS;
import static dev.jxd.api.entity.EntityType.INSTANCE;
import static dev.jxd.api.entity.EntityType.INSTANCE_BACKUP;
import static dev.jxd.api.entity.EntityType.INSTANCE_SNAPSHOT;
import static dev.jxd.api.entity.EntityType.PLACEMENT_GROUP;
import static dev.jxd.api.entity.EntityType.PROFILE;
import static dev.jxd.api.entity.EntityType.REPLICATOR;
import static dev.jxd.api.entity.EntityType.SERVER;
import static dev.jxd.api.entity.EntityType.STORAGE_POOL;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionIndexTest
{
    private static final String ME = "/1.0/auth/identities/tls/aaaa";
    private static final String OTHER = "/1.0/auth/identities/tls/bbbb";

    private static final String SERVER_URL = "/1.0";
    private static final String P1 = "/1.0/projects/p1";
    private static final String P2 = "/1.0/projects/p2";
    private static final String C1 = "/1.0/instances/c1?project=p1";
    private static final String C2 = "/1.0/instances/c2?project=p1";
    private static final String C1_IN_P2 = "/1.0/instances/c1?project=p2";
    private static final String SNAPSHOT = "/1.0/instances/c1/snapshots/s1?project=p1";
    private static final String BACKUP = "/1.0/instances/c1/backups/b1?project=p1";
    private static final String LINK = "/1.0/cluster/links/lxd_two";
    private static final String OTHER_LINK = "/1.0/cluster/links/lxd_three";
    private static final String REPLICATOR_URL = "/1.0/replicators/r1?project=p1";
    private static final String VOLUME = "/1.0/storage-pools/default/volumes/custom/v1?project=p1";
    private static final String VOLUME_SNAPSHOT = "/1.0/storage-pools/default/volumes/custom/v1/snapshots/s1?project=p1";
    private static final String VOLUME_BACKUP = "/1.0/storage-pools/default/volumes/custom/v1/backups/b1?project=p1";
    private static final String POOL = "/1.0/storage-pools/default";

    private static final List<String> SERVER_VIEWER_ENTITLEMENTS = List.of("can_view_identities", "can_view_groups",
            "can_view_identity_provider_groups", "can_view_projects", "can_view_events", "can_view_operations",
            "can_view_resources", "can_view_metrics", "can_view_warnings", "can_view_unmanaged_networks",
            "can_view_cluster_links");

    record Row(String grantUrl, String grantEntitlement, String checkUrl, String checkEntitlement, boolean expected)
    {
        @Override
        public String toString()
        {
            return "%s%s on %s => %s on %s".formatted(expected ? "" : "NOT ", grantEntitlement, grantUrl, checkEntitlement, checkUrl);
        }
    }

    @ParameterizedTest
    @MethodSource("grantableEntitlements")
    void directGrantHoldsOnlyOnItsEntity(EntityType type, String entitlement)
    {
        EntityUrl entity = sample(type, "1");
        PermissionIndex index = singleGrant(entity.url(), entitlement);
        assertThat(index.check(ME, entity, entitlement)).isTrue();
        assertThat(index.check(OTHER, entity, entitlement)).isFalse();
        if (type != SERVER) {
            assertThat(index.check(ME, sample(type, "2"), entitlement)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("implicationRows")
    void implications(Row row)
    {
        PermissionIndex index = singleGrant(row.grantUrl(), row.grantEntitlement());
        assertThat(index.check(ME, EntityUrl.parse(row.checkUrl()), row.checkEntitlement())).isEqualTo(row.expected());
    }

    @Test
    void nothingWithoutGroups()
    {
        PermissionIndex index = PermissionIndex.build(Map.of(ME, List.of()), Map.of("g", List.of(new Grant(SERVER_URL, "admin"))));
        assertThat(index.check(ME, EntityUrl.server(), "can_edit")).isFalse();
        assertThat(index.check(ME, EntityUrl.project("default"), "can_view")).isFalse();
        assertThat(PermissionIndex.empty().check(ME, EntityUrl.clusterLink("x"), "can_view")).isFalse();
    }

    @Test
    void identitiesMayViewAndDeleteThemselves()
    {
        PermissionIndex index = PermissionIndex.build(Map.of(ME, List.of("g")), Map.of());
        EntityUrl self = EntityUrl.parse(ME);
        assertThat(index.check(ME, self, "can_view")).isTrue();
        assertThat(index.check(ME, self, "can_delete")).isTrue();
        assertThat(index.check(ME, self, "can_edit")).isFalse();
        assertThat(index.check(ME, EntityUrl.parse(OTHER), "can_view")).isFalse();
        // The same holds for identities the index does not know
        assertThat(index.check(OTHER, EntityUrl.parse(OTHER), "can_delete")).isTrue();
        assertThat(index.check(OTHER, self, "can_view")).isFalse();
        // Certificates are not identities for this purpose
        assertThat(index.check(ME, EntityUrl.parse("/1.0/certificates/aaaa"), "can_view")).isFalse();
    }

    @Test
    void membersMayViewTheirGroups()
    {
        PermissionIndex index = PermissionIndex.build(Map.of(ME, List.of("g1", "g3")), Map.of("g1", List.of(), "g2", List.of()));
        assertThat(index.check(ME, EntityUrl.group("g1"), "can_view")).isTrue();
        assertThat(index.check(ME, EntityUrl.group("g3"), "can_view")).isTrue();
        assertThat(index.check(ME, EntityUrl.group("g1"), "can_edit")).isFalse();
        assertThat(index.check(ME, EntityUrl.group("g2"), "can_view")).isFalse();
        assertThat(index.check(OTHER, EntityUrl.group("g1"), "can_view")).isFalse();
    }

    @Test
    void groupsAreUnited()
    {
        PermissionIndex index = PermissionIndex.build(
                Map.of(ME, List.of("links", "instances"), OTHER, List.of("instances")),
                Map.of("links", List.of(new Grant(LINK, "can_edit")), "instances", List.of(new Grant(P1, "instance_manager"))));
        assertThat(index.check(ME, EntityUrl.parse(LINK), "can_view")).isTrue();
        assertThat(index.check(ME, EntityUrl.parse(C1), "can_exec")).isTrue();
        assertThat(index.check(OTHER, EntityUrl.parse(C1), "can_exec")).isTrue();
        assertThat(index.check(OTHER, EntityUrl.parse(LINK), "can_view")).isFalse();
    }

    @Test
    void grantsAreMatchedInCanonicalForm()
    {
        PermissionIndex index = singleGrant("/1.0/instances/c1", "can_edit");
        assertThat(index.check(ME, EntityUrl.instance("default", "c1"), "can_edit")).isTrue();
        assertThat(index.effectivePermissions(ME)).containsExactly(new Permission("instance", "/1.0/instances/c1?project=default", "can_edit"));
    }

    @Test
    void effectivePermissionsAreTheDirectGrantsOfAllGroups()
    {
        PermissionIndex index = PermissionIndex.build(
                Map.of(ME, List.of("a", "b")),
                Map.of(
                        "a", List.of(new Grant(SERVER_URL, "viewer"), new Grant(LINK, "can_view")),
                        "b", List.of(new Grant(LINK, "can_view"), new Grant(REPLICATOR_URL, "can_edit")),
                        "c", List.of(new Grant(SERVER_URL, "admin"))));
        assertThat(index.effectivePermissions(ME)).containsExactly(
                new Permission("cluster_link", LINK, "can_view"),
                new Permission("replicator", REPLICATOR_URL, "can_edit"),
                new Permission("server", SERVER_URL, "viewer"));
        assertThat(index.effectivePermissions(OTHER)).isEmpty();
        assertThat(index.groupsOf(ME)).containsExactly("a", "b");
        assertThat(index.groupsOf(OTHER)).isEmpty();
    }

    @Test
    void heldEntitlementsKeepRequestOrder()
    {
        PermissionIndex index = singleGrant(C1, "user");
        assertThat(index.heldEntitlements(ME, EntityUrl.parse(C1), List.of("can_exec", "can_edit", "can_view", "can_exec", "user")))
                .containsExactly("can_exec", "can_view", "user");
        assertThat(index.heldEntitlements(ME, EntityUrl.parse(C2), List.of("can_exec", "can_view"))).isEmpty();
    }

    @Test
    void rejectsEntitlementsThatCannotBeChecked()
    {
        PermissionIndex index = singleGrant(SERVER_URL, "admin");
        assertThatThrownBy(() -> index.check(ME, EntityUrl.server(), "can_view"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Entitlement \"can_view\" cannot be checked on entity type \"server\"");
        assertThatThrownBy(() -> index.heldEntitlements(ME, EntityUrl.parse(C1), List.of("admin")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidInput()
    {
        assertThatThrownBy(() -> singleGrant("/1.0/nonsense/x", "can_view"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Group \"g\" has a permission on an invalid entity URL");
        assertThatThrownBy(() -> singleGrant(C1, "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Group \"g\" has entitlement \"admin\" which is not valid for entity type \"instance\"");
        assertThatThrownBy(() -> PermissionIndex.build(Map.of("/1.0/auth/groups/g", List.of("g")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a canonical identity URL: \"/1.0/auth/groups/g\"");
        assertThatThrownBy(() -> PermissionIndex.build(Map.of(ME, List.of("")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyGrantsAcrossGroups()
    {
        List<Grant> first = new ArrayList<>();
        List<Grant> second = new ArrayList<>();
        for (int instance = 0; instance < 500; instance++) {
            (instance % 2 == 0 ? first : second).add(new Grant(EntityUrl.instance("p" + (instance % 7), "c" + instance).url(), "user"));
        }
        PermissionIndex index = PermissionIndex.build(Map.of(ME, List.of("first", "second"), OTHER, List.of("second")),
                Map.of("first", first, "second", second));
        for (int instance = 0; instance < 500; instance++) {
            EntityUrl granted = EntityUrl.instance("p" + (instance % 7), "c" + instance);
            assertThat(index.check(ME, granted, "can_exec")).isTrue();
            assertThat(index.check(OTHER, granted, "can_exec")).isEqualTo(instance % 2 == 1);
            assertThat(index.check(ME, EntityUrl.instance("p" + ((instance + 1) % 7), "c" + instance), "can_exec")).isFalse();
            assertThat(index.check(ME, granted, "can_edit")).isFalse();
        }
        assertThat(index.effectivePermissions(ME)).hasSize(500);
    }

    @Test
    void concurrentChecksAgreeWithSequentialOnes()
            throws Exception
    {
        Map<String, List<String>> memberships = new HashMap<>();
        Map<String, List<Grant>> grants = new HashMap<>();
        for (int group = 0; group < 20; group++) {
            grants.put("g" + group, List.of(
                    new Grant("/1.0/projects/p" + group, group % 2 == 0 ? "operator" : "viewer"),
                    new Grant("/1.0/instances/c" + group + "?project=p" + (group + 1), "user")));
        }
        List<String> identities = new ArrayList<>();
        for (int identity = 0; identity < 50; identity++) {
            String url = "/1.0/auth/identities/tls/id" + identity;
            identities.add(url);
            memberships.put(url, List.of("g" + (identity % 20), "g" + ((identity * 7) % 20)));
        }
        List<EntityUrl> entities = new ArrayList<>();
        for (int project = 0; project < 21; project++) {
            for (int instance = 0; instance < 21; instance++) {
                entities.add(EntityUrl.instance("p" + project, "c" + instance));
            }
        }
        List<Boolean> expected = checkAll(PermissionIndex.build(memberships, grants), identities, entities);
        assertThat(expected).contains(true, false);

        PermissionIndex shared = PermissionIndex.build(memberships, grants);
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            List<Future<List<Boolean>>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                results.add(executor.submit(() -> checkAll(shared, identities, entities)));
            }
            for (Future<List<Boolean>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    private static List<Boolean> checkAll(PermissionIndex index, List<String> identities, List<EntityUrl> entities)
    {
        List<Boolean> results = new ArrayList<>();
        for (String identity : identities) {
            for (EntityUrl entity : entities) {
                results.add(index.check(identity, entity, "can_exec"));
                results.add(index.check(identity, entity, "can_edit"));
            }
        }
        return results;
    }

    static Stream<Arguments> grantableEntitlements()
    {
        return Stream.of(EntityType.values())
                .flatMap(type -> type.entitlements().stream().map(entitlement -> Arguments.of(type, entitlement)));
    }

    static Stream<Row> implicationRows()
    {
        List<Row> rows = new ArrayList<>();

        // Server admin implies every checkable can_* entitlement of every entity type
        for (EntityType type : EntityType.values()) {
            for (String entitlement : checkableEntitlements(type)) {
                if (entitlement.startsWith("can_")) {
                    rows.add(new Row(SERVER_URL, "admin", sample(type, "1").url(), entitlement, true));
                }
            }
        }
        // ... but, as in LXD, not the roles, which only matter through what they imply
        rows.add(new Row(SERVER_URL, "admin", SERVER_URL, "viewer", false));
        rows.add(new Row(SERVER_URL, "admin", P1, "operator", false));
        rows.add(new Row(SERVER_URL, "admin", C1, "user", false));

        // Server viewer
        for (String entitlement : SERVER_VIEWER_ENTITLEMENTS) {
            rows.add(new Row(SERVER_URL, "viewer", SERVER_URL, entitlement, true));
        }
        for (String entitlement : SERVER.entitlements()) {
            if (entitlement.startsWith("can_") && !SERVER_VIEWER_ENTITLEMENTS.contains(entitlement)) {
                rows.add(new Row(SERVER_URL, "viewer", SERVER_URL, entitlement, false));
            }
        }
        rows.add(new Row(SERVER_URL, "viewer", P1, "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", C1, "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", SNAPSHOT, "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", C1, "can_exec", false));
        rows.add(new Row(SERVER_URL, "viewer", P1, "can_edit", false));
        rows.add(new Row(SERVER_URL, "viewer", LINK, "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", LINK, "can_edit", false));
        rows.add(new Row(SERVER_URL, "viewer", REPLICATOR_URL, "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", P1, "can_view_metrics", true));
        rows.add(new Row(SERVER_URL, "viewer", sample(IDENTITY, "1").url(), "can_view", true));
        rows.add(new Row(SERVER_URL, "viewer", sample(STORAGE_POOL, "1").url(), "can_edit", false));

        // Server managers
        for (String entitlement : List.of("can_view_permissions", "can_create_identities", "can_view_identities", "can_edit_identities",
                "can_delete_identities", "can_create_groups", "can_view_groups", "can_edit_groups", "can_delete_groups",
                "can_create_identity_provider_groups", "can_view_identity_provider_groups", "can_edit_identity_provider_groups",
                "can_delete_identity_provider_groups")) {
            rows.add(new Row(SERVER_URL, "permission_manager", SERVER_URL, entitlement, true));
        }
        rows.add(new Row(SERVER_URL, "permission_manager", SERVER_URL, "can_view_projects", false));
        rows.add(new Row(SERVER_URL, "permission_manager", SERVER_URL, "can_edit", false));
        rows.add(new Row(SERVER_URL, "permission_manager", sample(GROUP, "1").url(), "can_edit", true));
        rows.add(new Row(SERVER_URL, "permission_manager", sample(CERTIFICATE, "1").url(), "can_delete", true));
        rows.add(new Row(SERVER_URL, "permission_manager", LINK, "can_view", false));
        rows.add(new Row(SERVER_URL, "storage_pool_manager", SERVER_URL, "can_create_storage_pools", true));
        rows.add(new Row(SERVER_URL, "storage_pool_manager", POOL, "can_edit", true));
        rows.add(new Row(SERVER_URL, "storage_pool_manager", POOL, "can_delete", true));
        rows.add(new Row(SERVER_URL, "storage_pool_manager", P1, "can_view", false));
        rows.add(new Row(SERVER_URL, "storage_pool_manager", VOLUME, "can_edit", false));
        rows.add(new Row(SERVER_URL, "project_manager", SERVER_URL, "can_create_projects", true));
        rows.add(new Row(SERVER_URL, "project_manager", P1, "can_edit", true));
        rows.add(new Row(SERVER_URL, "project_manager", P1, "can_delete", true));
        rows.add(new Row(SERVER_URL, "project_manager", C1, "can_exec", true));
        rows.add(new Row(SERVER_URL, "project_manager", SERVER_URL, "can_view_permissions", false));
        rows.add(new Row(SERVER_URL, "project_manager", LINK, "can_view", false));
        rows.add(new Row(SERVER_URL, "can_edit_projects", REPLICATOR_URL, "can_edit", true));
        rows.add(new Row(SERVER_URL, "can_edit_projects", REPLICATOR_URL, "can_delete", true));
        rows.add(new Row(SERVER_URL, "can_edit_projects", P1, "can_delete", false));
        rows.add(new Row(SERVER_URL, "can_edit_projects", P1, "can_view", false));
        rows.add(new Row(SERVER_URL, "can_delete_projects", P1, "can_delete", true));
        rows.add(new Row(SERVER_URL, "can_delete_projects", P1, "can_edit", false));
        rows.add(new Row(SERVER_URL, "can_view_projects", P1, "can_view_operations", true));
        rows.add(new Row(SERVER_URL, "can_view_projects", P1, "can_view_metrics", false));
        rows.add(new Row(SERVER_URL, "can_view_metrics", P1, "can_view_metrics", true));
        rows.add(new Row(SERVER_URL, "can_view_metrics", P1, "can_view", false));

        // Project operator and viewer
        rows.add(new Row(P1, "operator", C1, "can_exec", true));
        rows.add(new Row(P1, "operator", C1, "can_edit", true));
        rows.add(new Row(P1, "operator", SNAPSHOT, "can_delete", true));
        rows.add(new Row(P1, "operator", P1, "can_view", true));
        rows.add(new Row(P1, "operator", P1, "can_edit", false));
        rows.add(new Row(P1, "operator", P1, "can_delete", false));
        rows.add(new Row(P1, "operator", P1, "can_view_events", true));
        rows.add(new Row(P1, "operator", P1, "can_create_replicators", true));
        rows.add(new Row(P1, "operator", REPLICATOR_URL, "can_edit", true));
        rows.add(new Row(P1, "operator", VOLUME, "can_manage_backups", true));
        rows.add(new Row(P1, "operator", P2, "can_view", false));
        rows.add(new Row(P1, "operator", C1_IN_P2, "can_exec", false));
        rows.add(new Row(P1, "operator", SERVER_URL, "can_view_projects", false));
        rows.add(new Row(P1, "viewer", C1, "can_view", true));
        rows.add(new Row(P1, "viewer", C1, "can_edit", false));
        rows.add(new Row(P1, "viewer", C1, "can_exec", false));
        rows.add(new Row(P1, "viewer", P1, "can_view_metrics", true));
        rows.add(new Row(P1, "viewer", P1, "can_create_instances", false));
        rows.add(new Row(P1, "viewer", sample(PROFILE, "1").url(), "can_view", true));
        rows.add(new Row(P1, "viewer", P2, "can_view", false));

        // Project resource managers
        rows.add(new Row(P1, "instance_manager", C1, "can_exec", true));
        rows.add(new Row(P1, "instance_manager", C1, "can_delete", true));
        rows.add(new Row(P1, "instance_manager", P1, "can_view_instances", true));
        rows.add(new Row(P1, "instance_manager", P1, "can_view", false));
        rows.add(new Row(P1, "instance_manager", sample(PROFILE, "1").url(), "can_view", false));
        rows.add(new Row(P1, "replicator_manager", REPLICATOR_URL, "can_edit", true));
        rows.add(new Row(P1, "replicator_manager", REPLICATOR_URL, "can_delete", true));
        rows.add(new Row(P1, "replicator_manager", REPLICATOR_URL, "can_view", true));
        rows.add(new Row(P1, "replicator_manager", P1, "can_create_replicators", true));
        rows.add(new Row(P1, "replicator_manager", C1, "can_view", false));
        rows.add(new Row(P1, "placement_group_manager", sample(PLACEMENT_GROUP, "1").url(), "can_delete", true));
        rows.add(new Row(P1, "image_alias_manager", sample(IMAGE_ALIAS, "1").url(), "can_edit", true));
        rows.add(new Row(P1, "image_alias_manager", sample(IMAGE, "1").url(), "can_edit", false));
        rows.add(new Row(P1, "storage_volume_manager", VOLUME, "can_manage_snapshots", true));
        rows.add(new Row(P1, "storage_volume_manager", VOLUME_SNAPSHOT, "can_edit", true));
        rows.add(new Row(P1, "storage_volume_manager", VOLUME_SNAPSHOT, "can_view", true));
        rows.add(new Row(P1, "can_view_instances", C1, "can_view", true));
        rows.add(new Row(P1, "can_view_instances", C1, "can_exec", false));
        rows.add(new Row(P1, "can_operate_instances", C1, "can_exec", true));
        rows.add(new Row(P1, "can_operate_instances", C1, "can_update_state", true));
        rows.add(new Row(P1, "can_operate_instances", C1, "can_edit", false));
        rows.add(new Row(P1, "can_edit_storage_volumes", VOLUME, "can_manage_backups", true));
        rows.add(new Row(P1, "can_view_storage_volumes", VOLUME, "can_manage_backups", false));
        rows.add(new Row(P1, "can_delete_replicators", REPLICATOR_URL, "can_view", true));
        rows.add(new Row(P1, "can_delete_replicators", REPLICATOR_URL, "can_edit", false));
        rows.add(new Row(P1, "can_view_replicators", "/1.0/replicators/r1?project=p2", "can_view", false));

        // Instances and their snapshots and backups
        for (String entitlement : List.of("can_view", "can_connect_sftp", "can_access_files", "can_access_console", "can_exec")) {
            rows.add(new Row(C1, "user", C1, entitlement, true));
        }
        for (String entitlement : List.of("can_edit", "can_delete", "can_update_state", "can_manage_snapshots", "can_manage_backups")) {
            rows.add(new Row(C1, "user", C1, entitlement, false));
        }
        rows.add(new Row(C1, "user", C2, "can_exec", false));
        rows.add(new Row(C1, "user", C1_IN_P2, "can_exec", false));
        rows.add(new Row(C1, "user", P1, "can_view", false));
        rows.add(new Row(C1, "operator", C1, "can_update_state", true));
        rows.add(new Row(C1, "operator", C1, "can_manage_snapshots", true));
        rows.add(new Row(C1, "operator", C1, "can_edit", false));
        rows.add(new Row(C1, "operator", SNAPSHOT, "can_edit", true));
        rows.add(new Row(C1, "operator", BACKUP, "can_delete", true));
        rows.add(new Row(C1, "can_edit", C1, "can_view", true));
        rows.add(new Row(C1, "can_edit", C1, "can_exec", false));
        rows.add(new Row(C1, "can_view", SNAPSHOT, "can_view", true));
        rows.add(new Row(C1, "can_view", SNAPSHOT, "can_edit", false));
        rows.add(new Row(C1, "can_manage_snapshots", SNAPSHOT, "can_delete", true));
        rows.add(new Row(C1, "can_manage_snapshots", BACKUP, "can_delete", false));
        rows.add(new Row(C1, "can_manage_backups", BACKUP, "can_edit", true));
        rows.add(new Row(C2, "can_view", SNAPSHOT, "can_view", false));

        // Children of the server
        rows.add(new Row(SERVER_URL, "can_view_cluster_links", LINK, "can_view", true));
        rows.add(new Row(SERVER_URL, "can_view_cluster_links", LINK, "can_edit", false));
        rows.add(new Row(SERVER_URL, "can_edit_cluster_links", LINK, "can_edit", true));
        rows.add(new Row(SERVER_URL, "can_edit_cluster_links", LINK, "can_view", true));
        rows.add(new Row(SERVER_URL, "can_delete_cluster_links", LINK, "can_delete", true));
        rows.add(new Row(SERVER_URL, "can_create_cluster_links", LINK, "can_view", false));
        rows.add(new Row(LINK, "can_edit", LINK, "can_view", true));
        rows.add(new Row(LINK, "can_delete", LINK, "can_view", true));
        rows.add(new Row(LINK, "can_edit", OTHER_LINK, "can_view", false));
        rows.add(new Row(LINK, "can_edit", SERVER_URL, "can_view_cluster_links", false));
        rows.add(new Row(SERVER_URL, "can_view_identities", sample(IDENTITY, "1").url(), "can_view", true));
        rows.add(new Row(SERVER_URL, "can_view_identities", sample(CERTIFICATE, "1").url(), "can_view", true));
        rows.add(new Row(SERVER_URL, "can_view_identities", sample(IDENTITY, "1").url(), "can_edit", false));
        rows.add(new Row(sample(CERTIFICATE, "1").url(), "can_delete", sample(CERTIFICATE, "1").url(), "can_view", true));
        rows.add(new Row(sample(IDENTITY, "1").url(), "can_edit", sample(IDENTITY, "1").url(), "can_view", false));
        rows.add(new Row(SERVER_URL, "can_view_groups", sample(GROUP, "1").url(), "can_view", true));
        rows.add(new Row(SERVER_URL, "can_view_groups", sample(GROUP, "1").url(), "can_delete", false));
        rows.add(new Row(SERVER_URL, "can_edit_identity_provider_groups", sample(IDENTITY_PROVIDER_GROUP, "1").url(), "can_edit", true));
        rows.add(new Row(SERVER_URL, "can_edit_identity_provider_groups", sample(GROUP, "1").url(), "can_edit", false));
        rows.add(new Row(POOL, "can_edit", "/1.0/storage-pools/other", "can_edit", false));
        rows.add(new Row(SERVER_URL, "can_edit_storage_pools", POOL, "can_delete", false));

        // Locations are part of the identity of an entity
        rows.add(new Row(VOLUME + "&target=m1", "can_edit", VOLUME + "&target=m1", "can_view", true));
        rows.add(new Row(VOLUME + "&target=m1", "can_edit", VOLUME, "can_edit", false));
        rows.add(new Row(VOLUME, "can_manage_snapshots", VOLUME_SNAPSHOT, "can_delete", true));
        rows.add(new Row(VOLUME, "can_view", VOLUME_SNAPSHOT + "&target=m1", "can_view", false));
        rows.add(new Row(VOLUME, "can_manage_backups", VOLUME_BACKUP, "can_edit", true));
        rows.add(new Row(VOLUME, "can_manage_snapshots", VOLUME_BACKUP, "can_edit", false));

        return rows.stream();
    }

    private static List<String> checkableEntitlements(EntityType type)
    {
        return Stream.concat(type.entitlements().stream(), Stream.of("can_view", "can_edit", "can_delete"))
                .distinct()
                .filter(entitlement -> AuthorizationModel.isCheckable(type, entitlement))
                .toList();
    }

    /** An entity of {@code type} in project p1 whose path arguments end in {@code suffix}. */
    private static EntityUrl sample(EntityType type, String suffix)
    {
        String[] arguments = type.pathArgumentNames().stream().map(name -> name + suffix).toArray(String[]::new);
        return EntityUrl.of(type, "p1", arguments);
    }

    private static PermissionIndex singleGrant(String url, String entitlement)
    {
        return PermissionIndex.build(Map.of(ME, List.of("g")), Map.of("g", List.of(new Grant(url, entitlement))));
    }

    @Test
    void sampleEntitiesOfDifferentSuffixesDiffer()
    {
        for (EntityType type : List.of(INSTANCE, INSTANCE_SNAPSHOT, INSTANCE_BACKUP, STORAGE_VOLUME, STORAGE_VOLUME_SNAPSHOT, CLUSTER_LINK, REPLICATOR)) {
            assertThat(sample(type, "1")).isNotEqualTo(sample(type, "2"));
        }
    }
}
