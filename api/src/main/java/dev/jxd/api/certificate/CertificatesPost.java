package dev.jxd.api.certificate;

import java.util.List;

/**
 * Body of legacy {@code POST /1.0/certificates}. LXD's Go client sends every field, empty ones included:
 * LXD 5.0's {@code lxc remote add <token>} puts the token in {@code trust_token} when the server advertises
 * {@code explicit_trust_token} and in {@code password} otherwise; newer clients also send {@code description}.
 *
 * @param certificate base64 of the DER certificate (LXD's format), or PEM
 */
public record CertificatesPost(
        String name,
        String description,
        String type,
        Boolean restricted,
        List<String> projects,
        String certificate,
        String password,
        String trustToken,
        Boolean token)
{
}
