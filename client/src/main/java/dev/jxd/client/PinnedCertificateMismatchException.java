package dev.jxd.client;

import java.security.cert.CertificateException;

import static java.util.Objects.requireNonNull;

/**
 * The server presented a certificate other than the pinned one. A distinct type so that callers probing
 * peers can tell a possible man in the middle from an ordinary TLS failure by walking the cause chain.
 */
public final class PinnedCertificateMismatchException
        extends CertificateException
{
    private final String expectedFingerprint;
    private final String presentedFingerprint;

    public PinnedCertificateMismatchException(String expectedFingerprint, String presentedFingerprint)
    {
        super("Server certificate fingerprint %s does not match the pinned certificate %s".formatted(
                requireNonNull(presentedFingerprint, "presentedFingerprint is null"),
                requireNonNull(expectedFingerprint, "expectedFingerprint is null")));
        this.expectedFingerprint = expectedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    /** SHA-256 of the pinned certificate, lower-case hex. */
    public String expectedFingerprint()
    {
        return expectedFingerprint;
    }

    /** SHA-256 of the certificate the server presented, lower-case hex. */
    public String presentedFingerprint()
    {
        return presentedFingerprint;
    }
}
