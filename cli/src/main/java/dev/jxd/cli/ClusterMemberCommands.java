package dev.jxd.cli;

import dev.jxd.api.cluster.Cluster;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberPost;
import dev.jxd.api.cluster.ClusterMemberPut;
import dev.jxd.api.json.Json;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.jxd.cli.Strings.isNullOrEmpty;
import static dev.jxd.cli.Strings.nullToEmpty;
import static dev.jxd.cli.Strings.upperCase;
import static java.util.Objects.requireNonNull;

/**
 * The member commands of {@code jxc cluster}, shaped like {@code lxc cluster}: list, show, info, edit, rename and
 * remove. Enabling clustering is {@link ClusterEnableCommand}; join tokens are {@link ClusterJoinTokenCommands}.
 */
final class ClusterMemberCommands
{
    static final String CLUSTER_PATH = "/1.0/cluster";
    static final String MEMBERS_PATH = "/1.0/cluster/members";
    static final String RESOURCE = "cluster member";
    static final String NOT_CLUSTERED = "LXD server isn't part of a cluster";

    private static final String USAGE_MEMBER = "[<remote>:]<member>";

    private ClusterMemberCommands() {}

    static String memberPath(String name)
    {
        return ApiPaths.path(MEMBERS_PATH, name);
    }

    /** lxc checks this before listing members or tokens, so that a standalone server gets a clear error. */
    static void requireClustered(JxdClient client)
    {
        if (!client.getAs(CLUSTER_PATH, Cluster.class).enabled()) {
            throw new CliException(NOT_CLUSTERED);
        }
    }

    /** The member named by a {@code [<remote>:]<member>} argument. */
    private static ClusterMember fetchMember(CliContext context, String target)
    {
        RemoteArgument argument = RemoteArgument.parse(context.config(), target);
        return context.client(argument.remote()).getAs(memberPath(argument.requireName(RESOURCE)), ClusterMember.class);
    }

    /** The member as Go's encoders write {@code api.ClusterMember}: fields in struct order, config keys sorted. */
    static ObjectNode memberTree(ClusterMember member)
    {
        return withSortedConfig(Json.lenient().valueToTree(member), member.config());
    }

    private static ObjectNode withSortedConfig(ObjectNode tree, Map<String, String> config)
    {
        // The records copy their config into an unordered map; replacing the value keeps the field's position
        tree.set("config", Json.lenient().valueToTree(ClusterLinkCommand.sortedConfig(config)));
        return tree;
    }

    @Command(name = "edit",
            description = {
                    "Edit cluster member configurations as YAML",
                    "",
                    "The writable fields are roles, failure_domain, description, config and groups.",
                    "YAML is read from standard input when it is not a terminal; otherwise the",
                    "member opens in the editor and is updated only if nobody changed it meanwhile."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster edit <cluster member> < member.yaml",
                    "      Update a cluster member using the content of member.yaml"})
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a yaml representation of the cluster member.
                ### Any line starting with a '#' will be ignored.

                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_MEMBER)
        private String target;

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String path = memberPath(argument.requireName(RESOURCE));
            JxdClient client = context.client(argument.remote());
            new Editor(context).editResource(client, path, HELP_HEADER, "Config parsing error: ",
                    current -> {
                        ClusterMemberPut writable = current.metadataAs(ClusterMember.class).writable();
                        return withSortedConfig(Json.lenient().valueToTree(writable), writable.config());
                    },
                    (yaml, etag) -> ProjectCommand.awaitIfAsync(client, client.put(path, Yaml.read(yaml, ClusterMemberPut.class), etag)));
        }
    }

    @Command(name = "info",
            description = {
                    "Show useful information about a cluster member",
                    "",
                    "Prints a summary of the member: its address, status, and its part in the",
                    "cluster database (the leader, a voter, a standby, or none)."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster info member1",
                    "      Show whether member1 is online and which database roles it holds."})
    static final class Info
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_MEMBER)
        private String target;

        Info(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClusterMember member = fetchMember(context, target);
            context.out().printf("Name: %s%n", member.serverName());
            context.out().printf("URL: %s%n", member.url());
            context.out().printf("Status: %s%n", member.status());
            context.out().printf("Message: %s%n", member.message());
            context.out().printf("Roles: %s%n", member.roles().isEmpty() ? "none" : String.join(", ", member.roles()));
            context.out().printf("Database leader: %s%n", yesNo(member.roles().contains(ClusterMember.ROLE_DATABASE_LEADER)));
            context.out().printf("Database voter: %s%n", yesNo(member.database()));
            printIfPresent("Architecture", member.architecture());
            printIfPresent("Failure domain", member.failureDomain());
            printIfPresent("Description", member.description());
            if (!member.groups().isEmpty()) {
                context.out().printf("Groups: %s%n", String.join(", ", member.groups()));
            }
        }

        private void printIfPresent(String label, String value)
        {
            if (!isNullOrEmpty(value)) {
                context.out().printf("%s: %s%n", label, value);
            }
        }

        private static String yesNo(boolean value)
        {
            return value ? "yes" : "no";
        }
    }

    @Command(name = "list", aliases = "ls",
            description = {
                    "List all the cluster members",
                    "",
                    "STATE is the member's status in capitals (ONLINE, OFFLINE); ROLES are",
                    "database-leader, database (a voter) and database-standby."})
    static final class ListMembers
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        ListMembers(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            JxdClient client = context.client(remote);
            requireClustered(client);
            List<ClusterMember> members = client.getAs(ApiPaths.withQuery(MEMBERS_PATH, "recursion", "1"), new TypeReference<List<ClusterMember>>() {});
            // lxc joins a member's roles with newlines, which a table shows as one line each, but with commas in CSV
            String rolesDelimiter = format.equals("csv") ? "," : "\n";
            List<List<String>> rows = new ArrayList<>();
            for (ClusterMember member : members) {
                rows.add(List.of(
                        nullToEmpty(member.serverName()),
                        nullToEmpty(member.url()),
                        String.join(rolesDelimiter, member.roles()),
                        nullToEmpty(member.architecture()),
                        member.failureDomain(),
                        member.description(),
                        upperCase(member.status()),
                        nullToEmpty(member.message())));
            }
            List<String> header = List.of("NAME", "URL", "ROLES", "ARCHITECTURE", "FAILURE DOMAIN", "DESCRIPTION", "STATE", "MESSAGE");
            Formatter.render(context.out(), format, header, rows, members.stream().map(ClusterMemberCommands::memberTree).toList());
        }
    }

    @Command(name = "remove", aliases = "rm",
            description = {
                    "Remove a member from the cluster",
                    "",
                    "With --force, the member is removed even if it is degraded or unreachable;",
                    "this asks for confirmation unless --yes is given."})
    static final class Remove
            implements Runnable
    {
        private static final String FORCE_PROMPT = """
                Forcefully removing a server from the cluster should only be done as a last
                resort.

                The removed server will not be functional after this action and will require a
                full reset of LXD, losing any remaining instance, image or storage volume
                that the server may have held.

                When possible, a graceful removal should be preferred, this will require you to
                move any affected instance, image or storage volume to another server prior to
                the server being cleanly removed from the cluster.

                The --force flag should only be used if the server has died, been reinstalled
                or is otherwise never expected to come back up.

                Are you really sure you want to force removing %s? (yes/no): \
                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_MEMBER)
        private String target;

        @Option(names = {"-f", "--force"}, description = "Force removing a member, even if degraded")
        private boolean force;

        @Option(names = "--yes", description = "Don't require user confirmation for using --force")
        private boolean nonInteractive;

        Remove(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName(RESOURCE);
            if (force && !nonInteractive) {
                confirmForcedRemoval(name);
            }
            String path = memberPath(name);
            if (force) {
                path = ApiPaths.withQuery(path, "force", "1");
            }
            JxdClient client = context.client(argument.remote());
            ProjectCommand.awaitIfAsync(client, client.delete(path));
            if (!context.quiet()) {
                context.out().printf("Member %s removed%n", name);
            }
        }

        private void confirmForcedRemoval(String name)
        {
            // Shown even when quiet: the user cannot answer a question they do not see
            context.out().printf(FORCE_PROMPT, name);
            context.out().flush();
            String answer = context.readLine();
            // Like lxc, only an exact "yes" (in any case) confirms; end of input is a refusal
            if (answer == null || !answer.toLowerCase(Locale.ROOT).equals("yes")) {
                throw new CliException("User aborted delete operation");
            }
        }
    }

    @Command(name = "rename", aliases = "mv", description = "Rename a cluster member")
    static final class Rename
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_MEMBER)
        private String target;

        @Parameters(index = "1", paramLabel = "<new-name>")
        private String newName;

        Rename(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName(RESOURCE);
            JxdClient client = context.client(argument.remote());
            ProjectCommand.awaitIfAsync(client, client.post(memberPath(name), new ClusterMemberPost(newName)));
            if (!context.quiet()) {
                context.out().printf("Member %s renamed to %s%n", name, newName);
            }
        }
    }

    @Command(name = "show",
            description = {
                    "Show details of a cluster member",
                    "",
                    "Prints the member as YAML, as the server reports it."})
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_MEMBER)
        private String target;

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            context.out().print(Yaml.write(memberTree(fetchMember(context, target))));
        }
    }
}
