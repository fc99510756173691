package dev.jxd.cli;

import dev.jxd.api.ResponseEnvelope;
import dev.jxd.api.json.Json;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.client.RawResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code jxc query}: a raw API request, printing the response's metadata as {@code lxc query} does. */
@Command(
        name = "query",
        description = "Send a raw query to jxd",
        footerHeading = "%nExample:%n",
        footer = "  jxc query -X DELETE --wait /1.0/instances/c1%n      Delete local instance \"c1\".")
final class QueryCommand
        implements Runnable
{
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");
    // Operations may legitimately run long; lxc waits without a limit
    private static final Duration WAIT_TIMEOUT = Duration.ofDays(1);

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "[<remote>:]<API path>")
    private String target;

    @Option(names = {"-X", "--request"}, paramLabel = "<method>", defaultValue = "GET", description = "Action (default: ${DEFAULT-VALUE})")
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
        if (context.projectOverride() != null) {
            throw new CliException("--project cannot be used with the query command");
        }
        if (!METHODS.contains(method)) {
            throw new CliException("Action \"%s\" isn't supported by this tool".formatted(method));
        }
        RemoteArgument argument = RemoteArgument.parse(context.config(), target);
        String path = argument.name();
        if (!path.startsWith("/")) {
            throw new CliException("Query path must start with /");
        }
        JxdClient client = context.client(argument.remote());

        RawResponse response = client.rawRequest(method, path, body(), "application/json", Map.of());
        JsonNode envelopeNode = parseEnvelope(response);
        if (envelopeNode == null) {
            // Not an API response (metrics, files): print it as is when the request succeeded
            if (response.status() != 200) {
                throw new CliException("Failed to fetch %s: %d %s".formatted(path, response.status(), response.bodyAsString().strip()));
            }
            context.out().print(response.bodyAsString());
            return;
        }
        ResponseEnvelope envelope = Json.convert(envelopeNode, ResponseEnvelope.class);
        if (ResponseEnvelope.ERROR.equals(envelope.type()) || response.status() >= 400) {
            throw new CliException(envelope.error() == null || envelope.error().isEmpty() ? "HTTP " + response.status() : envelope.error());
        }

        if (waitForOperation && envelope.operation() != null && !envelope.operation().isEmpty()) {
            ApiResponse waited = client.waitOperationResponse(envelope.operation(), WAIT_TIMEOUT);
            JsonNode error = waited.metadata().get("err");
            if (error != null && error.isString() && !error.asString().isEmpty()) {
                throw new CliException(error.asString());
            }
            envelopeNode = Json.lenient().valueToTree(waited.envelope());
        }

        // Like lxc, the JSON is followed by an empty line (its encoder's newline plus Println's)
        if (raw) {
            context.out().println(GoJson.indent(envelopeNode, false));
            context.out().println();
            return;
        }
        JsonNode metadata = envelopeNode.get("metadata");
        if (metadata == null || metadata.isNull() || (metadata.isObject() && metadata.isEmpty())) {
            return;
        }
        context.out().println(GoJson.indent(metadata, true));
        context.out().println();
    }

    private byte[] body()
    {
        if (data.isEmpty()) {
            return null;
        }
        // As lxc: valid JSON is sent as is, anything else as a JSON string
        try {
            return Json.writeBytes(Json.lenient().readTree(data));
        }
        catch (JacksonException e) {
            return Json.writeBytes(data);
        }
    }

    private static JsonNode parseEnvelope(RawResponse response)
    {
        try {
            JsonNode node = Json.lenient().readTree(response.body());
            if (node instanceof ObjectNode && node.has("type")) {
                return node;
            }
            return null;
        }
        catch (JacksonException e) {
            return null;
        }
    }
}
