package dev.jxd.api.certificate;

import java.util.List;

/**
 * Body of legacy {@code PUT}/{@code PATCH /1.0/certificates/{fingerprint}}. LXD 5.0's
 * {@code lxc config trust edit} sends every field, empty ones included; newer clients also send
 * {@code description}, which jxd accepts and does not keep. A {@code null} component was absent from the
 * body: {@code PATCH} keeps the current value, {@code PUT} takes the empty one.
 *
 * @param type {@code client} or {@code metrics}
 * @param projects the projects a restricted certificate may use
 * @param certificate PEM of a replacement certificate; empty or the current one changes nothing
 */
public record CertificatePut(
        String name,
        String description,
        String type,
        Boolean restricted,
        List<String> projects,
        String certificate)
{
}
