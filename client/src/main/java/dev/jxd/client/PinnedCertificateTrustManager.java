package dev.jxd.client;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * Trusts a server exactly when its leaf certificate is byte-for-byte the pinned one, as {@code lxc} does
 * with {@code servercerts/<remote>.crt}. The pin replaces CA and host-name checks, so LXD's self-signed
 * certificates (whose names rarely match the address used) are accepted, and nothing else is.
 *
 * <p>Extending {@link X509ExtendedTrustManager} keeps the JDK from wrapping this manager with its own
 * endpoint-identification checks.
 */
final class PinnedCertificateTrustManager
        extends X509ExtendedTrustManager
{
    private final byte[] pinnedEncoded;
    private final String pinnedFingerprint;

    PinnedCertificateTrustManager(X509Certificate pinned)
    {
        requireNonNull(pinned, "pinned is null");
        try {
            this.pinnedEncoded = pinned.getEncoded();
        }
        catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Cannot encode the pinned certificate", e);
        }
        this.pinnedFingerprint = fingerprint(pinnedEncoded);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
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
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException
    {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException
    {
        throw new CertificateException("Client certificates are not accepted by a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException
    {
        throw new CertificateException("Client certificates are not accepted by a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException
    {
        throw new CertificateException("Client certificates are not accepted by a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers()
    {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain)
            throws CertificateException
    {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server presented no certificate");
        }
        byte[] presented = chain[0].getEncoded();
        if (!MessageDigest.isEqual(presented, pinnedEncoded)) {
            throw new CertificateException("Server certificate fingerprint %s does not match the pinned certificate %s"
                    .formatted(fingerprint(presented), pinnedFingerprint));
        }
    }

    static String fingerprint(byte[] encoded)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
