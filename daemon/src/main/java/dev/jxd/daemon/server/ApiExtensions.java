package dev.jxd.daemon.server;

import java.util.List;

/**
 * The API extensions jxd advertises. LXD's clients refuse calls whose extension is missing, and
 * believe every one that is listed, so this lists only what jxd really implements.
 */
public final class ApiExtensions
{
    private static final List<String> EXTENSIONS = List.of(
            "certificate_token",
            // PUT/PATCH /1.0/certificates/<fingerprint> (lxc config trust edit), and restricted certificates' projects
            "certificate_update",
            "certificate_project",
            "explicit_trust_token",
            "projects",
            "access_management",
            "access_management_tls",
            "access_management_expiry",
            "entities_with_entitlements",
            "cluster_links",
            "cluster_links_used_by",
            "cluster_links_unidirectional",
            "cluster_links_public",
            "clustering",
            "clustering_join_token",
            "clustering_roles",
            "clustering_edit_roles");

    private ApiExtensions() {}

    public static List<String> all()
    {
        return EXTENSIONS;
    }
}
