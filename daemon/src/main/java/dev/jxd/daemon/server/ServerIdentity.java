package dev.jxd.daemon.server;

import dev.jxd.api.cert.CertificateAndKey;

import static java.util.Objects.requireNonNull;

/**
 * What this server is: its network certificate (served on HTTPS and presented to other clusters) and
 * its name.
 */
public record ServerIdentity(CertificateAndKey networkCertificate, String serverName, String version)
{
    public ServerIdentity
    {
        requireNonNull(networkCertificate, "networkCertificate is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(version, "version is null");
    }
}
