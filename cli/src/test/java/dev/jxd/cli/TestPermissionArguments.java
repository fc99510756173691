package dev.jxd.cli;

import dev.jxd.api.auth.Permission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPermissionArguments
{
    @Test
    void serverPermissions()
    {
        assertThat(parse("g server admin")).isEqualTo(new Permission("server", "/1.0", "admin"));
        assertThatThrownBy(() -> parse("g server admin extra"))
                .hasMessageStartingWith("Expected three arguments: ");
    }

    @Test
    void globalEntities()
    {
        assertThat(parse("g project p operator")).isEqualTo(new Permission("project", "/1.0/projects/p", "operator"));
        assertThat(parse("g cluster_link lxd_two can_view")).isEqualTo(new Permission("cluster_link", "/1.0/cluster/links/lxd_two", "can_view"));
        assertThat(parse("g group other-group can_edit")).isEqualTo(new Permission("group", "/1.0/auth/groups/other-group", "can_edit"));
        assertThat(parse("g cluster_link lxd_two can_view project=ignored"))
                .isEqualTo(new Permission("cluster_link", "/1.0/cluster/links/lxd_two", "can_view"));
    }

    @Test
    void projectScopedEntitiesDefaultToTheCurrentProject()
    {
        assertThat(PermissionArguments.parse(List.of("g", "instance", "my-instance", "can_manage_backups"), "default"))
                .isEqualTo(new Permission("instance", "/1.0/instances/my-instance?project=default", "can_manage_backups"));
        assertThat(PermissionArguments.parse(List.of("g", "instance", "my-instance", "can_manage_backups"), "p1"))
                .isEqualTo(new Permission("instance", "/1.0/instances/my-instance?project=p1", "can_manage_backups"));
        assertThat(PermissionArguments.parse(List.of("g", "instance", "c1", "user", "project=other"), "p1"))
                .isEqualTo(new Permission("instance", "/1.0/instances/c1?project=other", "user"));
        assertThat(parse("g replicator r1 can_edit project=p"))
                .isEqualTo(new Permission("replicator", "/1.0/replicators/r1?project=p", "can_edit"));
    }

    @Test
    void identitiesUseTheShorthandSyntax()
    {
        assertThat(parse("g identity tls/abc123 can_view"))
                .isEqualTo(new Permission("identity", "/1.0/auth/identities/tls/abc123", "can_view"));
        assertThat(parse("g identity cluster-link/lxd_two can_edit"))
                .isEqualTo(new Permission("identity", "/1.0/auth/identities/tls/lxd_two", "can_edit"));
        assertThatThrownBy(() -> parse("g identity abc123 can_view"))
                .hasMessage("Malformed argument, expected `[<remote>:]<type>/<name>`, got abc123");
    }

    @Test
    void storageEntitiesNeedPoolAndType()
    {
        assertThat(parse("g storage_volume vol1 can_view pool=default type=custom project=p location=member1"))
                .isEqualTo(new Permission("storage_volume", "/1.0/storage-pools/default/volumes/custom/vol1?project=p&target=member1", "can_view"));
        assertThat(parse("g storage_bucket b1 can_view pool=default"))
                .isEqualTo(new Permission("storage_bucket", "/1.0/storage-pools/default/buckets/b1?project=default", "can_view"));
        assertThatThrownBy(() -> parse("g storage_volume vol1 can_view pool=default"))
                .hasMessage("Entities of type \"storage_volume\" require a supplementary storage volume type argument `type=<storage volume type>`");
        assertThatThrownBy(() -> parse("g storage_bucket b1 can_view"))
                .hasMessage("Entities of type \"storage_bucket\" require a supplementary storage pool argument `pool=<pool_name>`");
    }

    @Test
    void namesAreEscapedInUrls()
    {
        assertThat(parse("g group a;b can_view")).isEqualTo(new Permission("group", "/1.0/auth/groups/a%3Bb", "can_view"));
    }

    @Test
    void invalidArguments()
    {
        assertThatThrownBy(() -> parse("g operation op1 can_view"))
                .hasMessage("Unknown entity type \"operation\"");
        assertThatThrownBy(() -> parse("g instance can_view"))
                .hasMessageStartingWith("Expected at least four arguments: ");
        assertThatThrownBy(() -> parse("g instance c1 user project"))
                .hasMessage("Supplementary arguments must be of the form <key>=<value>");
        assertThatThrownBy(() -> parse("g project p operator location=m1"))
                .hasMessageContaining("cannot have a location");
    }

    private static Permission parse(String arguments)
    {
        return PermissionArguments.parse(List.of(arguments.split(" ")), "default");
    }
}
