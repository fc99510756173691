package dev.jxd.daemon.link.peer;

/** Why one address of a peer failed. */
public enum PeerFailureKind
{
    /** Nothing listens at the address (TCP connection refused). */
    REFUSED,
    /** No complete answer within the per-address timeout: a blackholed address, a stuck TLS handshake or a slow server. */
    TIMEOUT,
    /** The TLS handshake failed for another reason than the pinned certificate (protocol, client certificate refused). */
    TLS,
    /** The address served a certificate other than the expected one: a stale pin or a man in the middle. */
    FINGERPRINT_MISMATCH,
    /** The peer answered with an LXD error; the failure carries its HTTP status and message. */
    HTTP_ERROR,
    /** Something answered TLS at the address, but not as an LXD API server. */
    NOT_LXD,
    /** The host name does not resolve. */
    UNRESOLVED_HOST,
    OTHER,
}
