package dev.jxd.daemon.link.peer;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Why one address failed.
 *
 * @param address the address as the caller gave it
 * @param httpStatus the peer's HTTP status when it answered with an error ({@link PeerFailureKind#HTTP_ERROR},
 * sometimes {@link PeerFailureKind#NOT_LXD})
 * @param message the reason; for {@link PeerFailureKind#HTTP_ERROR} the peer's own error message unchanged, so callers
 * can relay it as LXD does ({@code Remote cluster address "<a>": <remote message>})
 */
public record PeerFailure(String address, PeerFailureKind kind, OptionalInt httpStatus, String message)
{
    public PeerFailure
    {
        requireNonNull(address, "address is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(httpStatus, "httpStatus is null");
        requireNonNull(message, "message is null");
    }

    public static PeerFailure of(String address, PeerFailureKind kind, String message)
    {
        return new PeerFailure(address, kind, OptionalInt.empty(), message);
    }

    /** The reason without the address, e.g. {@code connection refused} or {@code HTTP 403 from peer: Forbidden}. */
    public String reason()
    {
        if (kind == PeerFailureKind.HTTP_ERROR && httpStatus.isPresent()) {
            return "HTTP %d from peer: %s".formatted(httpStatus.getAsInt(), message);
        }
        return message;
    }

    /** The address and the reason, e.g. {@code "127.0.0.1:9443": connection refused}. */
    public String describe()
    {
        return "\"%s\": %s".formatted(address, reason());
    }
}
