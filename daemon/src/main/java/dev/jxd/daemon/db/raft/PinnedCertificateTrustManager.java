package dev.jxd.daemon.db.raft;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import static java.util.Objects.requireNonNull;

/**
 * Trusts exactly one certificate, by its SHA-256 fingerprint, on both ends of a connection. Every cluster
 * member presents the same cluster certificate, so a peer is a member if and only if it presents that
 * certificate. Names, addresses and validity dates are deliberately not checked: members dial each other
 * by IP address, and the pin already says everything a chain of trust would.
 *
 * <p>It extends {@link X509ExtendedTrustManager} so that the JDK does not wrap it with its own host name
 * identification, which would reject the cluster certificate for any address not named in it.
 */
final class PinnedCertificateTrustManager
        extends X509ExtendedTrustManager
{
    private final X509Certificate certificate;
    private final byte[] fingerprint;

    PinnedCertificateTrustManager(X509Certificate certificate)
    {
        this.certificate = requireNonNull(certificate, "certificate is null");
        this.fingerprint = sha256(certificate);
    }

    private void check(X509Certificate[] chain)
            throws CertificateException
    {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The Raft peer presented no certificate");
        }
        byte[] presented;
        try {
            presented = sha256(chain[0]);
        }
        catch (IllegalStateException exception) {
            throw new CertificateException("The Raft peer presented a malformed certificate", exception);
        }
        if (!MessageDigest.isEqual(fingerprint, presented)) {
            throw new CertificateException("The Raft peer did not present the cluster certificate");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers()
    {
        // The certificate is self-signed: naming it as the one acceptable issuer steers a peer to present it
        return new X509Certificate[] {certificate};
    }

    private static byte[] sha256(X509Certificate certificate)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        }
        catch (CertificateEncodingException | NoSuchAlgorithmException exception) {
            throw new IllegalStateException("Cannot fingerprint certificate", exception);
        }
    }
}
