package dev.jxd.daemon.group;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPost;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.type.TypeReference;

import java.util.List;
import java.util.Map;

import static dev.jxd.daemon.group.GroupTesting.addTlsIdentity;
import static dev.jxd.daemon.group.GroupTesting.assertApiError;
import static dev.jxd.daemon.group.GroupTesting.assertApiStatus;
import static dev.jxd.daemon.group.GroupTesting.permission;
import static org.assertj.core.api.Assertions.assertThat;

/** What fine-grained TLS identities may see and do with groups, depending on their own groups' permissions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestGroupAuthorization
{
    private static final TypeReference<List<String>> URLS = new TypeReference<>() {};
    private static final TypeReference<List<AuthGroup>> GROUPS = new TypeReference<>() {};
    private static final Permission DEFAULT_OPERATOR = permission("project", "/1.0/projects/default", "operator");
    private static final Permission SERVER_VIEWER = permission("server", "/1.0", "viewer");

    @AutoClose
    private final TestDaemon server = TestDaemon.start();
    private final JxdClient admin = server.unixClient();
    private JxdClient operator;
    private JxdClient viewer;
    private JxdClient loner;
    private String operatorFingerprint;
    private String otherOperatorFingerprint;

    @BeforeAll
    void createFixtures()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost("operators", "Default project operators", List.of(DEFAULT_OPERATOR)));
        admin.post("/1.0/auth/groups", new AuthGroupsPost("viewers", "Read-only", List.of(SERVER_VIEWER)));
        admin.post("/1.0/auth/groups", new AuthGroupsPost("auditors", "", List.of(permission("server", "/1.0", "can_view_permissions"))));

        CertificateAndKey operatorCertificate = TestDaemon.newClientCertificate("operator");
        CertificateAndKey viewerCertificate = TestDaemon.newClientCertificate("viewer");
        CertificateAndKey lonerCertificate = TestDaemon.newClientCertificate("loner");
        operatorFingerprint = addTlsIdentity(server, "operator", operatorCertificate, IdentityType.CLIENT_CERTIFICATE, "operators");
        otherOperatorFingerprint = addTlsIdentity(server, "other-operator", TestDaemon.newClientCertificate("other-operator"), IdentityType.CLIENT_CERTIFICATE, "operators");
        addTlsIdentity(server, "viewer", viewerCertificate, IdentityType.CLIENT_CERTIFICATE, "viewers", "auditors");
        addTlsIdentity(server, "loner", lonerCertificate, IdentityType.CLIENT_CERTIFICATE);
        operator = server.httpsClient(operatorCertificate);
        viewer = server.httpsClient(viewerCertificate);
        loner = server.httpsClient(lonerCertificate);
    }

    @Test
    void projectOperatorCannotManageGroups()
    {
        assertApiError(() -> operator.post("/1.0/auth/groups", new AuthGroupsPost("mine", "", List.of())), 403, "Forbidden");
        assertApiStatus(() -> admin.get("/1.0/auth/groups/mine"), 404);
        // Its own group is visible through membership, but not editable
        assertApiError(() -> operator.put("/1.0/auth/groups/operators", new AuthGroupPut("", List.of()), null), 403, "Forbidden");
        assertApiError(() -> operator.delete("/1.0/auth/groups/operators"), 403, "Forbidden");
        // Other groups do not even exist for it
        assertApiError(() -> operator.get("/1.0/auth/groups/viewers"), 404, "Not Found");
        assertApiError(() -> operator.delete("/1.0/auth/groups/viewers"), 404, "Not Found");
        assertApiError(() -> operator.get("/1.0/auth/permissions"), 403, "Forbidden");
        assertThat(admin.getAs("/1.0/auth/groups/operators", AuthGroup.class).permissions()).containsExactly(DEFAULT_OPERATOR);
    }

    @Test
    void membersSeeTheirOwnGroupsWithOnlyTheIdentitiesTheyMayView()
    {
        assertThat(operator.getAs("/1.0/auth/groups", URLS)).containsExactly("/1.0/auth/groups/operators");
        AuthGroup own = operator.getAs("/1.0/auth/groups/operators", AuthGroup.class);
        assertThat(own.permissions()).containsExactly(DEFAULT_OPERATOR);
        assertThat(own.identities()).isEqualTo(Map.of("tls", List.of(operatorFingerprint)));

        assertThat(admin.getAs("/1.0/auth/groups/operators", AuthGroup.class).identities().get("tls"))
                .containsExactlyInAnyOrder(operatorFingerprint, otherOperatorFingerprint);
        assertThat(loner.getAs("/1.0/auth/groups", URLS)).isEmpty();
        assertThat(loner.getAs("/1.0/auth/groups?recursion=1", GROUPS)).isEmpty();
    }

    @Test
    void serverViewerSeesAllGroupsButCannotChangeThem()
    {
        assertThat(viewer.getAs("/1.0/auth/groups", URLS))
                .containsExactlyInAnyOrder("/1.0/auth/groups/admins", "/1.0/auth/groups/auditors", "/1.0/auth/groups/operators", "/1.0/auth/groups/viewers");
        List<AuthGroup> groups = viewer.getAs("/1.0/auth/groups?recursion=1", GROUPS);
        assertThat(groups).extracting(AuthGroup::name).containsExactly("admins", "auditors", "operators", "viewers");
        // viewer implies can_view_identities, so every member is listed
        assertThat(groups).filteredOn(group -> group.name().equals("operators")).singleElement()
                .satisfies(group -> assertThat(group.identities().get("tls")).containsExactlyInAnyOrder(operatorFingerprint, otherOperatorFingerprint));

        assertApiError(() -> viewer.post("/1.0/auth/groups", new AuthGroupsPost("new", "", List.of())), 403, "Forbidden");
        assertApiError(() -> viewer.put("/1.0/auth/groups/operators", new AuthGroupPut("", List.of()), null), 403, "Forbidden");
        assertApiError(() -> viewer.patch("/1.0/auth/groups/operators", new AuthGroupPut("", List.of(SERVER_VIEWER)), null), 403, "Forbidden");
        assertApiError(() -> viewer.post("/1.0/auth/groups/operators", new AuthGroupPost("renamed")), 403, "Forbidden");
        assertApiError(() -> viewer.delete("/1.0/auth/groups/operators"), 403, "Forbidden");
        assertThat(admin.getAs("/1.0/auth/groups/operators", AuthGroup.class).description()).isEqualTo("Default project operators");
    }

    @Test
    void accessEntitlementsReportWhatTheCallerHolds()
    {
        List<AuthGroup> groups = viewer.getAs("/1.0/auth/groups?recursion=1&with-access-entitlements=can_view,can_edit,can_delete", GROUPS);
        assertThat(groups).allSatisfy(group -> assertThat(group.accessEntitlements()).containsExactly("can_view"));

        ApiResponse plain = operator.get("/1.0/auth/groups/operators");
        ApiResponse enriched = operator.get("/1.0/auth/groups/operators?with-access-entitlements=can_edit,can_view");
        assertThat(enriched.metadataAs(AuthGroup.class).accessEntitlements()).containsExactly("can_view");
        assertThat(plain.metadata().has("access_entitlements")).isFalse();
        // Holding none of them omits the field
        assertThat(operator.get("/1.0/auth/groups/operators?with-access-entitlements=can_delete").metadata().has("access_entitlements")).isFalse();
        // The tag does not depend on what was asked for, so a PUT can use either
        assertThat(enriched.etag()).isEqualTo(plain.etag());

        assertApiError(() -> viewer.get("/1.0/auth/groups/viewers?with-access-entitlements=admin"), 400,
                "Requested entitlement \"admin\" is not valid for entity type \"group\"");
        assertApiError(() -> viewer.get("/1.0/auth/groups?with-access-entitlements=can_view"), 400,
                "Entitlements can only be requested when recursion is enabled");
        assertApiError(() -> admin.get("/1.0/auth/groups/viewers?with-access-entitlements=can_view"), 400,
                "Cannot report entitlements for identities that do not use fine-grained authorization");
    }

    @Test
    void permissionListingNeedsCanViewPermissions()
    {
        // viewer does not imply can_view_permissions; this identity has it from its other group
        assertThat(viewer.getAs("/1.0/auth/permissions?entity-type=server", new TypeReference<List<Permission>>() {}))
                .contains(permission("server", "/1.0", "admin"));
        assertApiError(() -> loner.get("/1.0/auth/permissions"), 403, "Forbidden");
    }

    @Test
    void permissionChangesApplyToTheNextRequest()
    {
        admin.post("/1.0/auth/groups", new AuthGroupsPost("temporary", "", List.of()));
        assertApiError(() -> operator.get("/1.0/auth/groups/temporary"), 404, "Not Found");

        admin.put("/1.0/auth/groups/operators", new AuthGroupPut("Default project operators", List.of(
                DEFAULT_OPERATOR,
                permission("group", "/1.0/auth/groups/temporary", "can_view"),
                permission("group", "/1.0/auth/groups/temporary", "can_edit"))), null);
        try {
            assertThat(operator.getAs("/1.0/auth/groups/temporary", AuthGroup.class).name()).isEqualTo("temporary");
            operator.put("/1.0/auth/groups/temporary", new AuthGroupPut("Edited by an operator", List.of()), null);
            assertThat(admin.getAs("/1.0/auth/groups/temporary", AuthGroup.class).description()).isEqualTo("Edited by an operator");
            assertApiError(() -> operator.delete("/1.0/auth/groups/temporary"), 403, "Forbidden");
        }
        finally {
            admin.put("/1.0/auth/groups/operators", new AuthGroupPut("Default project operators", List.of(DEFAULT_OPERATOR)), null);
            admin.delete("/1.0/auth/groups/temporary");
        }
    }
}
