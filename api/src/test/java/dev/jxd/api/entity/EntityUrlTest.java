package dev.jxd.api.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.jxd.api.entity.EntityType.CLUSTER_LINK;
import static dev.jxd.api.entity.EntityType.IDENTITY;
import static dev.jxd.api.entity.EntityType.IMAGE;
import static dev.jxd.api.entity.EntityType.IMAGE_ALIAS;
import static dev.jxd.api.entity.EntityType.INSTANCE;
import static dev.jxd.api.entity.EntityType.INSTANCE_SNAPSHOT;
import static dev.jxd.api.entity.EntityType.PROJECT;
import static dev.jxd.api.entity.EntityType.REPLICATOR;
import static dev.jxd.api.entity.EntityType.SERVER;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME;
import static dev.jxd.api.entity.EntityType.STORAGE_VOLUME_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityUrlTest
{
    @Test
    void parsesClusterLink()
    {
        EntityUrl url = EntityUrl.parse("/1.0/cluster/links/foo");
        assertThat(url).isEqualTo(new EntityUrl(CLUSTER_LINK, List.of("foo"), null, null));
        assertThat(url.url()).isEqualTo("/1.0/cluster/links/foo");
    }

    @Test
    void parsesReplicatorWithProject()
    {
        EntityUrl url = EntityUrl.parse("/1.0/replicators/my-replicator?project=foo");
        assertThat(url.type()).isEqualTo(REPLICATOR);
        assertThat(url.pathArguments()).containsExactly("my-replicator");
        assertThat(url.project()).isEqualTo("foo");
        assertThat(url.url()).isEqualTo("/1.0/replicators/my-replicator?project=foo");
    }

    @Test
    void serverAndProject()
    {
        assertThat(EntityUrl.parse("/1.0")).isEqualTo(EntityUrl.server());
        assertThat(EntityUrl.server().url()).isEqualTo("/1.0");
        EntityUrl project = EntityUrl.parse("/1.0/projects/default");
        assertThat(project).isEqualTo(EntityUrl.project("default"));
        assertThat(project.project()).isNull();
        assertThat(project.url()).isEqualTo("/1.0/projects/default");
    }

    @Test
    void projectScopedUrlsAlwaysCarryTheProject()
    {
        EntityUrl instance = EntityUrl.parse("/1.0/instances/c1");
        assertThat(instance.project()).isEqualTo("default");
        assertThat(instance.url()).isEqualTo("/1.0/instances/c1?project=default");
        assertThat(EntityUrl.parse("/1.0/instances/c1?project=")).isEqualTo(instance);
        assertThat(EntityUrl.of(INSTANCE, null, "c1")).isEqualTo(instance);
        assertThat(EntityUrl.instance("default", "c1")).isEqualTo(instance);
    }

    @Test
    void projectIsIgnoredForGlobalTypes()
    {
        assertThat(EntityUrl.parse("/1.0/cluster/links/foo?project=bar")).isEqualTo(EntityUrl.clusterLink("foo"));
        assertThat(EntityUrl.of(CLUSTER_LINK, "bar", "foo")).isEqualTo(EntityUrl.clusterLink("foo"));
    }

    @Test
    void escapesLikeGo()
    {
        EntityUrl url = EntityUrl.of(INSTANCE, "my proj&x", "a b/c+d:e@f!");
        assertThat(url.url()).isEqualTo("/1.0/instances/a%20b%2Fc+d:e@f%21?project=my+proj%26x");
        assertThat(EntityUrl.parse(url.url())).isEqualTo(url);
        assertThat(EntityUrl.parse("/1.0/instances/caf%C3%A9?project=p%C3%A9").pathArguments()).containsExactly("café");
        assertThat(EntityUrl.parse("/1.0/instances/a+b?project=a+b")).isEqualTo(EntityUrl.of(INSTANCE, "a b", "a+b"));
        assertThat(EntityUrl.parse("/1.0/instances/c?project=a%20b").project()).isEqualTo("a b");
        assertThat(EntityUrl.identity("oidc", "jane@example.com").url()).isEqualTo("/1.0/auth/identities/oidc/jane@example.com");
    }

    @Test
    void locationOnlyForTypesThatAllowIt()
    {
        String volume = "/1.0/storage-pools/default/volumes/custom/vol1?project=p&target=member1";
        EntityUrl parsed = EntityUrl.parse(volume);
        assertThat(parsed).isEqualTo(new EntityUrl(STORAGE_VOLUME, List.of("default", "custom", "vol1"), "p", "member1"));
        assertThat(parsed.url()).isEqualTo(volume);
        assertThat(EntityUrl.parse("/1.0/storage-pools/default/volumes/custom/vol1?target=member1&project=p").url()).isEqualTo(volume);
        assertThat(EntityUrl.parse("/1.0/storage-pools/default/volumes/custom/vol1?project=p&target=none").location()).isNull();
        assertThat(EntityUrl.parse("/1.0/instances/c1?project=p&target=member1").location()).isNull();
        assertThat(parsed.withLocation("none").location()).isNull();
        assertThat(parsed.withLocation(null).withLocation("m2").url())
                .isEqualTo("/1.0/storage-pools/default/volumes/custom/vol1?project=p&target=m2");
    }

    @Test
    void firstQueryValueWins()
    {
        assertThat(EntityUrl.parse("/1.0/instances/c1?project=a&project=b").project()).isEqualTo("a");
        assertThat(EntityUrl.parse("/1.0/instances/c1?other=1&&project=a").project()).isEqualTo("a");
    }

    @Test
    void distinguishesSimilarPaths()
    {
        assertThat(EntityUrl.parse("/1.0/images/aliases/a1").type()).isEqualTo(IMAGE_ALIAS);
        assertThat(EntityUrl.parse("/1.0/images/abcdef").type()).isEqualTo(IMAGE);
        assertThat(EntityUrl.parse("/1.0/instances/c1/snapshots/s1").type()).isEqualTo(INSTANCE_SNAPSHOT);
        assertThat(EntityUrl.parse("/1.0/instances/c1/backups/b1").type()).isEqualTo(EntityType.INSTANCE_BACKUP);
        assertThat(EntityUrl.parse("/1.0/auth/identities/tls/abc").type()).isEqualTo(IDENTITY);
        assertThat(EntityUrl.parse("/1.0/auth/groups/g").type()).isEqualTo(EntityType.GROUP);
        assertThat(EntityUrl.parse("/1.0/storage-pools/p/buckets/b").type()).isEqualTo(EntityType.STORAGE_BUCKET);
        assertThat(EntityUrl.parse("/1.0/storage-pools/p").type()).isEqualTo(EntityType.STORAGE_POOL);
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void roundTripsEveryType(EntityType type)
    {
        String[] arguments = type.pathArgumentNames().stream().map(name -> name + " /%?#é").toArray(String[]::new);
        EntityUrl url = EntityUrl.of(type, "my project", arguments);
        if (type.isLocationAllowed()) {
            url = url.withLocation("member 1");
        }
        EntityUrl parsed = EntityUrl.parse(url.url());
        assertThat(parsed).isEqualTo(url);
        assertThat(parsed.url()).isEqualTo(url.url());
        assertThat(parsed.toString()).isEqualTo(url.url());
        assertThat(parsed.project()).isEqualTo(type.isProjectScoped() ? "my project" : null);
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void parentFollowsTheTypeHierarchy(EntityType type)
    {
        String[] arguments = type.pathArgumentNames().stream().map(name -> name + "-1").toArray(String[]::new);
        EntityUrl url = EntityUrl.of(type, "p1", arguments);
        assertThat(url.parent().map(EntityUrl::type)).isEqualTo(type.parentType());
        if (type.isProjectScoped() && type.parentType().orElseThrow() == PROJECT) {
            assertThat(url.parent()).contains(EntityUrl.project("p1"));
        }
    }

    @Test
    void parentChains()
    {
        EntityUrl instance = EntityUrl.instance("p1", "c1");
        assertThat(instance.parent()).contains(EntityUrl.project("p1"));
        assertThat(EntityUrl.project("p1").parent()).contains(EntityUrl.server());
        assertThat(EntityUrl.server().parent()).isEmpty();
        assertThat(EntityUrl.of(INSTANCE_SNAPSHOT, "p1", "c1", "s1").parent()).contains(instance);
        assertThat(EntityUrl.clusterLink("l").parent()).contains(EntityUrl.server());
        assertThat(EntityUrl.replicator("foo", "r").parent()).contains(EntityUrl.project("foo"));
        EntityUrl snapshot = EntityUrl.of(STORAGE_VOLUME_SNAPSHOT, "p1", "pool", "custom", "v", "s").withLocation("m1");
        assertThat(snapshot.parent()).contains(EntityUrl.of(STORAGE_VOLUME, "p1", "pool", "custom", "v").withLocation("m1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "/", "1.0", "instances/c1", "/2.0/instances/c1", "/1.0/", "/1.0/instances", "/1.0/instances/",
            "/1.0/instances/c1/", "/1.0/foo/bar", "/1.0/operations/abc", "/1.0/warnings/abc", "/1.0/instances/%zz",
            "/1.0/instances/a%2", "/1.0/instances/c1#fragment", "/1.0/instances/c1/snapshots", "/1.0/cluster/links",
            "https://host/1.0/instances/c1", "/1.0/instances/c1?project=%zz"})
    void rejectsUnparsableUrls(String url)
    {
        assertThatThrownBy(() -> EntityUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"");
    }

    @Test
    void errorMessages()
    {
        assertThatThrownBy(() -> EntityUrl.parse("/1.0/foo/bar"))
                .hasMessage("Failed to match entity URL \"/1.0/foo/bar\"");
        assertThatThrownBy(() -> EntityUrl.parse("/2.0/instances/c1"))
                .hasMessage("URL \"/2.0/instances/c1\" does not contain LXD API version");
        assertThatThrownBy(() -> EntityUrl.parse("/1.0/instances/"))
                .hasMessageContaining("requires a non-empty name");
    }

    @Test
    void constructorValidates()
    {
        assertThatThrownBy(() -> new EntityUrl(INSTANCE, List.of("a", "b"), "p", null))
                .hasMessage("Entity type \"instance\" requires 1 path arguments (name) but 2 were given");
        assertThatThrownBy(() -> new EntityUrl(INSTANCE, List.of("a"), null, null))
                .hasMessage("Entities of type \"instance\" require a project");
        assertThatThrownBy(() -> new EntityUrl(CLUSTER_LINK, List.of("a"), "p", null))
                .hasMessage("Entities of type \"cluster_link\" do not belong to a project");
        assertThatThrownBy(() -> new EntityUrl(INSTANCE, List.of("a"), "p", "m1"))
                .hasMessage("Entities of type \"instance\" cannot have a location");
        assertThatThrownBy(() -> new EntityUrl(SERVER, List.of(), null, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EntityUrl(STORAGE_VOLUME, List.of("p", "custom", "v"), "p", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
