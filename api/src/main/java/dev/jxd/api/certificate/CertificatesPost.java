package dev.jxd.api.certificate;

import java.util.List;

/**
 * Body of legacy {@code POST /1.0/certificates}. LXD 5.0's {@code lxc remote add} sends every field,
 * including {@code password} (always empty with a token) and {@code trust_token}/{@code token}.
 */
public record CertificatesPost(
        String name,
        String type,
        Boolean restricted,
        List<String> projects,
        String certificate,
        String password,
        String trustToken,
        Boolean token)
{
}
