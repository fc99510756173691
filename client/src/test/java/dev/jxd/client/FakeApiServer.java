package dev.jxd.client;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A tiny HTTP(S) server standing in for the daemon in client and CLI tests: answers from per-route functions, records every
 * exchange (including the client certificate it saw) and serves {@code /1.0/events} as a websocket
 * that sends prepared events on connect.
 */
public final class FakeApiServer
        implements AutoCloseable
{
    public record Exchange(String method, String pathAndQuery, Map<String, String> headers, String body, String clientCertificateFingerprint)
    {
    }

    public record Reply(int status, Map<String, String> headers, String body)
    {
        public static Reply json(int status, String body)
        {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        public static Reply sync(String metadataJson)
        {
            return json(200, """
                    {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":%s}"""
                    .formatted(metadataJson));
        }

        public static Reply error(int status, String message)
        {
            return json(status, """
                    {"type":"error","status":"","status_code":0,"operation":"","error_code":%d,"error":"%s","metadata":null}"""
                    .formatted(status, message));
        }
    }

    private final Server server;
    private final ServerConnector tcpConnector;
    private final Map<String, Function<Exchange, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> eventsOnConnect = new CopyOnWriteArrayList<>();
    private final List<String> eventSubscriptionQueries = new CopyOnWriteArrayList<>();

    private FakeApiServer(Server server, ServerConnector tcpConnector)
    {
        this.server = server;
        this.tcpConnector = tcpConnector;
    }

    public static FakeApiServer https(CertificateAndKey serverCertificate)
            throws Exception
    {
        Server server = new Server();
        SslContextFactory.Server sslContextFactory = new SslContextFactory.Server();
        SSLContext sslContext = SSLContext.getInstance("TLS");
        sslContext.init(Certificates.keyManagers(serverCertificate), new TrustManager[] {new AcceptAnyClientTrustManager()}, null);
        sslContextFactory.setSslContext(sslContext);
        sslContextFactory.setWantClientAuth(true);

        HttpConfiguration configuration = new HttpConfiguration();
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false);
        configuration.addCustomizer(customizer);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(sslContextFactory, "http/1.1"),
                new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return start(new FakeApiServer(server, connector));
    }

    public static FakeApiServer unixSocket(Path socketPath)
            throws Exception
    {
        Server server = new Server();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, new HttpConnectionFactory());
        connector.setUnixDomainPath(socketPath);
        server.addConnector(connector);
        return start(new FakeApiServer(server, null));
    }

    private static FakeApiServer start(FakeApiServer fake)
            throws Exception
    {
        WebSocketUpgradeHandler upgradeHandler = WebSocketUpgradeHandler.from(fake.server, container ->
                container.addMapping("/1.0/events", (request, response, callback) -> {
                    fake.eventSubscriptionQueries.add(request.getHttpURI().getQuery() == null ? "" : request.getHttpURI().getQuery());
                    return new EventsEndpoint(List.copyOf(fake.eventsOnConnect));
                }));
        upgradeHandler.setHandler(fake.new ApiHandler());
        fake.server.setHandler(upgradeHandler);
        fake.server.start();
        return fake;
    }

    public String url()
    {
        return "https://127.0.0.1:" + tcpConnector.getLocalPort();
    }

    public String hostAndPort()
    {
        return "127.0.0.1:" + tcpConnector.getLocalPort();
    }

    public void route(String method, String path, Function<Exchange, Reply> handler)
    {
        routes.put(method + " " + path, requireNonNull(handler, "handler is null"));
    }

    public void sendOnEventConnect(String eventJson)
    {
        eventsOnConnect.add(eventJson);
    }

    public List<Exchange> exchanges()
    {
        return List.copyOf(exchanges);
    }

    public List<String> eventSubscriptionQueries()
    {
        return List.copyOf(eventSubscriptionQueries);
    }

    @Override
    public void close()
            throws Exception
    {
        server.stop();
    }

    private final class ApiHandler
            extends Handler.Abstract
    {
        @Override
        public boolean handle(Request request, Response response, Callback callback)
                throws Exception
        {
            Map<String, String> headers = new HashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.put(field.getName().toLowerCase(Locale.ROOT), field.getValue());
            }
            String fingerprint = null;
            if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData sslSessionData
                    && sslSessionData.peerCertificates() != null && sslSessionData.peerCertificates().length > 0) {
                fingerprint = Certificates.fingerprint(sslSessionData.peerCertificates()[0]);
            }
            String path = request.getHttpURI().getPath();
            String query = request.getHttpURI().getQuery();
            Exchange exchange = new Exchange(
                    request.getMethod(),
                    query == null ? path : path + "?" + query,
                    headers,
                    Content.Source.asString(request, StandardCharsets.UTF_8),
                    fingerprint);
            exchanges.add(exchange);

            Function<Exchange, Reply> route = routes.get(request.getMethod() + " " + path);
            Reply reply = route == null ? Reply.error(404, "not found") : route.apply(exchange);
            response.setStatus(reply.status());
            reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().getBytes(StandardCharsets.UTF_8).length);
            Content.Sink.write(response, true, reply.body(), callback);
            return true;
        }
    }

    public static final class EventsEndpoint
            implements Session.Listener.AutoDemanding
    {
        private final List<String> events;

        EventsEndpoint(List<String> events)
        {
            this.events = events;
        }

        @Override
        public void onWebSocketOpen(Session session)
        {
            for (String event : events) {
                session.sendText(event, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
    }

    private static final class AcceptAnyClientTrustManager
            implements X509TrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
