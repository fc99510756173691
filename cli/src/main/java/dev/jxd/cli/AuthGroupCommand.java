package dev.jxd.cli;

import dev.jxd.api.auth.AuthGroup;
import dev.jxd.api.auth.AuthGroupPost;
import dev.jxd.api.auth.AuthGroupPut;
import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.Permission;
import dev.jxd.cli.Formatter.Column;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.List;

import static dev.jxd.cli.Strings.nullToEmpty;
import static java.util.Objects.requireNonNull;

/** {@code jxc auth group} (spec §6.4.3). */
@Command(
        name = "group",
        description = "Manage groups",
        subcommands = {
                AuthGroupCommand.Create.class,
                AuthGroupCommand.Delete.class,
                AuthGroupCommand.Edit.class,
                AuthGroupCommand.ListGroups.class,
                AuthGroupCommand.PermissionGroup.class,
                AuthGroupCommand.Rename.class,
                AuthGroupCommand.Show.class,
        })
final class AuthGroupCommand
        extends CommandGroup
{
    static final String GROUPS_PATH = "/1.0/auth/groups";

    static String groupPath(String name)
    {
        return ApiPaths.path(GROUPS_PATH, name);
    }

    @Command(name = "create", description = "Create groups")
    static final class Create
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<group>")
        private String target;

        @Option(names = {"-d", "--description"}, paramLabel = "<description>", defaultValue = "", description = "Group description")
        private String description;

        Create(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("group");
            context.client(argument.remote()).post(GROUPS_PATH, new AuthGroupsPost(name, description, null));
            if (!context.quiet()) {
                context.out().printf("Group %s created%n", name);
            }
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete groups")
    static final class Delete
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<group>")
        private String target;

        Delete(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("group");
            context.client(argument.remote()).delete(groupPath(name));
            if (!context.quiet()) {
                context.out().printf("Group %s deleted%n", name);
            }
        }
    }

    @Command(name = "edit", description = "Edit groups as YAML",
            footer = "%nExample:%n  jxc auth group edit <group> < group.yaml%n      Update a group using the content of group.yaml")
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a YAML representation of the group.
                ### Any line starting with a '# will be ignored.
                ###
                ### NOTE: All group information is shown but only the description and permissions can be modified.
                ###
                ### name: my-first-group
                ### description: My first group.
                ### permissions:
                ### - entity_type: project
                ###   url: /1.0/projects/default
                ###   entitlement: can_view
                ### identities:
                ###   tls:
                ###   - eaa46a1b73827350e0543949fb161410c50e950d4cb9802fc58dbfbd5700e508
                ### identity_provider_groups:
                ### - sales

                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<group>")
        private String target;

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String path = groupPath(argument.requireName("group"));
            JxdClient client = context.client(argument.remote());
            new Editor(context).editResource(client, path, HELP_HEADER, "Could not parse group: ",
                    current -> current.metadataAs(AuthGroup.class),
                    (yaml, etag) -> client.put(path, Yaml.read(yaml, AuthGroupPut.class), etag));
        }
    }

    @Command(name = "list", aliases = "ls", description = "List groups")
    static final class ListGroups
            implements Runnable
    {
        private static final List<Column<AuthGroup>> COLUMNS = List.of(
                new Column<>('n', "NAME", (group, format) -> group.name()),
                new Column<>('d', "DESCRIPTION", (group, format) -> nullToEmpty(group.description())));

        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        @Option(names = {"-c", "--columns"}, paramLabel = "<columns>", defaultValue = "nd", description = "Columns: n (name), d (description)")
        private String columns;

        ListGroups(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            List<AuthGroup> groups = context.client(remote).getAs(ApiPaths.withQuery(GROUPS_PATH, "recursion", "1"), new TypeReference<List<AuthGroup>>() {});
            Formatter.renderColumns(context.out(), format, columns, COLUMNS, groups, groups);
        }
    }

    @Command(name = "rename", aliases = "mv", description = "Rename groups")
    static final class Rename
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<group>")
        private String target;

        @Parameters(index = "1", paramLabel = "<new_name>")
        private String newName;

        Rename(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("group");
            context.client(argument.remote()).post(groupPath(name), new AuthGroupPost(newName));
            if (!context.quiet()) {
                context.out().printf("Group %s renamed to %s%n", name, newName);
            }
        }
    }

    @Command(name = "show", description = "Show group configurations")
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<group>")
        private String target;

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            AuthGroup group = context.client(argument.remote()).getAs(groupPath(argument.requireName("group")), AuthGroup.class);
            context.out().print(Yaml.write(group));
        }
    }

    @Command(name = "permission", aliases = "perm", description = "Manage permissions",
            subcommands = {PermissionGroup.Add.class, PermissionGroup.Remove.class})
    static final class PermissionGroup
            extends CommandGroup
    {
        private static final String USAGE = "[<remote>:]<group> <entity_type> [<entity_name>] <entitlement> [<key>=<value>...]";

        @Command(name = "add", description = "Add permissions to groups",
                footer = {
                        "%nExamples:",
                        "  jxc auth group permission add g server admin",
                        "  jxc auth group permission add g project p operator",
                        "  jxc auth group permission add g instance c1 user project=default",
                        "  jxc auth group permission add g cluster_link lxd_two can_view",
                        "  jxc auth group permission add g identity tls/<fingerprint> can_view",
                        "",
                        "Entities in a project (instances, replicators, ...) take project=<name>; without it the",
                        "current project is used (--project, else the remote's current project, else default)."})
        static final class Add
                implements Runnable
        {
            private final CliContext context;

            @Parameters(arity = "3..*", paramLabel = USAGE)
            private List<String> arguments;

            Add(CliContext context)
            {
                this.context = requireNonNull(context, "context is null");
            }

            @Override
            public void run()
            {
                GroupPermissions group = GroupPermissions.fetch(context, arguments);
                if (group.permissions().contains(group.permission())) {
                    throw new CliException("Group \"%s\" already has entitlement \"%s\" on entity \"%s\""
                            .formatted(group.name(), group.permission().entitlement(), group.permission().url()));
                }
                List<Permission> permissions = new ArrayList<>(group.permissions());
                permissions.add(group.permission());
                group.update(permissions);
            }
        }

        @Command(name = "remove", aliases = "rm", description = "Remove permissions from groups")
        static final class Remove
                implements Runnable
        {
            private final CliContext context;

            @Parameters(arity = "3..*", paramLabel = USAGE)
            private List<String> arguments;

            Remove(CliContext context)
            {
                this.context = requireNonNull(context, "context is null");
            }

            @Override
            public void run()
            {
                GroupPermissions group = GroupPermissions.fetch(context, arguments);
                if (group.permissions().isEmpty()) {
                    throw new CliException("Group \"%s\" does not have any permissions".formatted(group.name()));
                }
                List<Permission> permissions = new ArrayList<>(group.permissions());
                if (!permissions.remove(group.permission())) {
                    throw new CliException("Group \"%s\" does not have entitlement \"%s\" on entity \"%s\""
                            .formatted(group.name(), group.permission().entitlement(), group.permission().url()));
                }
                group.update(permissions);
            }
        }
    }

    /** A group's current permissions (with the ETag to update them) and the permission the arguments name. */
    private record GroupPermissions(JxdClient client, String name, String description, List<Permission> permissions, String etag, Permission permission)
    {
        static GroupPermissions fetch(CliContext context, List<String> arguments)
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), arguments.getFirst());
            String name = argument.requireName("group");
            JxdClient client = context.client(argument.remote());
            ApiResponse response = client.get(groupPath(name));
            AuthGroup group = response.metadataAs(AuthGroup.class);
            Permission permission = PermissionArguments.parse(arguments, context.project(argument.remote()));
            return new GroupPermissions(
                    client,
                    name,
                    group.description(),
                    group.permissions() == null ? List.of() : group.permissions(),
                    response.etag(),
                    permission);
        }

        void update(List<Permission> newPermissions)
        {
            client.put(groupPath(name), new AuthGroupPut(description, newPermissions), etag);
        }
    }
}
