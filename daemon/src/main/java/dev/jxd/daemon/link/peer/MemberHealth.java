package dev.jxd.daemon.link.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the monitor knows about one remote member (address) of one link: the latest probe's status, and figures kept
 * from earlier probes when the latest one failed.
 *
 * @param serverName as the latest probe reported it; empty unless the member trusts us (LXD's state semantics)
 * @param lastContact the last time the member answered at all (active or unauthenticated); kept across failed probes
 * @param roundTrip of the last probe the member answered
 * @param certificateExpiresAt NotAfter of the certificate the member served when it last answered
 * @param failure why the latest probe found the member unreachable
 * @param checkedAt when the latest probe started
 */
public record MemberHealth(
        String link,
        String address,
        ProbeStatus status,
        String serverName,
        Optional<Instant> lastContact,
        Optional<Duration> roundTrip,
        Optional<Instant> certificateExpiresAt,
        Optional<PeerFailure> failure,
        Instant checkedAt)
{
    public MemberHealth
    {
        requireNonNull(link, "link is null");
        requireNonNull(address, "address is null");
        requireNonNull(status, "status is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(lastContact, "lastContact is null");
        requireNonNull(roundTrip, "roundTrip is null");
        requireNonNull(certificateExpiresAt, "certificateExpiresAt is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(checkedAt, "checkedAt is null");
    }

    /** The health after {@code probe}, given what was known before (empty for a member seen the first time). */
    static MemberHealth merge(String link, Optional<MemberHealth> previous, ProbeResult probe)
    {
        boolean answered = probe.status().answered();
        return new MemberHealth(
                link,
                probe.address(),
                probe.status(),
                probe.serverName(),
                answered ? Optional.of(probe.probedAt()) : previous.flatMap(MemberHealth::lastContact),
                answered ? probe.roundTrip() : previous.flatMap(MemberHealth::roundTrip),
                answered ? probe.certificateExpiresAt() : previous.flatMap(MemberHealth::certificateExpiresAt),
                probe.failure(),
                probe.probedAt());
    }
}
