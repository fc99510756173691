package dev.jxd.daemon.link.peer;

import java.security.cert.X509Certificate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The certificate verified at a peer's addresses.
 *
 * @param verifiedAddresses the addresses (as given) that served it and answered {@code GET /1.0}, in the order given
 */
public record VerifiedCertificate(X509Certificate certificate, List<String> verifiedAddresses)
{
    public VerifiedCertificate
    {
        requireNonNull(certificate, "certificate is null");
        verifiedAddresses = List.copyOf(requireNonNull(verifiedAddresses, "verifiedAddresses is null"));
    }
}
