package dev.jxd.daemon.link.peer;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;

import java.security.cert.X509Certificate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to call a peer: the certificate pinned for it, compared exactly with the leaf certificate it serves, and the
 * certificate we present, if any (public links and activation calls present none).
 */
public record PeerCredentials(X509Certificate pinned, Optional<CertificateAndKey> clientCertificate)
{
    public PeerCredentials
    {
        requireNonNull(pinned, "pinned is null");
        requireNonNull(clientCertificate, "clientCertificate is null");
    }

    /** Pinned, presenting no client certificate: the remote sees an untrusted caller. */
    public static PeerCredentials anonymous(X509Certificate pinned)
    {
        return new PeerCredentials(pinned, Optional.empty());
    }

    /** Pinned, authenticating with {@code clientCertificate} (the local network certificate for link traffic). */
    public static PeerCredentials authenticated(X509Certificate pinned, CertificateAndKey clientCertificate)
    {
        return new PeerCredentials(pinned, Optional.of(requireNonNull(clientCertificate, "clientCertificate is null")));
    }

    public String pinnedFingerprint()
    {
        return Certificates.fingerprint(pinned);
    }

    @Override
    public String toString()
    {
        // The record's default would print the private key
        return "PeerCredentials[pinned=%s, clientCertificate=%s]".formatted(
                pinnedFingerprint(),
                clientCertificate.map(CertificateAndKey::fingerprint).orElse("none"));
    }
}
