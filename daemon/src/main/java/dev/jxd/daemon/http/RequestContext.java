package dev.jxd.daemon.http;

import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Requestor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** Everything a handler may know about a request: already authenticated, routed and size-checked. */
public final class RequestContext
{
    private final String method;
    private final String path;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> query;
    private final Function<String, String> headers;
    private final byte[] body;
    private final Caller caller;

    public RequestContext(
            String method,
            String path,
            Map<String, String> pathParameters,
            Map<String, List<String>> query,
            Function<String, String> headers,
            byte[] body,
            Caller caller)
    {
        this.method = requireNonNull(method, "method is null");
        this.path = requireNonNull(path, "path is null");
        this.pathParameters = Map.copyOf(pathParameters);
        this.query = Map.copyOf(query);
        this.headers = requireNonNull(headers, "headers is null");
        this.body = requireNonNull(body, "body is null");
        this.caller = requireNonNull(caller, "caller is null");
    }

    public String method()
    {
        return method;
    }

    public String path()
    {
        return path;
    }

    public Caller caller()
    {
        return caller;
    }

    public Requestor requestor()
    {
        return caller.requestor();
    }

    public String pathParameter(String name)
    {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter " + name);
        }
        return value;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name)
    {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    public String queryParameter(String name, String defaultValue)
    {
        String value = queryParameter(name);
        return value == null ? defaultValue : value;
    }

    /** LXD treats a non-numeric {@code recursion} as 0. */
    public int recursion()
    {
        String value = queryParameter("recursion");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        }
        catch (NumberFormatException exception) {
            return 0;
        }
    }

    /** {@code ?project=}, defaulting to {@code default}. */
    public String project()
    {
        String value = queryParameter("project");
        return value == null || value.isEmpty() ? "default" : value;
    }

    /** The entitlements listed in {@code ?with-access-entitlements=}, or an empty list. */
    public List<String> requestedEntitlements()
    {
        String value = queryParameter("with-access-entitlements");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    public String header(String name)
    {
        return headers.apply(name);
    }

    public boolean hasBody()
    {
        return body.length > 0;
    }

    /**
     * Decodes the body strictly: malformed JSON and unknown fields are a 400 that names the problem. An
     * empty body decodes as JSON {@code null} would, which handlers treat as "nothing given".
     */
    public <T> T body(Class<T> type)
    {
        if (body.length == 0) {
            throw HttpStatusException.badRequest("Request body is empty");
        }
        try {
            T value = Json.strict().readValue(body, type);
            if (value == null) {
                throw HttpStatusException.badRequest("Request body must be a JSON object");
            }
            return value;
        }
        catch (UnrecognizedPropertyException exception) {
            throw HttpStatusException.badRequest("Failed decoding request body: unknown field \"" + exception.getPropertyName() + "\"");
        }
        catch (JacksonException exception) {
            throw HttpStatusException.badRequest("Failed decoding request body: " + exception.getOriginalMessage());
        }
    }
}
