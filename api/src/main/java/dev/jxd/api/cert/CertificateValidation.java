package dev.jxd.api.cert;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The checks LXD applies to every certificate it is asked to trust (spec §2.6.1, {@code certificateValidate}). */
public final class CertificateValidation
{
    public static final String NOT_VALID_YET = "The provided certificate is not valid yet";
    public static final String EXPIRED = "The provided certificate is expired";
    public static final String RSA_KEY_TOO_WEAK = "RSA key is too weak (minimum of 2048bit)";

    private static final int MINIMUM_RSA_KEY_BITS = 2048;

    private CertificateValidation() {}

    /**
     * Rejects a certificate outside its validity window or with an RSA key below 2048 bits.
     * CA-mode checks are the daemon's business; they need the server's CA.
     *
     * @throws InvalidCertificateException with LXD's message
     */
    public static void validateClientCertificate(X509Certificate certificate, Instant now)
    {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(now, "now is null");

        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new InvalidCertificateException(NOT_VALID_YET);
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new InvalidCertificateException(EXPIRED);
        }
        if (certificate.getPublicKey() instanceof RSAPublicKey rsaKey) {
            // Go compares the modulus size rounded up to whole bytes, so a 2041-bit key passes there too
            int roundedBits = ((rsaKey.getModulus().bitLength() + 7) / 8) * 8;
            if (roundedBits < MINIMUM_RSA_KEY_BITS) {
                throw new InvalidCertificateException(RSA_KEY_TOO_WEAK);
            }
        }
    }
}
