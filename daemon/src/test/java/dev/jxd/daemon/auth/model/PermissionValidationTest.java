package dev.jxd.daemon.auth.model;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionValidationTest
{
    @Test
    void acceptsEveryGrantableEntitlement()
    {
        for (EntityType type : EntityType.values()) {
            String[] arguments = type.pathArgumentNames().stream().map(name -> name + "1").toArray(String[]::new);
            EntityUrl entity = EntityUrl.of(type, "p1", arguments);
            for (String entitlement : type.entitlements()) {
                assertThat(PermissionValidation.validate(new Permission(type.wireName(), entity.url(), entitlement))).isEqualTo(entity);
            }
        }
    }

    @Test
    void returnsTheCanonicalEntity()
    {
        EntityUrl entity = PermissionValidation.validate(new Permission("instance", "/1.0/instances/c1", "can_exec"));
        assertThat(entity.url()).isEqualTo("/1.0/instances/c1?project=default");
        assertThat(PermissionValidation.validate(new Permission("cluster_link", "/1.0/cluster/links/lxd_two", "can_view")))
                .isEqualTo(EntityUrl.clusterLink("lxd_two"));
        assertThat(PermissionValidation.validate(new Permission("replicator", "/1.0/replicators/r1?project=p", "can_edit")))
                .isEqualTo(EntityUrl.replicator("p", "r1"));
    }

    @Test
    void unknownEntityType()
    {
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("operation", "/1.0/operations/x", "can_view")))
                .isInstanceOf(InvalidPermissionException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Failed to validate entity type for permission with entity reference \"/1.0/operations/x\" and entitlement \"can_view\": "
                        + "Unknown entity type \"operation\"");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("warning", "/1.0/warnings/x", "can_view")))
                .hasMessageEndingWith("Unknown entity type \"warning\"");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission(null, "/1.0", "admin")))
                .hasMessageEndingWith("Unknown entity type \"null\"");
    }

    @Test
    void typeWithoutEntitlements()
    {
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("container", "/1.0/containers/c1?project=default", "can_view")))
                .isInstanceOf(InvalidPermissionException.class)
                .hasMessage("Failed to validate group permission with entity reference \"/1.0/containers/c1?project=default\" and entitlement \"can_view\": "
                        + "No entitlements can be granted against entities of type \"container\"");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("instance_snapshot", "/1.0/instances/c1/snapshots/s1", "can_view")))
                .hasMessageEndingWith("No entitlements can be granted against entities of type \"instance_snapshot\"");
    }

    @Test
    void wrongEntitlement()
    {
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("instance", "/1.0/instances/c1?project=p", "admin")))
                .isInstanceOf(InvalidPermissionException.class)
                .hasMessage("Failed to validate group permission with entity reference \"/1.0/instances/c1?project=p\" and entitlement \"admin\": "
                        + "Entitlement \"admin\" not valid for entity type \"instance\"");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("server", "/1.0", "can_view")))
                .hasMessageEndingWith("Entitlement \"can_view\" not valid for entity type \"server\"");
    }

    @Test
    void urlOfAnotherType()
    {
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("instance", "/1.0/projects/p", "can_view")))
                .isInstanceOf(InvalidPermissionException.class)
                .hasMessage("Failed to parse permission with entity reference \"/1.0/projects/p\" and entitlement \"can_view\": "
                        + "Entity type does not correspond to entity reference");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("cluster_link", "/1.0/cluster/members/m1", "can_view")))
                .hasMessageEndingWith("Entity type does not correspond to entity reference");
    }

    @Test
    void unparsableUrl()
    {
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("cluster_link", "/1.0/cluster/links", "can_view")))
                .isInstanceOf(InvalidPermissionException.class)
                .hasMessage("Failed to parse permission with entity reference \"/1.0/cluster/links\" and entitlement \"can_view\": "
                        + "Failed to match entity URL \"/1.0/cluster/links\"");
        assertThatThrownBy(() -> PermissionValidation.validate(new Permission("instance", "instances/c1", "can_view")))
                .hasMessageEndingWith("URL \"instances/c1\" does not contain LXD API version");
    }

    @Test
    void requestedEntitlements()
    {
        PermissionValidation.validateRequestedEntitlements(CLUSTER_LINK, List.of("can_view", "can_edit"));
        assertThatThrownBy(() -> PermissionValidation.validateRequestedEntitlements(CLUSTER_LINK, List.of("can_view", "can_exec")))
                .isInstanceOf(InvalidPermissionException.class)
                .hasMessage("Requested entitlement \"can_exec\" is not valid for entity type \"cluster_link\"");
    }
}
