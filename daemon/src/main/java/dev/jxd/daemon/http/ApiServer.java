package dev.jxd.daemon.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The daemon's listeners: the unix socket (always) and HTTPS at {@code core.https_address} (when set),
 * which can be moved or closed while running.
 */
public final class ApiServer
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final Path socketPath;
    private final Supplier<SSLContext> sslContextFactory;
    private SSLContext sslContext;
    private final HttpConfiguration httpsConfiguration;
    private ServerConnector httpsConnector;
    private String httpsHost;
    private int httpsPort;
    /** The port as configured; differs from httpsPort when the configuration asked for port 0. */
    private int requestedPort;

    /**
     * @param sslContextFactory builds the HTTPS listener's TLS context when HTTPS is first opened, so that
     * the TLS set-up is not on the way to the unix socket's first answer
     */
    public ApiServer(Path socketPath, Supplier<SSLContext> sslContextFactory, Handler handler)
    {
        this.socketPath = requireNonNull(socketPath, "socketPath is null");
        this.sslContextFactory = requireNonNull(sslContextFactory, "sslContextFactory is null");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jxd-http");
        // Selectors stay on platform threads; request handling runs on virtual threads and may block.
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.server = new Server(threads);
        server.setHandler(handler);
        server.setStopTimeout(2_000);

        HttpConfiguration unixConfiguration = baseConfiguration();
        UnixDomainServerConnector unixConnector = new UnixDomainServerConnector(server, new HttpConnectionFactory(unixConfiguration));
        unixConnector.setUnixDomainPath(socketPath);
        server.addConnector(unixConnector);

        this.httpsConfiguration = baseConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients connect by IP address; the certificate names are not what authenticates the server
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        httpsConfiguration.addCustomizer(secure);
    }

    private static HttpConfiguration baseConfiguration()
    {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setSendDateHeader(true);
        configuration.setUriCompliance(UriCompliance.LEGACY);
        return configuration;
    }

    public void start()
            throws Exception
    {
        Files.deleteIfExists(socketPath);
        server.start();
        // Only the local administrator (and root) may talk to the socket
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-rw----"));
    }

    /**
     * Moves the HTTPS listener to {@code host:port}, or closes it when {@code host} is null. The new
     * listener is bound before the old one is closed, so a bad address leaves the old one serving.
     */
    public synchronized void listenHttps(String host, int port)
            throws Exception
    {
        if (host == null) {
            closeHttps();
            return;
        }
        if (httpsConnector != null && host.equals(httpsHost) && port == requestedPort) {
            return;
        }
        if (sslContext == null) {
            sslContext = requireNonNull(sslContextFactory.get(), "sslContextFactory returned null");
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(sslContext);
        tls.setWantClientAuth(true);
        tls.setNeedClientAuth(false);
        tls.setEndpointIdentificationAlgorithm(null);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(httpsConfiguration));
        connector.setHost(host.isEmpty() ? null : host);
        connector.setPort(port);
        connector.setIdleTimeout(60_000);
        if (httpsConnector != null && httpsPort == port && (httpsHost.isEmpty() || host.isEmpty() || httpsHost.equals(host))) {
            // Same port: the old listener must release it first
            closeHttps();
        }
        server.addConnector(connector);
        try {
            connector.start();
        }
        catch (Exception exception) {
            server.removeConnector(connector);
            throw exception;
        }
        closeHttps();
        httpsConnector = connector;
        httpsHost = host;
        httpsPort = connector.getLocalPort();
        requestedPort = port;
        LOG.info("Listening on https://{}:{}", host.isEmpty() ? "*" : host, httpsPort);
    }

    private void closeHttps()
            throws Exception
    {
        if (httpsConnector != null) {
            httpsConnector.stop();
            server.removeConnector(httpsConnector);
            LOG.info("Closed HTTPS listener on port {}", httpsPort);
            httpsConnector = null;
            httpsHost = null;
            httpsPort = 0;
        }
    }

    /** The port HTTPS is bound to, if it is listening. */
    public synchronized Optional<Integer> httpsPort()
    {
        return httpsConnector == null ? Optional.empty() : Optional.of(httpsPort);
    }

    public Server jetty()
    {
        return server;
    }

    @Override
    public void close()
    {
        try {
            server.stop();
        }
        catch (Exception exception) {
            LOG.warn("Stopping the HTTP server", exception);
        }
        try {
            Files.deleteIfExists(socketPath);
        }
        catch (IOException exception) {
            LOG.debug("Removing {}", socketPath, exception);
        }
    }
}
