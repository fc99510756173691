package dev.jxd.daemon.group;

import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.http.RouteProvider;

import java.util.ArrayList;
import java.util.List;

/** Builds the group feature from the daemon's shared services. */
public final class GroupFeature
{
    private GroupFeature() {}

    public static List<RouteProvider> create(DaemonServices services)
    {
        return create(services, List.of());
    }

    /**
     * @param additionalSources entity sources for entity types owned by other features (cluster links, replicators),
     * so that permissions can reference their entities
     */
    public static List<RouteProvider> create(DaemonServices services, List<EntitySource> additionalSources)
    {
        List<EntitySource> sources = new ArrayList<>(EntitySources.core());
        sources.addAll(additionalSources);
        EntityCatalog entities = new EntityCatalog(sources);
        GroupService groups = new GroupService(services.store(), services.authorization(), services.events(), new PermissionValidator(services.store(), entities));
        return List.of(
                new GroupHandler(groups, services.authorization()),
                new PermissionHandler(new PermissionService(services.store(), entities)));
    }
}
