package dev.jxd.api.cert;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What {@link Certificates#generate(CertificateTemplate)} puts into a self-signed certificate.
 * Tests use it directly to make certificates that are expired or not yet valid.
 *
 * @param client true for a {@code clientAuth} certificate, false for {@code serverAuth}
 */
public record CertificateTemplate(
        String commonName,
        boolean client,
        List<String> dnsNames,
        List<InetAddress> ipAddresses,
        Instant notBefore,
        Instant notAfter)
{
    public CertificateTemplate
    {
        requireNonNull(commonName, "commonName is null");
        dnsNames = List.copyOf(requireNonNull(dnsNames, "dnsNames is null"));
        ipAddresses = List.copyOf(requireNonNull(ipAddresses, "ipAddresses is null"));
        requireNonNull(notBefore, "notBefore is null");
        requireNonNull(notAfter, "notAfter is null");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore");
        }
    }

    /** A template valid from {@code notBefore} for {@code validity}, without subject alternative names. */
    public static CertificateTemplate of(String commonName, boolean client, Instant notBefore, Duration validity)
    {
        return new CertificateTemplate(commonName, client, List.of(), List.of(), notBefore, notBefore.plus(validity));
    }

    public CertificateTemplate withSubjectAlternativeNames(List<String> dnsNames, List<InetAddress> ipAddresses)
    {
        return new CertificateTemplate(commonName, client, dnsNames, ipAddresses, notBefore, notAfter);
    }
}
