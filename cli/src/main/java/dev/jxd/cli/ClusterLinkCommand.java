package dev.jxd.cli;

import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinkMemberState;
import dev.jxd.api.link.ClusterLinkPost;
import dev.jxd.api.link.ClusterLinkPut;
import dev.jxd.api.link.ClusterLinkState;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import static dev.jxd.cli.Strings.isNullOrEmpty;
import static dev.jxd.cli.Strings.nullToEmpty;
import static dev.jxd.cli.Strings.upperCase;
import static java.util.Objects.requireNonNull;

/** {@code jxc cluster link} (spec §6.1); {@code create} is {@link ClusterLinkCreateCommand}. */
@Command(
        name = "link",
        description = "Manage cluster links",
        subcommands = {
                ClusterLinkCreateCommand.class,
                ClusterLinkCommand.Delete.class,
                ClusterLinkCommand.Edit.class,
                ClusterLinkCommand.Get.class,
                ClusterLinkCommand.Info.class,
                ClusterLinkCommand.ListLinks.class,
                ClusterLinkCommand.Rename.class,
                ClusterLinkCommand.Set.class,
                ClusterLinkCommand.Show.class,
                ClusterLinkCommand.Unset.class,
        })
final class ClusterLinkCommand
        extends CommandGroup
{
    static final String LINKS_PATH = "/1.0/cluster/links";
    static final String ADDRESSES_KEY = "volatile.addresses";
    static final String RESOURCE = "cluster link";

    private static final String VOLATILE_PREFIX = "volatile.";
    private static final String PROPERTY_DESCRIPTION = "description";
    private static final String PROPERTY_CONFIG = "config";
    private static final String USAGE_LINK = "[<remote>:]<link>";

    static String linkPath(String name)
    {
        return ApiPaths.path(LINKS_PATH, name);
    }

    /** The link named by a {@code [<remote>:]<link>} argument, with the ETag to update it. */
    static FetchedLink fetch(CliContext context, String target)
    {
        RemoteArgument argument = RemoteArgument.parse(context.config(), target);
        String name = argument.requireName(RESOURCE);
        JxdClient client = context.client(argument.remote());
        String path = linkPath(name);
        ApiResponse response = client.get(path);
        return new FetchedLink(client, name, path, response.metadataAs(ClusterLink.class), response.etag());
    }

    record FetchedLink(JxdClient client, String name, String path, ClusterLink link, String etag)
    {
        Map<String, String> config()
        {
            return sortedConfig(link.config());
        }

        String description()
        {
            return nullToEmpty(link.description());
        }

        void update(String description, Map<String, String> config)
        {
            client.put(path, new ClusterLinkPut(description, config), etag);
        }
    }

    // Go's YAML encoder writes map keys in this order; the server's order is whatever its storage returned
    static Map<String, String> sortedConfig(Map<String, String> config)
    {
        Map<String, String> sorted = new TreeMap<>(NaturalOrder.STRINGS);
        if (config != null) {
            sorted.putAll(config);
        }
        return sorted;
    }

    /** Go's {@code fmt} rendering of a map, which is what {@code lxc ... get -p config} prints. */
    static String goMap(Map<String, String> map)
    {
        StringJoiner joiner = new StringJoiner(" ", "map[", "]");
        new TreeMap<>(map).forEach((key, value) -> joiner.add(key + ":" + value));
        return joiner.toString();
    }

    static String unknownProperty(String property)
    {
        return "The property with tag \"%s\" does not exist".formatted(property);
    }

    @Command(name = "delete", aliases = "rm",
            description = {
                    "Delete cluster links",
                    "",
                    "Nothing is sent to the remote cluster. Deleting a bidirectional link also",
                    "deletes the identity of the remote cluster (and a pending link's token),",
                    "so this cluster stops trusting it; the remote cluster keeps trusting this one",
                    "until its own side of the link is deleted too."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  On lxd01: jxc cluster link delete lxd02",
                    "      Delete cluster link lxd02 and its associated identity.",
                    "",
                    "  On lxd02: jxc cluster link delete lxd01",
                    "      Delete cluster link lxd01 and its associated identity."})
    static final class Delete
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        Delete(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName(RESOURCE);
            context.client(argument.remote()).delete(linkPath(name));
            if (!context.quiet()) {
                context.out().printf("Cluster link %s deleted%n", name);
            }
        }
    }

    @Command(name = "edit",
            description = {
                    "Edit cluster link configurations as YAML",
                    "",
                    "Only the description and the user.* configuration keys can be changed; the",
                    "volatile.* keys are the server's and must be left as they are."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster link edit [<remote>:]<link> < link.yaml",
                    "      Update a cluster link using the content of link.yaml."})
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a YAML representation of a cluster link.
                ### Any line starting with a '#' will be ignored.
                ###
                ### A cluster link consists of a set of configuration items.
                ###
                ### An example would look like:
                ### description: backup cluster
                ### config:
                ###   user.key: value
                ###

                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName(RESOURCE);
            String path = linkPath(name);
            JxdClient client = context.client(argument.remote());
            boolean edited = new Editor(context).editResource(client, path, HELP_HEADER, "Config parsing error: ",
                    current -> {
                        ClusterLink link = current.metadataAs(ClusterLink.class);
                        return new ClusterLinkPut(nullToEmpty(link.description()), sortedConfig(link.config()));
                    },
                    (yaml, etag) -> client.put(path, readWritable(yaml), etag));
            if (edited && !context.quiet()) {
                context.out().printf("Cluster link %s updated%n", name);
            }
        }

        // Go decodes an absent description as "", not null
        private static ClusterLinkPut readWritable(String yaml)
        {
            ClusterLinkPut put = Yaml.read(yaml, ClusterLinkPut.class);
            return new ClusterLinkPut(nullToEmpty(put.description()), put.config());
        }
    }

    @Command(name = "get",
            description = {
                    "Get values for cluster link configuration keys",
                    "",
                    "Prints the value of the configuration key (an empty line when it is not set),",
                    "or with --property the value of a property: description or config."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster link get lxd_b volatile.addresses",
                    "      Show the addresses this cluster uses to reach lxd_b.",
                    "",
                    "  jxc cluster link get lxd_b description --property",
                    "      Show the description of cluster link lxd_b."})
    static final class Get
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        @Parameters(index = "1", paramLabel = "<key>")
        private String key;

        @Option(names = {"-p", "--property"}, description = "Get the key as a cluster link property")
        private boolean property;

        Get(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            FetchedLink fetched = fetch(context, target);
            if (!property) {
                String value = fetched.config().get(key);
                context.out().println(nullToEmpty(value));
                return;
            }
            String value = switch (key) {
                case PROPERTY_DESCRIPTION -> fetched.description();
                case PROPERTY_CONFIG -> goMap(fetched.config());
                default -> throw new CliException("The property \"%s\" does not exist on the cluster link \"%s\": %s"
                        .formatted(key, fetched.name(), unknownProperty(key)));
            };
            context.out().println(value);
        }
    }

    @Command(name = "info",
            description = {
                    "Show useful information about a cluster link",
                    "",
                    "Asks every address of the link's remote cluster whether it answers and trusts",
                    "this cluster: ACTIVE (trusted), UNAUTHENTICATED (answers, does not trust this",
                    "cluster) or UNREACHABLE. Against jxd, the table also shows the link health",
                    "that jxd keeps per remote member: the last successful contact, the round trip",
                    "of that contact, when the member's certificate expires, and the last error."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster link info lxd_b",
                    "      Show cluster link lxd_b and the state of each of its remote members.",
                    "",
                    "  jxc cluster link info lxd_b --target member2",
                    "      Show the remote members' state as seen from cluster member member2."})
    static final class Info
            implements Runnable
    {
        private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss z", Locale.ROOT);

        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        @Option(names = "--target", paramLabel = "<member>", description = "Cluster member name")
        private String member;

        Info(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String path = linkPath(argument.requireName(RESOURCE));
            JxdClient client = context.client(argument.remote());
            ClusterLink link = client.getAs(ApiPaths.withQuery(path, "target", member), ClusterLink.class);
            ClusterLinkState state = client.getAs(ApiPaths.withQuery(path + "/state", "target", member), ClusterLinkState.class);
            List<ClusterLinkMemberState> members = state.clusterLinkMembers() == null ? List.of() : state.clusterLinkMembers();

            context.out().printf("Name: %s%n", link.name());
            if (!isNullOrEmpty(link.description())) {
                context.out().printf("Description: %s%n", link.description());
            }
            context.out().printf("Type: %s%n", upperCase(link.type()));
            context.out().println("Cluster link members:");

            // LXD reports three columns; the health columns appear only when the server is jxd and reports them
            boolean health = members.stream().anyMatch(Info::hasHealth);
            boolean errors = members.stream().anyMatch(memberState -> !isNullOrEmpty(memberState.error()));
            List<String> header = new ArrayList<>(List.of("ADDRESS", "NAME", "STATE"));
            if (health || errors) {
                header.addAll(List.of("LAST CONTACT", "ROUND TRIP", "CERTIFICATE EXPIRES"));
            }
            if (errors) {
                header.add("ERROR");
            }
            List<List<String>> rows = new ArrayList<>();
            for (ClusterLinkMemberState memberState : members) {
                List<String> row = new ArrayList<>(List.of(
                        nullToEmpty(memberState.address()),
                        nullToEmpty(memberState.serverName()),
                        upperCase(memberState.status())));
                if (health || errors) {
                    row.add(time(memberState.lastContact()));
                    row.add(memberState.roundTripMillis() == null ? "" : String.format(Locale.ROOT, "%.1f ms", memberState.roundTripMillis()));
                    row.add(time(memberState.certificateExpiresAt()));
                }
                if (errors) {
                    row.add(nullToEmpty(memberState.error()));
                }
                rows.add(row);
            }
            Formatter.render(context.out(), "table", header, rows, state);
        }

        private static boolean hasHealth(ClusterLinkMemberState state)
        {
            return state.lastContact() != null || state.roundTripMillis() != null || state.certificateExpiresAt() != null;
        }

        private static String time(Instant instant)
        {
            return instant == null ? "" : TIME_FORMAT.format(instant.atZone(ZoneId.systemDefault()));
        }
    }

    @Command(name = "list", aliases = "ls",
            description = {
                    "List cluster links",
                    "",
                    "IDENTITY STATUS is ACTIVE once the link knows its remote cluster's addresses,",
                    "PENDING while it waits for the remote side (or for a public link's",
                    "confirmation)."})
    static final class ListLinks
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        ListLinks(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            List<ClusterLink> links = context.client(remote).getAs(ApiPaths.withQuery(LINKS_PATH, "recursion", "1"), new TypeReference<List<ClusterLink>>() {});
            List<List<String>> rows = new ArrayList<>();
            for (ClusterLink link : links) {
                String addresses = link.config() == null ? null : link.config().get(ADDRESSES_KEY);
                rows.add(List.of(
                        nullToEmpty(link.name()),
                        nullToEmpty(addresses),
                        nullToEmpty(link.description()),
                        isNullOrEmpty(addresses) ? "PENDING" : "ACTIVE",
                        upperCase(link.type())));
            }
            Formatter.render(context.out(), format, List.of("NAME", "ADDRESSES", "DESCRIPTION", "IDENTITY STATUS", "TYPE"), rows, links);
        }
    }

    @Command(name = "rename", aliases = "mv",
            description = {
                    "Rename cluster links",
                    "",
                    "A bidirectional link's identity is renamed with it. A link in use (for",
                    "example by a replicator) cannot be renamed."})
    static final class Rename
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
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
            context.client(argument.remote()).post(linkPath(name), new ClusterLinkPost(newName));
            if (!context.quiet()) {
                context.out().printf("Cluster link %s renamed to %s%n", name, newName);
            }
        }
    }

    @Command(name = "set",
            description = {
                    "Set cluster link configuration keys",
                    "",
                    "Only user.* keys can be set; the server owns the volatile.* keys. With",
                    "--property, sets the description instead."},
            footerHeading = "%n",
            footer = {
                    "For backward compatibility, a single configuration key may still be set with:",
                    "    jxc cluster link set [<remote>:]<link> <key> <value>",
                    "",
                    "Examples:",
                    "  jxc cluster link set lxd_b user.site=paris user.owner=ops",
                    "      Set two user keys on cluster link lxd_b.",
                    "",
                    "  jxc cluster link set lxd_b description=\"Backup site\" --property",
                    "      Set the description of cluster link lxd_b."})
    static final class Set
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key>=<value>")
        private List<String> values;

        @Option(names = {"-p", "--property"}, description = "Set the key as a cluster link property")
        private boolean property;

        Set(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Map<String, String> changes = ConfigCommand.keyValues(values);
            FetchedLink fetched = fetch(context, target);
            String description = fetched.description();
            Map<String, String> config = fetched.config();
            if (!property) {
                config.putAll(changes);
                fetched.update(description, config);
                return;
            }
            for (Map.Entry<String, String> change : changes.entrySet()) {
                switch (change.getKey()) {
                    case PROPERTY_DESCRIPTION -> description = change.getValue();
                    case PROPERTY_CONFIG -> throw new CliException(
                            "Error setting properties: The property \"config\" is a map; set its keys without --property");
                    default -> throw new CliException("Error setting properties: " + unknownProperty(change.getKey()));
                }
            }
            fetched.update(description, config);
        }
    }

    @Command(name = "show", description = {"Show cluster link configurations", "", "Prints the link as YAML: name, description, type, config and used_by."})
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClusterLink link = fetch(context, target).link();
            ClusterLink sorted = new ClusterLink(link.accessEntitlements(), link.name(), link.description(), link.type(),
                    sortedConfig(link.config()), link.usedBy() == null ? List.of() : link.usedBy());
            context.out().print(Yaml.write(sorted));
        }
    }

    @Command(name = "unset",
            description = {
                    "Unset cluster link configuration keys",
                    "",
                    "With --property, clears a property instead: description, or config (which",
                    "removes every user.* key and keeps the server's volatile.* keys)."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster link unset lxd_b user.site",
                    "      Remove the key user.site from cluster link lxd_b."})
    static final class Unset
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = USAGE_LINK)
        private String target;

        @Parameters(index = "1", paramLabel = "<key>")
        private String key;

        @Option(names = {"-p", "--property"}, description = "Unset the key as a cluster link property")
        private boolean property;

        Unset(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            FetchedLink fetched = fetch(context, target);
            Map<String, String> config = fetched.config();
            if (!property) {
                // An empty value unsets the key, as lxc sends it
                config.put(key, "");
                fetched.update(fetched.description(), config);
                return;
            }
            switch (key) {
                case PROPERTY_DESCRIPTION -> fetched.update("", config);
                case PROPERTY_CONFIG -> {
                    // The server rejects a PUT that drops its volatile keys
                    config.keySet().removeIf(configKey -> !configKey.startsWith(VOLATILE_PREFIX));
                    fetched.update(fetched.description(), config);
                }
                default -> throw new CliException("Error unsetting property: " + unknownProperty(key));
            }
        }
    }
}
