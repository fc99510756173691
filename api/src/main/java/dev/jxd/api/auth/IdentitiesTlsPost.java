package dev.jxd.api.auth;

import java.util.List;

/** Body of {@code POST /1.0/auth/identities/tls} (spec §2.6). */
public record IdentitiesTlsPost(String name, String trustToken, boolean token, String certificate, List<String> groups)
{
}
