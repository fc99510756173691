package dev.jxd.daemon.http;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Decides who a caller is before routing (implemented by the auth feature). */
public interface Authenticator
{
    Caller authenticateTls(Optional<X509Certificate> peerCertificate, String address);
}
