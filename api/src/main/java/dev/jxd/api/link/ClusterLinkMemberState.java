package dev.jxd.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One remote member as seen from this cluster. LXD reports {@code server_name}, {@code address} and
 * {@code status} ({@code Active}, {@code Unreachable}, {@code Unauthenticated}); jxd adds the health
 * figures its prober keeps, omitted when unknown so LXD clients see LXD's shape.
 *
 * @param lastContact the last time the member answered, as seen by the prober
 * @param roundTripMillis the round trip of the last successful probe
 * @param certificateExpiresAt NotAfter of the certificate the member presented
 * @param error why the member is not Active (refused, timeout, TLS, fingerprint mismatch, HTTP error)
 */
public record ClusterLinkMemberState(
        String serverName,
        String address,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastContact,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double roundTripMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant certificateExpiresAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String error)
{
    public static final String ACTIVE = "Active";
    public static final String UNREACHABLE = "Unreachable";
    public static final String UNAUTHENTICATED = "Unauthenticated";
}
