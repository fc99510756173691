package dev.jxd.client;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * TLS plumbing that uses only the JDK, so that connecting never loads BouncyCastle: the CLI's start-up
 * time depends on it.
 */
final class TlsContexts
{
    private TlsContexts() {}

    static X509Certificate parseCertificatePem(String pem)
    {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Certificate certificate = factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return (X509Certificate) certificate;
        }
        catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("Invalid pinned server certificate: " + e.getMessage(), e);
        }
    }

    /**
     * @param trustManager {@code null} for the JDK's default trust store
     * @param certificate {@code null} to present no client certificate
     */
    static SSLContext create(X509TrustManager trustManager, X509Certificate certificate, PrivateKey privateKey)
    {
        try {
            KeyManager[] keyManagers = certificate == null ? null : Certificates.keyManagers(new CertificateAndKey(certificate, privateKey));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManager == null ? null : new TrustManager[] {trustManager}, null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
