package dev.jxd.cli;

import dev.jxd.api.cluster.Cluster;
import dev.jxd.api.cluster.ClusterPut;
import dev.jxd.api.server.ServerInfo;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.jxd.cli.ClusterMemberCommands.CLUSTER_PATH;
import static java.util.Objects.requireNonNull;

/** {@code jxc cluster enable}: turns a standalone server into the first member of a cluster, as {@code lxc cluster enable}. */
@Command(name = "enable",
        description = {
                "Enable clustering on a single non-clustered jxd server",
                "",
                "This command turns a non-clustered jxd server into the first member of a new",
                "cluster, which will have the given name.",
                "",
                "It's required that the server is already available on the network. You can check",
                "that by running 'jxc config get core.https_address', and possibly set a value",
                "for the address if not yet set."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jxc cluster enable member1",
                "      Turn the default remote into member1, the first member of a cluster.",
                "",
                "  jxc cluster enable lab: member1",
                "      The same on the server of remote \"lab\"."})
final class ClusterEnableCommand
        implements Runnable
{
    private static final List<String> ADDRESS_KEYS = List.of("core.https_address", "cluster.https_address");

    private final CliContext context;

    @Parameters(arity = "1..2", paramLabel = "[<remote>:] <name>", hideParamSyntax = true)
    private List<String> arguments;

    ClusterEnableCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void run()
    {
        // "[<remote>:] <name>": the name is always the last argument
        String remote = RemoteArgument.parseRemoteOnly(context.config(), arguments.size() == 2 ? arguments.getFirst() : null);
        String name = arguments.getLast();
        JxdClient client = context.client(remote);

        ServerInfo server = wrap("Failed to retrieve current server config", () -> client.getAs("/1.0", ServerInfo.class));
        if (!isListening(server.config())) {
            throw new CliException("This LXD server is not available on the network");
        }
        Cluster cluster = wrap("Failed to retrieve current cluster config", () -> client.getAs(CLUSTER_PATH, Cluster.class));
        if (cluster.enabled()) {
            throw new CliException("This LXD server is already clustered");
        }
        // lxc sends no If-Match here: the server refuses a second enable anyway
        wrap("Failed to configure cluster", () -> {
            ApiResponse response = client.put(CLUSTER_PATH, ClusterPut.enable(name), null);
            ProjectCommand.awaitIfAsync(client, response);
            return response;
        });
        // Printed even when quiet, as lxc does
        context.out().println("Clustering enabled");
    }

    private static boolean isListening(Map<String, Object> config)
    {
        if (config == null) {
            return false;
        }
        return ADDRESS_KEYS.stream()
                .map(config::get)
                .anyMatch(value -> value instanceof String address && !address.isEmpty());
    }

    /** Runs the call, prefixing a failure's message with {@code context}, as lxc wraps errors with {@code %w}. */
    private static <T> T wrap(String context, Supplier<T> call)
    {
        try {
            return call.get();
        }
        catch (JxdClientException e) {
            throw new CliException(context + ": " + Main.describe(e), e);
        }
    }
}
