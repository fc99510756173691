package dev.jxd.daemon.http;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Decides who a caller is before routing (implemented by the auth feature). */
public interface Authenticator
{
    Caller authenticateTls(Optional<X509Certificate> peerCertificate, String address);

    /**
     * The caller another member forwarded a request for. Only a member (a caller holding the cluster
     * certificate) may vouch for someone else; the identity is looked up here, so a revoked one is refused.
     */
    Caller authenticateForwarded(String protocol, String username, String address);
}
