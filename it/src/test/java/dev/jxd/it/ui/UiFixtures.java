package dev.jxd.it.ui;

import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.daemon.testing.TestDaemon;

import java.util.List;

/** What the scenarios prepare through the API before the browser takes over. */
final class UiFixtures
{
    /** Holds {@code server admin}: the browsers of the administrators. */
    static final String ADMINS = "ui-admins";
    /** The group a linked cluster's identity is put in. */
    static final String LINKED_CLUSTERS = "linked-clusters";

    private UiFixtures() {}

    static void createGroup(TestDaemon daemon, String name, String description, List<Permission> permissions)
    {
        daemon.unixClient().post("/1.0/auth/groups", new AuthGroupsPost(name, description, permissions));
    }

    /** The groups every cluster-link scenario needs, on one daemon. */
    static void prepareLinkGroups(TestDaemon daemon)
    {
        createGroup(daemon, ADMINS, "Administrators using the web UI", List.of(new Permission("server", "/1.0", "admin")));
        createGroup(daemon, LINKED_CLUSTERS, "Clusters linked to this one", List.of(new Permission("server", "/1.0", "viewer")));
    }
}
