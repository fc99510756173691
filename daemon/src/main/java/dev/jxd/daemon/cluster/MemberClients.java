package dev.jxd.daemon.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One pooled HTTPS client per member address for calls between members: each side presents the cluster
 * certificate and pins it, so only members talk to members.
 */
final class MemberClients
        implements AutoCloseable
{
    private final Supplier<CertificateAndKey> clusterCertificate;
    private final ClientOptions options;
    private final Map<String, JxdClient> clients = new ConcurrentHashMap<>();

    MemberClients(Supplier<CertificateAndKey> clusterCertificate, ClientOptions options)
    {
        this.clusterCertificate = requireNonNull(clusterCertificate, "clusterCertificate is null");
        this.options = requireNonNull(options, "options is null");
    }

    JxdClient forAddress(String address)
    {
        return clients.computeIfAbsent(address, key -> {
            CertificateAndKey certificate = clusterCertificate.get();
            return JxdClient.https("https://" + key, certificate.certificatePem(), certificate, options);
        });
    }

    @Override
    public void close()
    {
        clients.values().forEach(JxdClient::close);
        clients.clear();
    }
}
