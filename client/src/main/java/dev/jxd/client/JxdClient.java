package dev.jxd.client;

import dev.jxd.api.ResponseEnvelope;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.event.Event;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Operation;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import javax.net.ssl.SSLHandshakeException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A client for the jxd/LXD REST API, over the local unix socket or over HTTPS with a pinned server
 * certificate. Instances are thread-safe; close them to release the connection pool and its threads.
 *
 * <p>Every method throws {@link ApiException} when the server answers with an error envelope and
 * {@link JxdClientException} when no valid answer could be obtained.
 */
public final class JxdClient
        implements AutoCloseable
{
    private static final String UNIX_SOCKET_BASE_URL = "http://unix.socket";
    private static final String JSON_CONTENT_TYPE = "application/json";
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    // Headroom over the server-side wait so the connection does not time out just before the server answers
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(10);

    private final HttpClient httpClient;
    private final String baseUrl;
    private final String endpointDescription;
    private final ClientOptions options;
    // False for clients made by an HttpsConnectionPool: the pool owns the connections and their threads
    private final boolean ownsHttpClient;
    private WebSocketClient webSocketClient;

    private JxdClient(HttpClient httpClient, String baseUrl, String endpointDescription, ClientOptions options, boolean ownsHttpClient)
    {
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.endpointDescription = requireNonNull(endpointDescription, "endpointDescription is null");
        this.options = requireNonNull(options, "options is null");
        this.ownsHttpClient = ownsHttpClient;
    }

    /** A client for the daemon's unix socket, which authenticates the caller as the local administrator. */
    public static JxdClient unixSocket(Path socketPath)
    {
        return unixSocket(socketPath, ClientOptions.DEFAULT);
    }

    public static JxdClient unixSocket(Path socketPath, ClientOptions options)
    {
        requireNonNull(socketPath, "socketPath is null");
        requireNonNull(options, "options is null");
        HttpClient httpClient = startHttpClient(null, new Transport.TCPUnix(socketPath), options);
        return new JxdClient(httpClient, UNIX_SOCKET_BASE_URL, "jxd unix socket \"%s\"".formatted(socketPath), options, true);
    }

    /**
     * A client for {@code https://host[:port]}.
     *
     * @param pinnedServerCertificatePem the server's certificate, trusted exactly and instead of any CA or host-name
     * check; {@code null} to trust the JDK's default CAs with host-name verification (for CA-signed servers)
     * @param clientCertificate presented to the server to authenticate; {@code null} to connect untrusted
     */
    public static JxdClient https(String url, String pinnedServerCertificatePem, CertificateAndKey clientCertificate)
    {
        return https(url, pinnedServerCertificatePem, clientCertificate, ClientOptions.DEFAULT);
    }

    public static JxdClient https(String url, String pinnedServerCertificatePem, CertificateAndKey clientCertificate, ClientOptions options)
    {
        requireNonNull(url, "url is null");
        requireNonNull(options, "options is null");
        ServerAddress address = ServerAddress.parse(url);

        X509Certificate pinned = pinnedServerCertificatePem == null ? null : TlsContexts.parseCertificatePem(pinnedServerCertificatePem);
        HttpClient httpClient = startHttpClient(sslContextFactory(pinned, clientCertificate), null, options);
        return new JxdClient(httpClient, address.url(), address.url(), options, true);
    }

    /** A client for {@code address} over connections owned by a pool; closing it leaves the pool open. */
    static JxdClient pooled(HttpClient httpClient, ServerAddress address, ClientOptions options)
    {
        return new JxdClient(httpClient, address.url(), address.url(), options, false);
    }

    /**
     * @param pinned trusted exactly, instead of any CA or host-name check; {@code null} for the JDK's default CAs
     * @param clientCertificate {@code null} to present none
     */
    static SslContextFactory.Client sslContextFactory(X509Certificate pinned, CertificateAndKey clientCertificate)
    {
        return sslContextFactory(pinned == null ? null : new PinnedCertificateTrustManager(pinned), clientCertificate);
    }

    static SslContextFactory.Client sslContextFactory(PinnedCertificateTrustManager trustManager, CertificateAndKey clientCertificate)
    {
        SslContextFactory.Client sslContextFactory = new SslContextFactory.Client();
        sslContextFactory.setSslContext(TlsContexts.create(
                trustManager,
                clientCertificate == null ? null : clientCertificate.certificate(),
                clientCertificate == null ? null : clientCertificate.privateKey()));
        // With a pin, Jetty's default HTTPS endpoint identification stays configured but is a no-op: host names are checked
        // by the trust manager, and the pinning one is an X509ExtendedTrustManager that deliberately checks only the pin
        // (LXD certificates rarely name the address they are reached at). Clearing the algorithm instead logs a warning
        // for every client, which servers calling peers create routinely.
        return sslContextFactory;
    }

    /**
     * Connects to {@code address} ({@code host[:port]} or {@code https://host[:port]}), completes a TLS handshake
     * without verifying anything, and returns the certificate the server presented. Callers verify it themselves
     * (trust-token fingerprint, user confirmation) before pinning it.
     *
     * @param timeout bounds the connection and the handshake, so callers can try several addresses in turn
     */
    public static X509Certificate fetchServerCertificate(String address, Duration timeout)
    {
        requireNonNull(address, "address is null");
        requireNonNull(timeout, "timeout is null");
        ServerAddress parsed;
        try {
            parsed = ServerAddress.parse(address);
        }
        catch (IllegalArgumentException e) {
            throw new JxdClientException(e.getMessage(), e);
        }
        return CertificateFetcher.fetch(parsed, timeout);
    }

    /** {@code http://unix.socket} for the unix socket, else {@code https://host:port}. */
    public String baseUrl()
    {
        return baseUrl;
    }

    public ApiResponse get(String path)
    {
        return request("GET", path, null, Map.of());
    }

    /** The {@code ETag} of the object at {@code path}, for a later conditional {@link #put}. */
    public String getEtag(String path)
    {
        return get(path).etag();
    }

    public <T> T getAs(String path, Class<T> type)
    {
        return get(path).metadataAs(type);
    }

    public <T> T getAs(String path, TypeReference<T> type)
    {
        return get(path).metadataAs(type);
    }

    /** @param etag sent as {@code If-Match}; {@code null} for an unconditional update */
    public ApiResponse put(String path, Object body, String etag)
    {
        return request("PUT", path, body, etagHeader(etag));
    }

    /** @param etag sent as {@code If-Match}; {@code null} for an unconditional update */
    public ApiResponse patch(String path, Object body, String etag)
    {
        return request("PATCH", path, body, etagHeader(etag));
    }

    public ApiResponse post(String path, Object body)
    {
        return request("POST", path, body, Map.of());
    }

    public ApiResponse delete(String path)
    {
        return request("DELETE", path, null, Map.of());
    }

    /**
     * Sends a request and parses the response envelope.
     *
     * @param body serialized with {@link Json}; {@code null} sends no body
     * @throws ApiException for an error envelope or an HTTP error status
     */
    public ApiResponse request(String method, String path, Object body, Map<String, String> headers)
    {
        byte[] content = body == null ? null : Json.writeBytes(body);
        return parse(send(method, path, content, JSON_CONTENT_TYPE, headers, options.idleTimeout()));
    }

    /** Sends a request and returns the response unparsed, whatever its status. */
    public RawResponse rawRequest(String method, String path, byte[] body, String contentType, Map<String, String> headers)
    {
        return send(method, path, body, contentType, headers, options.idleTimeout());
    }

    /**
     * Waits server-side ({@code GET <operation>/wait?timeout=N}) until the operation finishes or the timeout passes,
     * and returns its state then, which may still be running.
     *
     * @param operationUrl as in an async response's {@code operation}, e.g. {@code /1.0/operations/<uuid>}
     */
    public Operation waitOperation(String operationUrl, Duration timeout)
    {
        return waitOperationResponse(operationUrl, timeout).metadataAs(Operation.class);
    }

    /** Like {@link #waitOperation} but returns the wait response itself, whose metadata is the operation. */
    public ApiResponse waitOperationResponse(String operationUrl, Duration timeout)
    {
        requireNonNull(operationUrl, "operationUrl is null");
        requireNonNull(timeout, "timeout is null");
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        int queryStart = operationUrl.indexOf('?');
        String path = queryStart < 0 ? operationUrl : operationUrl.substring(0, queryStart);
        String query = queryStart < 0 ? "" : operationUrl.substring(queryStart + 1);
        String waitPath = path + "/wait?" + (query.isEmpty() ? "" : query + "&") + "timeout=" + seconds;
        Duration idleTimeout = timeout.plus(WAIT_MARGIN);
        if (idleTimeout.compareTo(options.idleTimeout()) < 0) {
            idleTimeout = options.idleTimeout();
        }
        return parse(send("GET", waitPath, null, null, Map.of(), idleTimeout));
    }

    /**
     * Waits for the operation and returns it when it succeeded.
     *
     * @throws ApiException with the operation's {@code err} when it failed or was cancelled
     * @throws JxdClientException when it did not finish within the timeout
     */
    public Operation waitForSuccess(String operationUrl, Duration timeout)
    {
        Operation operation = waitOperation(operationUrl, timeout);
        return switch (operation.statusCode()) {
            case OperationStatus.SUCCESS -> operation;
            case OperationStatus.FAILURE, OperationStatus.CANCELLED -> throw new ApiException(
                    operation.errCode() > 0 ? operation.errCode() : HttpStatus.INTERNAL_SERVER_ERROR_500,
                    operation.err() == null || operation.err().isEmpty() ? operation.status() : operation.err());
            default -> throw new JxdClientException("Operation %s did not finish within %s (status: %s)"
                    .formatted(operation.id(), timeout, operation.status()));
        };
    }

    /** Subscribes to all events of the given types (comma-separated, e.g. {@code lifecycle}; {@code null} for all). */
    public EventSubscription events(String types, Consumer<Event> listener)
    {
        return events(types, null, listener);
    }

    /**
     * Subscribes to events, over the unix socket or over TLS with the same pinning and client certificate as requests.
     * Returns once the server accepted the subscription, so events caused after the return are delivered.
     *
     * @param project only events of this project ({@code null}: the server's default)
     */
    public EventSubscription events(String types, String project, Consumer<Event> listener)
    {
        requireNonNull(listener, "listener is null");
        String path = "/1.0/events";
        path = ApiPaths.withQuery(path, "type", types);
        path = ApiPaths.withQuery(path, "project", project);
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + path);

        EventSubscription subscription = new EventSubscription(listener);
        ClientUpgradeRequest upgradeRequest = new ClientUpgradeRequest(uri);
        upgradeRequest.setHeader(HttpHeader.USER_AGENT.asString(), options.userAgent());
        try {
            webSocketClient().connect(subscription.socketListener(), upgradeRequest)
                    .get(options.connectTimeout().toMillis() + options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JxdClientException("Interrupted while subscribing to events", e);
        }
        catch (ExecutionException | TimeoutException | IOException e) {
            throw new JxdClientException("Failed to subscribe to events on %s: %s".formatted(endpointDescription, describe(unwrap(e))), unwrap(e));
        }
        return subscription;
    }

    @Override
    public void close()
    {
        try {
            synchronized (this) {
                if (webSocketClient != null) {
                    webSocketClient.stop();
                }
            }
            if (ownsHttpClient) {
                httpClient.stop();
            }
        }
        catch (Exception e) {
            throw new JxdClientException("Failed to close the client: " + describe(e), e);
        }
    }

    private synchronized WebSocketClient webSocketClient()
    {
        // Created on first use: most CLI invocations never subscribe to events
        if (webSocketClient == null) {
            WebSocketClient client = new WebSocketClient(httpClient);
            // An event stream is legitimately silent for a long time
            client.setIdleTimeout(Duration.ZERO);
            try {
                client.start();
            }
            catch (Exception e) {
                throw new JxdClientException("Failed to start the websocket client: " + describe(e), e);
            }
            webSocketClient = client;
        }
        return webSocketClient;
    }

    private RawResponse send(String method, String path, byte[] body, String contentType, Map<String, String> headers, Duration idleTimeout)
    {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(headers, "headers is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Path must start with /: " + path);
        }
        Request request = httpClient.newRequest(baseUrl + path)
                .method(method)
                .agent(options.userAgent())
                .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        options.requestTimeout().ifPresent(timeout -> {
            // An operation wait asks for a longer idle timeout than the options' and must be allowed to last that long
            long totalMillis = idleTimeout.compareTo(options.idleTimeout()) > 0 ? Math.max(timeout.toMillis(), idleTimeout.toMillis()) : timeout.toMillis();
            request.timeout(totalMillis, TimeUnit.MILLISECONDS);
        });
        request.headers(fields -> headers.forEach(fields::put));
        if (body != null) {
            request.body(new BytesRequestContent(contentType == null ? JSON_CONTENT_TYPE : contentType, body));
        }

        ContentResponse response;
        try {
            response = new CompletableResponseListener(request, MAX_RESPONSE_BYTES).send().get();
        }
        catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new JxdClientException("Interrupted while waiting for " + endpointDescription, e);
        }
        catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw new JxdClientException("%s not accessible: %s".formatted(endpointDescription, describe(cause)), cause);
        }

        Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            responseHeaders.merge(field.getName(), field.getValue(), (first, second) -> first + ", " + second);
        }
        return new RawResponse(response.getStatus(), responseHeaders, response.getContent());
    }

    private static ApiResponse parse(RawResponse raw)
    {
        ResponseEnvelope envelope = null;
        if (raw.body().length > 0) {
            try {
                envelope = Json.lenient().readValue(raw.body(), ResponseEnvelope.class);
            }
            catch (JacksonException e) {
                // Reported below with the HTTP status, which says more than the parse error
            }
        }
        if (envelope == null || envelope.type() == null) {
            if (raw.status() >= 400) {
                throw new ApiException(raw.status(), HttpStatus.getMessage(raw.status()));
            }
            throw new InvalidApiResponseException(raw.status(), "Invalid response from the server (HTTP %d): not an API response".formatted(raw.status()));
        }
        if (ResponseEnvelope.ERROR.equals(envelope.type()) || raw.status() >= 400) {
            int status = envelope.errorCode() > 0 ? envelope.errorCode() : raw.status();
            String message = envelope.error() == null || envelope.error().isEmpty() ? HttpStatus.getMessage(status) : envelope.error();
            throw new ApiException(status, message);
        }
        return new ApiResponse(raw.status(), raw.headers(), envelope);
    }

    private static Map<String, String> etagHeader(String etag)
    {
        return etag == null || etag.isEmpty() ? Map.of() : Map.of("If-Match", etag);
    }

    /**
     * @param fixedTransport when set, every request (including websocket upgrades) goes over it; setting it on
     * the HTTP transport rather than per request is what makes websocket upgrades use the unix socket too
     */
    static HttpClient startHttpClient(SslContextFactory.Client sslContextFactory, Transport fixedTransport, ClientOptions options)
    {
        return startHttpClient(sslContextFactory, fixedTransport, options, null);
    }

    /** @param executor the client's threads, managed by it; {@code null} for Jetty's default pool */
    static HttpClient startHttpClient(SslContextFactory.Client sslContextFactory, Transport fixedTransport, ClientOptions options, Executor executor)
    {
        ClientConnector connector = sslContextFactory == null ? new PlainClientConnector() : new ClientConnector();
        if (sslContextFactory != null) {
            connector.setSslContextFactory(sslContextFactory);
        }
        connector.setConnectTimeout(options.connectTimeout());
        HttpClientTransportOverHTTP httpTransport = fixedTransport == null
                ? new HttpClientTransportOverHTTP(connector)
                : new FixedTransportHttpClientTransport(connector, fixedTransport);
        HttpClient httpClient = new HttpClient(httpTransport);
        if (executor != null) {
            httpClient.setExecutor(executor);
        }
        httpClient.setConnectTimeout(options.connectTimeout().toMillis());
        httpClient.setIdleTimeout(options.idleTimeout().toMillis());
        httpClient.setFollowRedirects(false);
        httpClient.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, options.userAgent()));
        try {
            httpClient.start();
        }
        catch (Exception e) {
            throw new JxdClientException("Failed to start the HTTP client: " + describe(e), e);
        }
        return httpClient;
    }

    private static Throwable unwrap(Throwable throwable)
    {
        Throwable current = throwable;
        while ((current instanceof ExecutionException || current instanceof CompletionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable throwable)
    {
        if (throwable instanceof SSLHandshakeException && throwable.getCause() != null && throwable.getCause().getMessage() != null) {
            // The JDK wraps the trust manager's explanation; the wrapper's text adds nothing
            return throwable.getCause().getMessage();
        }
        String message = throwable.getMessage();
        return message == null || message.isEmpty() ? throwable.getClass().getSimpleName() : message;
    }

    private static final class FixedTransportHttpClientTransport
            extends HttpClientTransportOverHTTP
    {
        private final Transport transport;

        FixedTransportHttpClientTransport(ClientConnector connector, Transport transport)
        {
            super(connector);
            this.transport = requireNonNull(transport, "transport is null");
        }

        @Override
        public Origin newOrigin(Request request)
        {
            request.transport(transport);
            return super.newOrigin(request);
        }
    }

    /**
     * A connector that never speaks TLS. Jetty otherwise creates and starts a default TLS context for every client,
     * which initializes the JDK's TLS provider: a noticeable part of the CLI's start-up over the unix socket.
     */
    private static final class PlainClientConnector
            extends ClientConnector
    {
        @Override
        protected SslContextFactory.Client newSslContextFactory()
        {
            return null;
        }
    }
}
