package dev.jxd.cli;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Parses {@code <group> <entity_type> [<entity_name>] <entitlement> [<key>=<value>...]} of
 * {@code jxc auth group permission add|remove} into the permission the group would hold (spec §6.4.3).
 *
 * <p>Unlike {@code lxc}, a project-scoped entity without {@code project=<name>} refers to the current project
 * ({@code --project}, else the remote's project, else {@code default}) instead of being an error.
 */
final class PermissionArguments
{
    private PermissionArguments() {}

    /**
     * @param arguments starting with the group argument
     * @param currentProject the project used when a project-scoped entity has no {@code project=} argument
     */
    static Permission parse(List<String> arguments, String currentProject)
    {
        requireNonNull(arguments, "arguments is null");
        requireNonNull(currentProject, "currentProject is null");
        if (arguments.size() < 3) {
            throw new CliException("Invalid number of arguments");
        }
        String entityTypeName = arguments.get(1);
        EntityType entityType = EntityType.fromName(entityTypeName)
                .orElseThrow(() -> new CliException("Unknown entity type \"%s\"".formatted(entityTypeName)));

        if (entityType == EntityType.SERVER) {
            if (arguments.size() != 3) {
                throw new CliException("Expected three arguments: `jxc auth group grant [<remote>:]<group> server <entitlement>`");
            }
            return new Permission(entityType.wireName(), EntityUrl.server().url(), arguments.get(2));
        }

        if (arguments.size() < 4) {
            throw new CliException("Expected at least four arguments: "
                    + "`jxc auth group grant [<remote>:]<group> <object_type> <object_name> <entitlement> [<key>=<value>...]`");
        }
        String entityName = arguments.get(2);
        String entitlement = arguments.get(3);
        Map<String, String> supplementary = new HashMap<>();
        for (String argument : arguments.subList(4, arguments.size())) {
            int equals = argument.indexOf('=');
            if (equals < 0) {
                throw new CliException("Supplementary arguments must be of the form <key>=<value>");
            }
            supplementary.put(argument.substring(0, equals), argument.substring(equals + 1));
        }

        List<String> pathArguments = new ArrayList<>();
        if (entityType == EntityType.IDENTITY) {
            IdentityArgument identity = IdentityArgument.parseWithoutRemote("", entityName);
            pathArguments.add(identity.authenticationMethod());
            pathArguments.add(identity.name());
        }
        else {
            pathArguments.add(entityName);
        }
        if (entityType == EntityType.STORAGE_VOLUME) {
            String volumeType = supplementary.get("type");
            if (volumeType == null) {
                throw new CliException("Entities of type \"%s\" require a supplementary storage volume type argument `type=<storage volume type>`"
                        .formatted(entityType.wireName()));
            }
            pathArguments.addFirst(volumeType);
        }
        if (entityType == EntityType.STORAGE_VOLUME || entityType == EntityType.STORAGE_BUCKET) {
            String pool = supplementary.get("pool");
            if (pool == null) {
                throw new CliException("Entities of type \"%s\" require a supplementary storage pool argument `pool=<pool_name>`"
                        .formatted(entityType.wireName()));
            }
            pathArguments.addFirst(pool);
        }

        String project = supplementary.getOrDefault("project", currentProject);
        try {
            EntityUrl url = EntityUrl.of(entityType, project, pathArguments.toArray(String[]::new));
            String location = supplementary.get("location");
            if (location != null) {
                url = url.withLocation(location);
            }
            return new Permission(entityType.wireName(), url.url(), entitlement);
        }
        catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
