package dev.jxd.api.certificate;

import java.util.List;

/** Legacy {@code /1.0/certificates} object, enough for LXD 5.x's {@code lxc config trust list}. */
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
