package dev.jxd.cli;

import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code jxc query}: a raw API request, printing the response's metadata as {@code lxc query} does.
 *
 * <p>Most {@code jxc query} command lines never get here: {@link FastQuery} runs them without picocli and Jetty.
 * This command takes the rest (HTTPS remotes, unusual flags, help) and does the same {@link Query} work over
 * the remote's {@link JxdClient}.
 */
@Command(
        name = "query",
        description = "Send a raw query to jxd",
        footerHeading = "%nExample:%n",
        footer = "  jxc query -X DELETE --wait /1.0/instances/c1%n      Delete local instance \"c1\".")
final class QueryCommand
        implements Runnable
{
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "[<remote>:]<API path>")
    private String target;

    @Option(names = {"-X", "--request"}, paramLabel = "<method>", defaultValue = QueryArguments.DEFAULT_METHOD, description = "Action (default: ${DEFAULT-VALUE})")
    private String method;

    @Option(names = {"-d", "--data"}, paramLabel = "<data>", defaultValue = "", description = "Input data")
    private String data;

    @Option(names = "--wait", description = "Wait for the operation to complete")
    private boolean waitForOperation;

    @Option(names = "--raw", description = "Print the raw response")
    private boolean raw;

    QueryCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void run()
    {
        QueryArguments arguments = new QueryArguments(target, method, data, waitForOperation, raw);
        RemoteArgument resolved = Query.resolve(context, arguments);
        JxdClient client = context.client(resolved.remote());
        Query.run(context, arguments, resolved, (requestMethod, path, body) -> client.rawRequest(requestMethod, path, body, Query.CONTENT_TYPE, Map.of()));
    }
}
