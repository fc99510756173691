package dev.jxd.client;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Trusts a server exactly when its leaf certificate is the pinned one, as {@code lxc} does with
 * {@code servercerts/<remote>.crt}. The pin replaces CA and host-name checks, so LXD's self-signed
 * certificates (whose names rarely match the address used) are accepted, and nothing else is.
 *
 * <p>The pin is either the certificate itself (compared byte for byte) or its SHA-256 fingerprint, which is all a
 * trust token carries; the certificate accepted under a fingerprint pin is remembered for the caller.
 *
 * <p>Extending {@link X509ExtendedTrustManager} keeps the JDK from wrapping this manager with its own
 * endpoint-identification checks.
 */
final class PinnedCertificateTrustManager
        extends X509ExtendedTrustManager
{
    private final byte[] pinnedEncoded;
    private final String pinnedFingerprint;
    private volatile X509Certificate accepted;

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
        this.accepted = pinned;
    }

    private PinnedCertificateTrustManager(String pinnedFingerprint)
    {
        this.pinnedEncoded = null;
        this.pinnedFingerprint = pinnedFingerprint;
    }

    /** @param fingerprint SHA-256 of the DER certificate, hex in any case */
    static PinnedCertificateTrustManager forFingerprint(String fingerprint)
    {
        requireNonNull(fingerprint, "fingerprint is null");
        String normalized = fingerprint.trim().toLowerCase(Locale.ROOT);
        if (!normalized.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Invalid SHA-256 certificate fingerprint: " + fingerprint);
        }
        return new PinnedCertificateTrustManager(normalized);
    }

    /** The pinned certificate, or under a fingerprint pin the certificate accepted by a handshake, if any yet. */
    Optional<X509Certificate> acceptedCertificate()
    {
        return Optional.ofNullable(accepted);
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
        boolean matches = pinnedEncoded != null
                ? MessageDigest.isEqual(presented, pinnedEncoded)
                : MessageDigest.isEqual(fingerprint(presented).getBytes(StandardCharsets.US_ASCII), pinnedFingerprint.getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            throw new PinnedCertificateMismatchException(pinnedFingerprint, fingerprint(presented));
        }
        if (pinnedEncoded == null) {
            accepted = chain[0];
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
