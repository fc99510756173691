package dev.jxd.cli;

import dev.jxd.api.ResponseEnvelope;
import dev.jxd.api.json.Json;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.RawResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code jxc query} does once its arguments are parsed, shared by the picocli command ({@link QueryCommand})
 * and the fast path ({@link FastQuery}) so that both check, send and print alike; only the transport of the
 * first request differs.
 */
final class Query
{
    static final String CONTENT_TYPE = "application/json";

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE");
    // Operations may legitimately run long; lxc waits without a limit
    private static final Duration WAIT_TIMEOUT = Duration.ofDays(1);

    /** Sends the query's request and returns the response whatever its status. */
    interface Transport
    {
        RawResponse send(String method, String path, byte[] body);
    }

    private Query() {}

    /** Checks the arguments as {@code lxc} does and splits the target into remote and API path. */
    static RemoteArgument resolve(CliContext context, QueryArguments arguments)
    {
        if (context.projectOverride() != null) {
            throw new CliException("--project cannot be used with the query command");
        }
        if (!METHODS.contains(arguments.method())) {
            throw new CliException("Action \"%s\" isn't supported by this tool".formatted(arguments.method()));
        }
        RemoteArgument target = RemoteArgument.parse(context.config(), arguments.target());
        if (!target.name().startsWith("/")) {
            throw new CliException("Query path must start with /");
        }
        return target;
    }

    /**
     * Sends the request and prints the response as {@code lxc query} does; operations are waited for with the
     * remote's {@link dev.jxd.client.JxdClient}.
     *
     * @param target as returned by {@link #resolve}
     */
    static void run(CliContext context, QueryArguments arguments, RemoteArgument target, Transport transport)
    {
        String path = target.name();
        RawResponse response = transport.send(arguments.method(), path, body(arguments.data()));
        // Jackson only for what the plain reader leaves to it
        Object plain = PlainJson.read(response.body());
        if (plain != PlainJson.OUTSIDE_SUBSET && printPlain(context, arguments, path, response, plain)) {
            return;
        }

        JsonNode envelopeNode = parseEnvelope(response);
        if (envelopeNode == null) {
            printNonEnvelope(context, path, response);
            return;
        }
        ResponseEnvelope envelope = Json.convert(envelopeNode, ResponseEnvelope.class);
        requireSuccess(envelope, response);

        if (arguments.waitForOperation() && hasOperation(envelope)) {
            ApiResponse waited = context.client(target.remote()).waitOperationResponse(envelope.operation(), WAIT_TIMEOUT);
            JsonNode error = waited.metadata().get("err");
            if (error != null && error.isString() && !error.asString().isEmpty()) {
                throw new CliException(error.asString());
            }
            envelopeNode = Json.lenient().valueToTree(waited.envelope());
        }

        if (arguments.raw()) {
            printJson(context, GoJson.indent(envelopeNode, false));
            return;
        }
        JsonNode metadata = envelopeNode.get("metadata");
        if (metadata == null || metadata.isNull() || (metadata.isObject() && metadata.isEmpty())) {
            return;
        }
        printJson(context, GoJson.indent(metadata, true));
    }

    /**
     * Handles the response from its plain value as {@link #run} does from Jackson's tree; false, having done
     * nothing, when that needs Jackson: an envelope member Jackson would coerce, or an operation to wait for,
     * whose result is printed from Jackson's tree.
     */
    private static boolean printPlain(CliContext context, QueryArguments arguments, String path, RawResponse response, Object value)
    {
        if (!PlainJson.isEnvelope(value)) {
            printNonEnvelope(context, path, response);
            return true;
        }
        ResponseEnvelope envelope = PlainJson.envelope(value);
        if (envelope == null) {
            return false;
        }
        requireSuccess(envelope, response);
        if (arguments.waitForOperation() && hasOperation(envelope)) {
            return false;
        }
        if (arguments.raw()) {
            printJson(context, PlainJson.indent(value, false));
            return true;
        }
        Object metadata = ((Map<?, ?>) value).get("metadata");
        if (metadata == null || (metadata instanceof Map<?, ?> object && object.isEmpty())) {
            return true;
        }
        printJson(context, PlainJson.indent(metadata, true));
        return true;
    }

    // Not an API response (metrics, files): print it as is when the request succeeded
    private static void printNonEnvelope(CliContext context, String path, RawResponse response)
    {
        if (response.status() != 200) {
            throw new CliException("Failed to fetch %s: %d %s".formatted(path, response.status(), response.bodyAsString().strip()));
        }
        context.out().print(response.bodyAsString());
    }

    private static void requireSuccess(ResponseEnvelope envelope, RawResponse response)
    {
        if (ResponseEnvelope.ERROR.equals(envelope.type()) || response.status() >= 400) {
            throw new CliException(envelope.error() == null || envelope.error().isEmpty() ? "HTTP " + response.status() : envelope.error());
        }
    }

    private static boolean hasOperation(ResponseEnvelope envelope)
    {
        return envelope.operation() != null && !envelope.operation().isEmpty();
    }

    // Like lxc, the JSON is followed by an empty line (its encoder's newline plus Println's)
    private static void printJson(CliContext context, String json)
    {
        context.out().println(json);
        context.out().println();
    }

    private static byte[] body(String data)
    {
        if (data.isEmpty()) {
            return null;
        }
        // As lxc: valid JSON is sent as is, anything else as a JSON string
        Object plain = PlainJson.read(data);
        if (plain != PlainJson.OUTSIDE_SUBSET) {
            return PlainJson.write(plain);
        }
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
