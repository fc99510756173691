package dev.jxd.daemon.link.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One probe ({@code GET /1.0} with the link's credentials) of one address.
 *
 * @param address as given
 * @param serverName the peer's {@code environment.server_name}; empty unless it trusts us
 * @param roundTrip of the request, when it answered (includes the TLS handshake when no pooled connection was open)
 * @param certificateExpiresAt NotAfter of the certificate the peer served, when it answered
 * @param failure why it is {@link ProbeStatus#UNREACHABLE}
 */
public record ProbeResult(
        String address,
        ProbeStatus status,
        String serverName,
        Optional<Duration> roundTrip,
        Optional<Instant> certificateExpiresAt,
        Optional<PeerFailure> failure,
        Instant probedAt)
{
    public ProbeResult
    {
        requireNonNull(address, "address is null");
        requireNonNull(status, "status is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(roundTrip, "roundTrip is null");
        requireNonNull(certificateExpiresAt, "certificateExpiresAt is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(probedAt, "probedAt is null");
    }

    static ProbeResult unreachable(PeerFailure failure, Instant probedAt)
    {
        return new ProbeResult(failure.address(), ProbeStatus.UNREACHABLE, "", Optional.empty(), Optional.empty(), Optional.of(failure), probedAt);
    }
}
