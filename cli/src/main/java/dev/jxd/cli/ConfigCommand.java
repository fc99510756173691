package dev.jxd.cli;

import dev.jxd.api.server.ServerInfo;
import dev.jxd.api.server.ServerPut;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** {@code jxc config}: the server configuration ({@code /1.0}). */
@Command(
        name = "config",
        description = "Manage server configuration options",
        subcommands = {
                ConfigCommand.Edit.class,
                ConfigCommand.Get.class,
                ConfigCommand.Set.class,
                ConfigCommand.Show.class,
                ConfigCommand.Unset.class,
        })
final class ConfigCommand
        extends CommandGroup
{
    private static final String SERVER_PATH = "/1.0";

    /**
     * Splits a leading {@code <remote>:} argument off the rest; arguments for the default remote have none.
     * A first argument naming something after the colon would be an instance, which jxd does not have.
     */
    static Target target(CliContext context, List<String> arguments)
    {
        if (!arguments.isEmpty()) {
            String first = arguments.getFirst();
            if (first.indexOf(':') >= 0 && first.indexOf('=') < 0) {
                RemoteArgument remote = RemoteArgument.parse(context.config(), first);
                if (!remote.name().isEmpty()) {
                    throw new CliException("Instance configuration is not supported by jxd");
                }
                return new Target(remote.remote(), arguments.subList(1, arguments.size()));
            }
        }
        return new Target(context.config().defaultRemote(), arguments);
    }

    /** {@code <key>=<value>...}, or the legacy {@code <key> <value>} pair. */
    static Map<String, String> keyValues(List<String> arguments)
    {
        Map<String, String> values = new LinkedHashMap<>();
        if (arguments.size() == 2 && arguments.getFirst().indexOf('=') < 0) {
            values.put(arguments.get(0), arguments.get(1));
            return values;
        }
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals < 0) {
                throw new CliException("Bad key=value pair: \"%s\"".formatted(argument));
            }
            values.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return values;
    }

    static Map<String, Object> sortedConfig(Map<String, Object> config)
    {
        Map<String, Object> sorted = new TreeMap<>(NaturalOrder.STRINGS);
        if (config != null) {
            sorted.putAll(config);
        }
        return sorted;
    }

    record Target(String remote, List<String> arguments)
    {
    }

    @Command(name = "get", description = "Get values for server configuration keys")
    static final class Get
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "1..2", paramLabel = "[<remote>:] <key>")
        private List<String> arguments;

        Get(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Target target = target(context, arguments);
            if (target.arguments().size() != 1) {
                throw new CliException("Invalid number of arguments");
            }
            ServerInfo server = context.client(target.remote()).getAs(SERVER_PATH, ServerInfo.class);
            Object value = server.config() == null ? null : server.config().get(target.arguments().getFirst());
            context.out().println(value == null ? "" : value);
        }
    }

    @Command(name = "set", description = "Set server configuration keys",
            footer = "%nFor backward compatibility, a single configuration key may still be set with:%n    jxc config set [<remote>:] <key> <value>")
    static final class Set
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "1..*", paramLabel = "[<remote>:] <key>=<value>...")
        private List<String> arguments;

        Set(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Target target = target(context, arguments);
            if (target.arguments().isEmpty()) {
                throw new CliException("Invalid number of arguments");
            }
            update(context, target.remote(), keyValues(target.arguments()));
        }
    }

    @Command(name = "unset", description = "Unset server configuration keys")
    static final class Unset
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "1..2", paramLabel = "[<remote>:] <key>")
        private List<String> arguments;

        Unset(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Target target = target(context, arguments);
            if (target.arguments().size() != 1) {
                throw new CliException("Invalid number of arguments");
            }
            // An empty value unsets the key, as lxc sends it
            update(context, target.remote(), Map.of(target.arguments().getFirst(), ""));
        }
    }

    @Command(name = "show", description = "Show the server configuration as YAML")
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private List<String> arguments = new ArrayList<>();

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Target target = target(context, arguments);
            if (!target.arguments().isEmpty()) {
                throw new CliException("Instance configuration is not supported by jxd");
            }
            ServerInfo server = context.client(target.remote()).getAs(SERVER_PATH, ServerInfo.class);
            context.out().print(Yaml.write(new ServerPut(sortedConfig(server.config()))));
        }
    }

    @Command(name = "edit", description = "Edit the server configuration as YAML",
            footer = "%nExample:%n  jxc config edit < config.yaml%n      Update the server configuration from config.yaml.")
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a YAML representation of the server configuration.
                ### Any line starting with a '# will be ignored.
                ###
                ### A sample configuration looks like:
                ### config:
                ###   core.https_address: 127.0.0.1:8443

                """;

        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private List<String> arguments = new ArrayList<>();

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            Target target = target(context, arguments);
            if (!target.arguments().isEmpty()) {
                throw new CliException("Instance configuration is not supported by jxd");
            }
            JxdClient client = context.client(target.remote());
            new Editor(context).editResource(client, SERVER_PATH, HELP_HEADER, "Config parsing error: ",
                    current -> new ServerPut(sortedConfig(current.metadataAs(ServerInfo.class).config())),
                    (yaml, etag) -> client.put(SERVER_PATH, Yaml.read(yaml, ServerPut.class), etag));
        }
    }

    private static void update(CliContext context, String remote, Map<String, String> values)
    {
        JxdClient client = context.client(remote);
        ApiResponse current = client.get(SERVER_PATH);
        ServerInfo server = current.metadataAs(ServerInfo.class);
        Map<String, Object> config = sortedConfig(server.config());
        config.putAll(values);
        client.put(SERVER_PATH, new ServerPut(config), current.etag());
    }
}
