package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.jxd.daemon.group.GroupTesting.assertApiError;
import static dev.jxd.daemon.group.GroupTesting.assertApiStatus;
import static dev.jxd.daemon.group.GroupTesting.permission;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every invalid permission set is a 400 that changes nothing, whichever request carries it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestGroupPermissionValidation
{
    private static final Permission SERVER_VIEWER = permission("server", "/1.0", "viewer");
    // Grants nothing on projects, so the existing group's permissions do not make projects viewable
    private static final Permission VIEW_PERMISSIONS = permission("server", "/1.0", "can_view_permissions");
    private static final Permission DEFAULT_VIEWER = permission("project", "/1.0/projects/default", "viewer");
    private static final Permission EDIT_DEFAULT = permission("project", "/1.0/projects/default", "can_edit");
    private static final String EXISTING = "existing";
    private static final AuthGroup EXISTING_GROUP = new AuthGroup(null, EXISTING, "Unchanged", List.of(VIEW_PERMISSIONS), Map.of(), List.of());

    private static final TypeReference<List<String>> GROUP_URLS = new TypeReference<>() {};

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();

    @BeforeAll
    void createFixtures()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost(EXISTING, "Unchanged", List.of(VIEW_PERMISSIONS)));
    }

    static Stream<Arguments> malformedPermissions()
    {
        return Stream.of(
                Arguments.of(permission("not_an_entity_type", "/1.0", "admin"), "Unknown entity type \"not_an_entity_type\""),
                Arguments.of(permission("operation", "/1.0/operations/abc", "can_view"), "Unknown entity type \"operation\""),
                Arguments.of(permission("container", "/1.0/containers/c1?project=default", "can_view"),
                        "No entitlements can be granted against entities of type \"container\""),
                Arguments.of(permission("instance_backup", "/1.0/instances/c1/backups/b1?project=default", "can_view"),
                        "No entitlements can be granted against entities of type \"instance_backup\""),
                Arguments.of(permission("server", "/1.0", "can_view"), "Entitlement \"can_view\" not valid for entity type \"server\""),
                Arguments.of(permission("project", "/1.0/projects/default", "admin"), "Entitlement \"admin\" not valid for entity type \"project\""),
                Arguments.of(permission("identity", "/1.0/certificates/abc", "can_view"), "Entity type does not correspond to entity reference"),
                Arguments.of(permission("group", "/1.0/not/an/entity", "can_view"), "Failed to match entity URL \"/1.0/not/an/entity\""));
    }

    @ParameterizedTest
    @MethodSource("malformedPermissions")
    void malformedPermissionsAreRejected(Permission invalid, String messageEnding)
    {
        List<Permission> permissions = List.of(SERVER_VIEWER, invalid);
        assertRejectedEverywhere(permissions, exception -> {
            assertThat(exception.statusCode()).isEqualTo(400);
            assertThat(exception.getMessage()).endsWith(messageEnding);
        });
    }

    static Stream<Arguments> unresolvablePermissions()
    {
        return Stream.of(
                Arguments.of(permission("instance", "/1.0/instances/my-instance?project=default", "can_manage_backups")),
                Arguments.of(permission("instance", "/1.0/instances/my-instance", "can_manage_backups")),
                Arguments.of(permission("replicator", "/1.0/replicators/r1?project=default", "can_view")),
                Arguments.of(permission("cluster_link", "/1.0/cluster/links/nowhere", "can_view")),
                Arguments.of(permission("project", "/1.0/projects/missing", "can_view")),
                Arguments.of(permission("group", "/1.0/auth/groups/missing", "can_view")),
                Arguments.of(permission("identity", "/1.0/auth/identities/tls/0123456789abcdef", "can_view")),
                Arguments.of(permission("certificate", "/1.0/certificates/0123456789abcdef", "can_view")));
    }

    @ParameterizedTest
    @MethodSource("unresolvablePermissions")
    void permissionsOnMissingEntitiesAreRejected(Permission missing)
    {
        // The project is viewable, so only the missing entity is wrong
        assertRejectedEverywhere(List.of(DEFAULT_VIEWER, missing), exception -> {
            assertThat(exception.statusCode()).isEqualTo(400);
            assertThat(exception.getMessage()).isEqualTo("Could not resolve permission URLs: Failed to find entity ID for URL \"" + missing.url() + "\"");
        });
    }

    @Test
    void missingEntitiesAreReportedBeforeProjectVisibility()
    {
        Permission instance = permission("instance", "/1.0/instances/my-instance?project=default", "can_manage_backups");
        assertRejectedEverywhere(List.of(instance), exception -> assertThat(exception.getMessage())
                .isEqualTo("Could not resolve permission URLs: Failed to find entity ID for URL \"/1.0/instances/my-instance?project=default\""));
    }

    @Test
    void permissionsOnProjectsRequireTheGroupToViewTheProject()
    {
        assertRejectedEverywhere(List.of(EDIT_DEFAULT), exception -> {
            assertThat(exception.statusCode()).isEqualTo(400);
            assertThat(exception.getMessage())
                    .isEqualTo("Entitlement \"can_edit\" on entity type \"project\" references project \"default\", but the project cannot be viewed by the group");
        });
        assertRejectedEverywhere(List.of(EDIT_DEFAULT, permission("project", "/1.0/projects/default", "can_delete")), exception -> {
            assertThat(exception.statusCode()).isEqualTo(400);
            assertThat(exception.getMessage()).isEqualTo("Members of the group cannot view project \"default\", but 2 permissions reference this project");
        });
    }

    @Test
    void viewingTheProjectMayComeFromAnyPermissionInTheSet()
    {
        for (Permission viewing : List.of(DEFAULT_VIEWER, SERVER_VIEWER, permission("server", "/1.0", "admin"), permission("project", "/1.0/projects/default", "operator"))) {
            admin.put("/1.0/auth/groups/" + EXISTING, new AuthGroupPut("Viewing", List.of(EDIT_DEFAULT, viewing)), null);
            assertThat(admin.getAs("/1.0/auth/groups/" + EXISTING, AuthGroup.class).permissions()).as("with %s", viewing).contains(EDIT_DEFAULT, viewing);
        }
        admin.put("/1.0/auth/groups/" + EXISTING, new AuthGroupPut("Unchanged", List.of(VIEW_PERMISSIONS)), null);
    }

    @Test
    void nullPermissionIsRejected()
    {
        assertApiError(() -> admin.post("/1.0/auth/groups", new AuthGroupsPost("nulls", "", Arrays.asList(SERVER_VIEWER, null))), 400, "Permissions cannot be null");
        assertApiStatus(() -> admin.get("/1.0/auth/groups/nulls"), 404);
    }

    /** Creating a group, replacing and patching the existing one with {@code permissions} all fail as checked and change nothing. */
    private void assertRejectedEverywhere(List<Permission> permissions, Consumer<ApiException> check)
    {
        List<String> groupsBefore = admin.getAs("/1.0/auth/groups", GROUP_URLS);
        List<ThrowingCallable> requests = List.of(
                () -> admin.post("/1.0/auth/groups", new AuthGroupsPost("rejected", "", permissions)),
                () -> admin.put("/1.0/auth/groups/" + EXISTING, new AuthGroupPut("Changed", permissions), null),
                () -> admin.patch("/1.0/auth/groups/" + EXISTING, new AuthGroupPut("Changed", permissions), null));
        for (ThrowingCallable request : requests) {
            assertThatThrownBy(request).isInstanceOfSatisfying(ApiException.class, check);
        }
        assertThat(admin.getAs("/1.0/auth/groups/" + EXISTING, AuthGroup.class)).isEqualTo(EXISTING_GROUP);
        assertThat(admin.getAs("/1.0/auth/groups", GROUP_URLS)).isEqualTo(groupsBefore);
        assertApiStatus(() -> admin.get("/1.0/auth/groups/rejected"), 404);
    }
}
