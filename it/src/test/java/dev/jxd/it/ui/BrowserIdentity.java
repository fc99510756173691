package dev.jxd.it.ui;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.daemon.testing.TestDaemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A TLS client certificate a browser presents, trusted by one daemon as a fine-grained identity in the given
 * groups (created by that daemon's administrator over the unix socket), with the PEM files Playwright reads.
 */
record BrowserIdentity(String name, CertificateAndKey certificate, Path certificateFile, Path keyFile)
{
    BrowserIdentity
    {
        requireNonNull(name, "name is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(certificateFile, "certificateFile is null");
        requireNonNull(keyFile, "keyFile is null");
    }

    /** A new certificate, trusted on {@code daemon} as {@code tls/<name>} in {@code groups}. */
    static BrowserIdentity trusted(TestDaemon daemon, String name, List<String> groups, Path directory)
    {
        BrowserIdentity identity = create(name, directory);
        daemon.unixClient().post("/1.0/auth/identities/tls", Map.of("name", name, "certificate", identity.certificate().certificatePem(), "groups", groups));
        return identity;
    }

    /** A new certificate no daemon knows. */
    static BrowserIdentity create(String name, Path directory)
    {
        CertificateAndKey certificate = TestDaemon.newClientCertificate(name);
        try {
            Files.createDirectories(directory);
            Path certificateFile = directory.resolve(name + ".crt");
            Path keyFile = directory.resolve(name + ".key");
            Files.writeString(certificateFile, certificate.certificatePem());
            Files.writeString(keyFile, certificate.privateKeyPem());
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return new BrowserIdentity(name, certificate, certificateFile, keyFile);
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
