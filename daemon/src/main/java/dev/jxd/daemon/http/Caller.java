package dev.jxd.daemon.http;

import dev.jxd.api.operation.Requestor;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who is making a request, as decided by authentication before routing.
 *
 * @param protocol {@code unix}, {@code tls}, {@code cluster}, or empty for an untrusted caller
 * @param username the unix user, or the certificate fingerprint for TLS
 * @param identityType the identity's API type string for TLS identities, else empty
 * @param identityUrl the identity's entity URL for TLS identities, else empty
 * @param identityName the identity's name for TLS identities, else empty
 * @param peerCertificate the TLS client certificate the caller presented, if any (also for untrusted callers)
 * @param address the remote address ({@code @} for the unix socket)
 */
public record Caller(
        String protocol,
        String username,
        String identityType,
        String identityUrl,
        String identityName,
        boolean administrator,
        boolean fineGrained,
        Optional<X509Certificate> peerCertificate,
        String address)
{
    public static final String PROTOCOL_UNIX = "unix";
    public static final String PROTOCOL_TLS = "tls";
    public static final String PROTOCOL_CLUSTER = "cluster";

    public static Caller untrusted(Optional<X509Certificate> peerCertificate, String address)
    {
        return new Caller("", "", "", "", "", false, false, peerCertificate, address);
    }

    public static Caller unix(String username)
    {
        return new Caller(PROTOCOL_UNIX, username, "", "", "", true, false, Optional.empty(), "@");
    }

    /** Another member of this server's cluster, which authenticated with the cluster certificate (LXD's server certificate). */
    public static Caller clusterMember(String fingerprint, Optional<X509Certificate> peerCertificate, String address)
    {
        return new Caller(PROTOCOL_CLUSTER, fingerprint, "Server certificate", "", "", true, false, peerCertificate, address);
    }

    public Caller withAddress(String newAddress)
    {
        return new Caller(protocol, username, identityType, identityUrl, identityName, administrator, fineGrained, peerCertificate, newAddress);
    }

    public boolean trusted()
    {
        return !protocol.isEmpty();
    }

    public boolean viaUnixSocket()
    {
        return PROTOCOL_UNIX.equals(protocol);
    }

    public Requestor requestor()
    {
        return new Requestor(username, protocol, address);
    }
}
