package dev.jxd.api.entity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static dev.jxd.api.entity.EntityType.INSTANCE;
import static dev.jxd.api.entity.EntityType.PROJECT;
import static dev.jxd.api.entity.EntityType.REPLICATOR;
import static dev.jxd.api.entity.EntityType.SERVER;
import static dev.jxd.api.entity.EntityType.STORAGE_POOL;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;

class EntityTypeTest
{
    @Test
    void databaseCodesMatchTheSpecification()
    {
        Map<String, Integer> codes = Arrays.stream(EntityType.values())
                .collect(Collectors.toMap(EntityType::wireName, EntityType::dbCode));
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("container", 0), Map.entry("image", 1), Map.entry("profile", 2), Map.entry("project", 3),
                Map.entry("certificate", 4), Map.entry("instance", 5), Map.entry("instance_backup", 6),
                Map.entry("instance_snapshot", 7), Map.entry("network", 8), Map.entry("network_acl", 9),
                Map.entry("cluster_member", 10), Map.entry("storage_pool", 12), Map.entry("storage_volume", 13),
                Map.entry("storage_volume_backup", 14), Map.entry("storage_volume_snapshot", 15),
                Map.entry("cluster_group", 17), Map.entry("storage_bucket", 18), Map.entry("network_zone", 19),
                Map.entry("image_alias", 20), Map.entry("server", 21), Map.entry("group", 22),
                Map.entry("identity_provider_group", 23), Map.entry("identity", 24), Map.entry("placement_group", 25),
                Map.entry("cluster_link", 26), Map.entry("replicator", 27)));
        for (EntityType type : EntityType.values()) {
            assertThat(EntityType.fromDbCode(type.dbCode())).contains(type);
        }
        assertThat(EntityType.fromDbCode(11)).isEmpty();
        assertThat(EntityType.fromDbCode(16)).isEmpty();
    }

    @Test
    void operationsAndWarningsAreNotEntityTypes()
    {
        assertThat(EntityType.fromName("cluster_link")).contains(CLUSTER_LINK);
        assertThat(EntityType.fromName("replicator")).contains(REPLICATOR);
        assertThat(EntityType.fromName("operation")).isEmpty();
        assertThat(EntityType.fromName("warning")).isEmpty();
        assertThat(EntityType.fromName("CLUSTER_LINK")).isEmpty();
    }

    @Test
    void typesWithoutEntitlements()
    {
        assertThat(Arrays.stream(EntityType.values()).filter(type -> type.entitlements().isEmpty()).map(EntityType::wireName))
                .containsExactlyInAnyOrder("container", "instance_backup", "instance_snapshot", "cluster_member",
                        "cluster_group", "storage_volume_backup", "storage_volume_snapshot");
    }

    @Test
    void entitlementsKeepTheSpecifiedOrder()
    {
        assertThat(REPLICATOR.entitlements()).containsExactly("can_edit", "can_delete", "can_view");
        assertThat(CLUSTER_LINK.entitlements()).containsExactly("can_view", "can_edit", "can_delete");
        assertThat(STORAGE_POOL.entitlements()).containsExactly("can_edit", "can_delete");
        assertThat(INSTANCE.entitlements()).startsWith("user", "operator").endsWith("can_access_console", "can_exec");
        assertThat(SERVER.entitlements()).startsWith("admin", "viewer", "can_edit").endsWith("can_delete_cluster_links").hasSize(37);
        assertThat(PROJECT.entitlements()).startsWith("operator", "viewer", "can_view").endsWith("can_view_metrics").hasSize(64);
        for (EntityType type : EntityType.values()) {
            assertThat(type.entitlements()).doesNotHaveDuplicates();
        }
    }

    @Test
    void urlShape()
    {
        assertThat(STORAGE_VOLUME.pathArgumentNames()).containsExactly("pool", "type", "name");
        assertThat(STORAGE_VOLUME_SNAPSHOT.pathArgumentNames()).containsExactly("pool", "type", "name", "snapshot");
        assertThat(SERVER.pathArgumentNames()).isEmpty();
        assertThat(STORAGE_VOLUME.isLocationAllowed()).isTrue();
        assertThat(INSTANCE.isLocationAllowed()).isFalse();
        assertThat(REPLICATOR.isProjectScoped()).isTrue();
        assertThat(PROJECT.isProjectScoped()).isFalse();
        assertThat(CLUSTER_LINK.isProjectScoped()).isFalse();
    }

    @Test
    void parentTypes()
    {
        assertThat(SERVER.parentType()).isEmpty();
        assertThat(PROJECT.parentType()).contains(SERVER);
        assertThat(CLUSTER_LINK.parentType()).contains(SERVER);
        assertThat(INSTANCE.parentType()).contains(PROJECT);
        assertThat(REPLICATOR.parentType()).contains(PROJECT);
        assertThat(STORAGE_VOLUME.parentType()).contains(PROJECT);
        assertThat(STORAGE_VOLUME_SNAPSHOT.parentType()).contains(STORAGE_VOLUME);
        assertThat(EntityType.INSTANCE_SNAPSHOT.parentType()).contains(INSTANCE);
    }
}
