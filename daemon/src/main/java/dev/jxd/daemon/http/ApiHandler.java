package dev.jxd.daemon.http;

import dev.jxd.api.json.Json;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.StateUnavailableException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The daemon's single HTTP entry point: authenticate, route, enforce the route's access rule, call the
 * handler, and render LXD's envelope. Runs on virtual threads, so handlers may block.
 */
public final class ApiHandler
        extends Handler.Abstract
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Bodies of this API are small JSON documents; anything larger is refused before parsing. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final RouteTable routes;
    private final CallerResolver callers;
    private final AccessChecker accessChecker;
    private final RequestForwarder forwarder;

    public ApiHandler(RouteTable routes, CallerResolver callers, AccessChecker accessChecker)
    {
        this(routes, callers, accessChecker, RequestForwarder.NONE);
    }

    public ApiHandler(RouteTable routes, CallerResolver callers, AccessChecker accessChecker, RequestForwarder forwarder)
    {
        super(InvocationType.BLOCKING);
        this.routes = requireNonNull(routes, "routes is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.accessChecker = requireNonNull(accessChecker, "accessChecker is null");
        this.forwarder = requireNonNull(forwarder, "forwarder is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
    {
        ApiResponse answer;
        try {
            answer = dispatch(request);
        }
        catch (HttpStatusException exception) {
            answer = null;
            exception.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            writeError(response, callback, exception.status(), exception.getMessage());
            return true;
        }
        catch (StateUnavailableException exception) {
            writeError(response, callback, 503, exception.getMessage());
            return true;
        }
        catch (DatabaseException exception) {
            answer = null;
            if (exception.isUniqueViolation()) {
                writeError(response, callback, 409, "Already exists");
            }
            else {
                LOG.error("Database failure on {} {}", request.getMethod(), request.getHttpURI().getPath(), exception);
                writeError(response, callback, 500, "Internal database error");
            }
            return true;
        }
        catch (RuntimeException exception) {
            LOG.error("Unhandled failure on {} {}", request.getMethod(), request.getHttpURI().getPath(), exception);
            writeError(response, callback, 500, exception.getMessage() == null ? exception.toString() : exception.getMessage());
            return true;
        }
        write(response, callback, answer);
        return true;
    }

    private ApiResponse dispatch(Request request)
    {
        Caller caller = callers.resolve(request);
        // LXD: a client that believes it is authenticated but is not must not fall through to untrusted handling
        if (!caller.trusted() && request.getHeaders().get("X-LXD-authenticated") != null) {
            throw HttpStatusException.forbidden();
        }
        List<String> segments = segments(request.getHttpURI().getPath());
        RouteTable.Match match = routes.match(request.getMethod(), segments);
        return switch (match) {
            case RouteTable.Match.NotFound _ -> throw HttpStatusException.notFound();
            case RouteTable.Match.MethodNotAllowed _ -> throw new HttpStatusException(501, "Not Implemented");
            case RouteTable.Match.Found found -> {
                byte[] body = readBody(request);
                // The member named by ?target= checks access itself, for the original caller
                Optional<ApiResponse> forwarded = forwarder.forward(request, body, caller);
                if (forwarded.isPresent()) {
                    yield forwarded.get();
                }
                RequestContext context = new RequestContext(
                        request.getMethod(),
                        request.getHttpURI().getPath(),
                        found.pathParameters(),
                        query(request.getHttpURI().getQuery()),
                        name -> request.getHeaders().get(name),
                        body,
                        caller);
                accessChecker.check(found.route().accessRule(), context);
                yield found.route().handler().handle(context);
            }
        };
    }

    static List<String> segments(String rawPath)
    {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/")) {
            return List.of("");
        }
        String[] parts = path.substring(1).split("/", -1);
        List<String> decoded = new ArrayList<>(parts.length);
        for (String part : parts) {
            decoded.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return decoded;
    }

    static Map<String, List<String>> query(String rawQuery)
    {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> result = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(key, _ -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static byte[] readBody(Request request)
    {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            // Drain a moderately oversized body so the client can read the 413 instead of a broken pipe
            if (declared <= 4L * MAX_BODY_BYTES) {
                try (InputStream input = Content.Source.asInputStream(request)) {
                    input.transferTo(OutputStream.nullOutputStream());
                }
                catch (IOException ignored) {
                    // the answer is the same either way
                }
            }
            throw new HttpStatusException(413, "Request body too large (limit " + MAX_BODY_BYTES + " bytes)");
        }
        if (declared == 0) {
            return new byte[0];
        }
        try (InputStream input = Content.Source.asInputStream(request)) {
            byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new HttpStatusException(413, "Request body too large (limit " + MAX_BODY_BYTES + " bytes)");
            }
            return body;
        }
        catch (IOException exception) {
            throw HttpStatusException.badRequest("Failed reading request body: " + exception.getMessage());
        }
    }

    private static void write(Response response, Callback callback, ApiResponse answer)
    {
        switch (answer) {
            case ApiResponse.Sync sync -> {
                if (sync.location() != null) {
                    response.getHeaders().put(HttpHeader.LOCATION, sync.location());
                }
                if (sync.etag() != null) {
                    response.getHeaders().put(HttpHeader.ETAG, "\"" + sync.etag() + "\"");
                }
                writeEnvelope(response, callback, sync.httpStatus(), "sync", "Success", 200, "", 0, "", sync.metadata());
            }
            case ApiResponse.Raw raw -> {
                response.setStatus(raw.httpStatus());
                raw.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, raw.contentType());
                response.write(true, ByteBuffer.wrap(raw.body()), callback);
            }
            case ApiResponse.Async async -> {
                String url = "/1.0/operations/" + async.operation().id();
                response.getHeaders().put(HttpHeader.LOCATION, url);
                writeEnvelope(response, callback, 202, "async", "Operation created", 100, url, 0, "", async.operation());
            }
        }
    }

    public static void writeError(Response response, Callback callback, int status, String message)
    {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        String text = message == null || message.isEmpty() ? HttpStatus.getMessage(status) : message;
        writeEnvelope(response, callback, status, "error", "", 0, "", status, text, null);
    }

    private static final HttpField JSON_CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private static void writeEnvelope(
            Response response,
            Callback callback,
            int httpStatus,
            String type,
            String status,
            int statusCode,
            String operation,
            int errorCode,
            String error,
            Object metadata)
    {
        byte[] body = envelope(type, status, statusCode, operation, errorCode, error, metadata);
        response.setStatus(httpStatus);
        response.getHeaders().put(JSON_CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] envelope(String type, String status, int statusCode, String operation, int errorCode, String error, Object metadata)
    {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        // Written field by field so the envelope keeps LXD's key order and never drops an empty key
        try (JsonGenerator generator = Json.lenient().createGenerator(buffer)) {
            generator.writeStartObject();
            generator.writeStringProperty("type", type);
            generator.writeStringProperty("status", status);
            generator.writeNumberProperty("status_code", statusCode);
            generator.writeStringProperty("operation", operation);
            generator.writeNumberProperty("error_code", errorCode);
            generator.writeStringProperty("error", error);
            generator.writeName("metadata");
            generator.writePOJO(metadata);
            generator.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /**
     * Encodes {@code metadata} as a sync answer and throws the bytes away: Jackson builds a type's serializers
     * on first use, tens of milliseconds for a large record, which start-up can pay on another core before
     * the first request needs them.
     */
    public static void prepareSerializers(Object metadata)
    {
        envelope("sync", "Success", 200, "", 0, "", metadata);
    }
}
