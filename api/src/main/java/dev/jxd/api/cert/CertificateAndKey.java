package dev.jxd.api.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import static java.util.Objects.requireNonNull;

/** A certificate and the private key matching its public key. */
public record CertificateAndKey(X509Certificate certificate, PrivateKey privateKey)
{
    public CertificateAndKey
    {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
    }

    public String certificatePem()
    {
        return Certificates.toPem(certificate);
    }

    /** The key in the PEM form LXD writes: {@code EC PRIVATE KEY} (SEC 1) or {@code RSA PRIVATE KEY} (PKCS #1). */
    public String privateKeyPem()
    {
        return Certificates.privateKeyToPem(privateKey, certificate.getPublicKey());
    }

    public String fingerprint()
    {
        return Certificates.fingerprint(certificate);
    }

    @Override
    public String toString()
    {
        // Never let the private key reach a log line
        return "CertificateAndKey{fingerprint=" + fingerprint() + ", subject=" + certificate.getSubjectX500Principal() + "}";
    }
}
