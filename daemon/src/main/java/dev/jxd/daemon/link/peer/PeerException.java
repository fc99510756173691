package dev.jxd.daemon.link.peer;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** No address of a peer did what was asked; the message names every address and why it failed. */
public final class PeerException
        extends RuntimeException
{
    private final List<PeerFailure> failures;

    public PeerException(String message, List<PeerFailure> failures)
    {
        super(requireNonNull(message, "message is null"));
        this.failures = List.copyOf(requireNonNull(failures, "failures is null"));
    }

    /** In the order the addresses were given. */
    public List<PeerFailure> failures()
    {
        return failures;
    }
}
