package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static dev.jxd.api.entity.EntityType.CONTAINER;
import static dev.jxd.api.entity.EntityType.GROUP;
import static dev.jxd.api.entity.EntityType.INSTANCE;
import static dev.jxd.api.entity.EntityType.INSTANCE_SNAPSHOT;
import static dev.jxd.api.entity.EntityType.PROJECT;
import static dev.jxd.api.entity.EntityType.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationModelTest
{
    @ParameterizedTest
    @EnumSource(EntityType.class)
    void grantableEntitlementsAreValidAndCheckable(EntityType type)
    {
        assertThat(AuthorizationModel.entitlements(type)).isEqualTo(type.entitlements());
        for (String entitlement : type.entitlements()) {
            assertThat(AuthorizationModel.isValid(type, entitlement)).isTrue();
            assertThat(AuthorizationModel.isCheckable(type, entitlement)).isTrue();
            // Holding an entitlement directly always counts
            assertThat(AuthorizationModel.sources(type, entitlement)).first().isEqualTo(new ImplicationSource(0, type, entitlement));
        }
        assertThat(AuthorizationModel.isValid(type, "not_an_entitlement")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void sourcesReferenceRealAncestorsAndGrantableRelations(EntityType type)
    {
        for (String entitlement : type.entitlements()) {
            for (ImplicationSource source : AuthorizationModel.sources(type, entitlement)) {
                EntityType ancestor = type;
                for (int step = 0; step < source.distance(); step++) {
                    ancestor = ancestor.parentType().orElseThrow();
                }
                assertThat(source.entityType()).isEqualTo(ancestor);
                assertThat(AuthorizationModel.isValid(source.entityType(), source.relation()) || source.relation().equals(AuthorizationModel.MEMBER))
                        .as("%s implied by %s", entitlement, source)
                        .isTrue();
            }
        }
    }

    @Test
    void wrongEntitlementsAreInvalid()
    {
        assertThat(AuthorizationModel.isValid(INSTANCE, "admin")).isFalse();
        assertThat(AuthorizationModel.isValid(SERVER, "can_view")).isFalse();
        assertThat(AuthorizationModel.isValid(CONTAINER, "can_view")).isFalse();
        assertThat(AuthorizationModel.isValid(GROUP, AuthorizationModel.MEMBER)).isFalse();
        assertThat(AuthorizationModel.isCheckable(GROUP, AuthorizationModel.MEMBER)).isFalse();
        assertThat(AuthorizationModel.isCheckable(CONTAINER, "can_view")).isFalse();
    }

    @Test
    void snapshotsAreCheckableButNotGrantable()
    {
        assertThat(AuthorizationModel.isValid(INSTANCE_SNAPSHOT, "can_view")).isFalse();
        assertThat(AuthorizationModel.isCheckable(INSTANCE_SNAPSHOT, "can_view")).isTrue();
        assertThat(AuthorizationModel.sources(INSTANCE_SNAPSHOT, "can_edit"))
                .contains(new ImplicationSource(1, INSTANCE, "can_manage_snapshots"))
                .doesNotContain(new ImplicationSource(1, INSTANCE, "can_edit"));
        assertThatThrownBy(() -> AuthorizationModel.sources(INSTANCE_SNAPSHOT, "can_exec"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flattenedChains()
    {
        assertThat(AuthorizationModel.sources(INSTANCE, "can_exec")).contains(
                new ImplicationSource(0, INSTANCE, "user"),
                new ImplicationSource(0, INSTANCE, "operator"),
                new ImplicationSource(1, PROJECT, "can_operate_instances"),
                new ImplicationSource(1, PROJECT, "instance_manager"),
                new ImplicationSource(2, SERVER, "can_edit_projects"),
                new ImplicationSource(2, SERVER, "project_manager"),
                new ImplicationSource(2, SERVER, "admin"));
        assertThat(AuthorizationModel.sources(INSTANCE, "can_exec")).doesNotContain(new ImplicationSource(0, INSTANCE, "can_edit"));
        assertThat(AuthorizationModel.sources(SERVER, "can_view_permissions"))
                .containsExactlyInAnyOrder(
                        new ImplicationSource(0, SERVER, "can_view_permissions"),
                        new ImplicationSource(0, SERVER, "permission_manager"),
                        new ImplicationSource(0, SERVER, "admin"));
        assertThat(AuthorizationModel.sources(PROJECT, "can_edit"))
                .containsExactlyInAnyOrder(
                        new ImplicationSource(0, PROJECT, "can_edit"),
                        new ImplicationSource(1, SERVER, "can_edit_projects"),
                        new ImplicationSource(1, SERVER, "project_manager"),
                        new ImplicationSource(1, SERVER, "admin"));
        assertThat(AuthorizationModel.sources(CLUSTER_LINK, "can_view")).contains(
                new ImplicationSource(0, CLUSTER_LINK, "can_edit"),
                new ImplicationSource(0, CLUSTER_LINK, "can_delete"),
                new ImplicationSource(1, SERVER, "can_view_cluster_links"),
                new ImplicationSource(1, SERVER, "viewer"));
        assertThat(AuthorizationModel.sources(GROUP, "can_view")).contains(new ImplicationSource(0, GROUP, AuthorizationModel.MEMBER));
    }

    @Test
    void everyProjectResourceHasItsManager()
    {
        for (String resource : new String[] {"image", "image_alias", "instance", "network", "network_acl", "network_zone", "profile",
                "storage_volume", "storage_bucket", "placement_group", "replicator"}) {
            String plural = resource.endsWith("alias") ? resource + "es" : resource + "s";
            for (String action : new String[] {"create", "view", "edit", "delete"}) {
                assertThat(AuthorizationModel.sources(PROJECT, "can_" + action + "_" + plural))
                        .contains(new ImplicationSource(0, PROJECT, resource + "_manager"), new ImplicationSource(0, PROJECT, "operator"));
            }
        }
    }
}
