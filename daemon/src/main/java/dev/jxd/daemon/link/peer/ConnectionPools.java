package dev.jxd.daemon.link.peer;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.HttpsConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One {@link HttpsConnectionPool} per (pinned certificate, client certificate): starting an HTTP client and opening a
 * TLS connection cost milliseconds, and link traffic goes to the same few peers again and again. The least recently
 * used pools beyond the bound are closed once no call is using them.
 */
final class ConnectionPools
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPools.class);

    private record Key(String pinnedFingerprint, String clientFingerprint) {}

    private final int maximumPools;
    private final ClientOptions options;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    ConnectionPools(int maximumPools, ClientOptions options)
    {
        if (maximumPools < 1) {
            throw new IllegalArgumentException("maximumPools must be positive");
        }
        this.maximumPools = maximumPools;
        this.options = requireNonNull(options, "options is null");
    }

    /** The pool for the credentials, reserved until the lease is closed. */
    Lease acquire(PeerCredentials credentials)
    {
        return acquire(
                new Key(credentials.pinnedFingerprint(), clientFingerprint(credentials.clientCertificate())),
                () -> HttpsConnectionPool.create(credentials.pinned(), credentials.clientCertificate().orElse(null), options));
    }

    /**
     * The pool pinned to the certificate with this fingerprint. It is the same pool {@link #acquire(PeerCredentials)} gives
     * for that certificate, so verifying a peer's certificate leaves an open connection for the calls that follow.
     *
     * @param fingerprint lower-case hex SHA-256
     */
    Lease acquire(String fingerprint, Optional<CertificateAndKey> clientCertificate)
    {
        return acquire(
                new Key(fingerprint, clientFingerprint(clientCertificate)),
                () -> HttpsConnectionPool.createForFingerprint(fingerprint, clientCertificate.orElse(null), options));
    }

    private Lease acquire(Key key, Supplier<HttpsConnectionPool> factory)
    {
        List<Entry> retired = new ArrayList<>();
        Lease lease;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The peer connector is closed");
            }
            Entry entry = entries.get(key);
            if (entry == null) {
                // Starting a client takes a few milliseconds, once per peer and credentials; callers rarely race on it
                entry = new Entry(factory.get());
                entries.put(key, entry);
                evictBeyondBound(retired);
            }
            entry.leases++;
            lease = new Lease(entry);
        }
        retired.forEach(Entry::closePool);
        return lease;
    }

    private static String clientFingerprint(Optional<CertificateAndKey> clientCertificate)
    {
        return clientCertificate.map(CertificateAndKey::fingerprint).orElse("");
    }

    @Override
    public void close()
    {
        List<Entry> toClose = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Entry entry : entries.values()) {
                entry.retired = true;
                if (entry.leases == 0) {
                    toClose.add(entry);
                }
            }
            entries.clear();
        }
        toClose.forEach(Entry::closePool);
    }

    synchronized int size()
    {
        return entries.size();
    }

    private void evictBeyondBound(List<Entry> retired)
    {
        Iterator<Entry> iterator = entries.values().iterator();
        while (entries.size() > maximumPools && iterator.hasNext()) {
            Entry eldest = iterator.next();
            iterator.remove();
            eldest.retired = true;
            if (eldest.leases == 0) {
                retired.add(eldest);
            }
        }
    }

    private void release(Entry entry)
    {
        boolean closeNow;
        synchronized (this) {
            entry.leases--;
            closeNow = entry.retired && entry.leases == 0;
        }
        if (closeNow) {
            entry.closePool();
        }
    }

    private static final class Entry
    {
        private final HttpsConnectionPool pool;
        private int leases;
        private boolean retired;

        private Entry(HttpsConnectionPool pool)
        {
            this.pool = pool;
        }

        private void closePool()
        {
            try {
                pool.close();
            }
            catch (RuntimeException e) {
                LOG.warn("Failed to close a peer connection pool", e);
            }
        }
    }

    final class Lease
            implements AutoCloseable
    {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry)
        {
            this.entry = entry;
        }

        HttpsConnectionPool pool()
        {
            return entry.pool;
        }

        @Override
        public void close()
        {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(entry);
        }
    }
}
