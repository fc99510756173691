package dev.jxd.client;

import dev.jxd.api.cert.CertificateAndKey;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.security.cert.X509Certificate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * HTTPS connections to servers that all present one pinned certificate (the members of one remote cluster),
 * authenticated with one client certificate or none. Clients made here for different addresses share the
 * connection pool and its threads, so a server that calls the same peer often pays for a TLS handshake once per
 * connection rather than once per call, and for the HTTP client's start-up only once.
 *
 * <p>Clients made by {@link #client} need not be closed; closing the pool closes them all.
 */
public final class HttpsConnectionPool
        implements AutoCloseable
{
    private static final int MAXIMUM_THREADS = 16;
    private static final int MINIMUM_THREADS = 2;
    private static final int THREAD_IDLE_TIMEOUT_MILLIS = 30_000;

    private final HttpClient httpClient;
    private final PinnedCertificateTrustManager trustManager;
    private final ClientOptions options;

    private HttpsConnectionPool(HttpClient httpClient, PinnedCertificateTrustManager trustManager, ClientOptions options)
    {
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
        this.trustManager = requireNonNull(trustManager, "trustManager is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * @param pinnedServerCertificate trusted exactly, instead of any CA or host-name check
     * @param clientCertificate presented to the servers; {@code null} to connect untrusted
     * @param options the connect timeout applies to every client of the pool; the others are defaults for {@link #client(String)}
     */
    public static HttpsConnectionPool create(X509Certificate pinnedServerCertificate, CertificateAndKey clientCertificate, ClientOptions options)
    {
        requireNonNull(pinnedServerCertificate, "pinnedServerCertificate is null");
        return create(new PinnedCertificateTrustManager(pinnedServerCertificate), clientCertificate, options);
    }

    /**
     * Pinned to the certificate whose SHA-256 fingerprint is given, as a trust token names it: the certificate itself is
     * learnt from the first successful handshake ({@link #serverCertificate()}), so checking that a server presents the
     * expected certificate and calling it take one connection rather than an unverified fetch followed by a pinned one.
     *
     * @param fingerprint hex, any case
     * @throws IllegalArgumentException when the fingerprint is not 64 hex digits
     */
    public static HttpsConnectionPool createForFingerprint(String fingerprint, CertificateAndKey clientCertificate, ClientOptions options)
    {
        return create(PinnedCertificateTrustManager.forFingerprint(fingerprint), clientCertificate, options);
    }

    private static HttpsConnectionPool create(PinnedCertificateTrustManager trustManager, CertificateAndKey clientCertificate, ClientOptions options)
    {
        requireNonNull(options, "options is null");
        // Servers keep one pool per peer; Jetty's default thread pool would park eight threads in each
        QueuedThreadPool threads = new QueuedThreadPool(MAXIMUM_THREADS, MINIMUM_THREADS, THREAD_IDLE_TIMEOUT_MILLIS);
        threads.setName("jxd-peer-client");
        threads.setDaemon(true);
        HttpClient httpClient = JxdClient.startHttpClient(JxdClient.sslContextFactory(trustManager, clientCertificate), null, options, threads);
        return new HttpsConnectionPool(httpClient, trustManager, options);
    }

    /** The pinned certificate; for a fingerprint pin, the certificate a server presented under it, once one did. */
    public Optional<X509Certificate> serverCertificate()
    {
        return trustManager.acceptedCertificate();
    }

    /** A client for {@code address} ({@code host[:port]} or {@code https://host[:port]}) with the pool's options. */
    public JxdClient client(String address)
    {
        return client(address, options);
    }

    /**
     * A client for {@code address} whose requests use {@code options}' idle timeout, request timeout and user agent;
     * the connect timeout is the pool's.
     *
     * @throws IllegalArgumentException when the address cannot be parsed
     */
    public JxdClient client(String address, ClientOptions options)
    {
        requireNonNull(address, "address is null");
        requireNonNull(options, "options is null");
        return JxdClient.pooled(httpClient, ServerAddress.parse(address), options);
    }

    @Override
    public void close()
    {
        try {
            httpClient.stop();
        }
        catch (Exception e) {
            throw new JxdClientException("Failed to close the connection pool: " + e.getMessage(), e);
        }
    }
}
