package dev.jxd.api.certificate;

import java.util.List;

/**
 * Legacy {@code /1.0/certificates} object, as LXD 5.x's {@code lxc config trust list/show/edit} read it.
 *
 * @param type {@code client}, {@code metrics} or {@code server}
 * @param restricted whether the certificate is limited to {@code projects} (spec §2.7.5)
 * @param projects sorted; empty for unrestricted certificates
 */
public record Certificate(
        String name,
        String type,
        boolean restricted,
        List<String> projects,
        String certificate,
        String fingerprint,
        String expiresAt)
{
}
