package dev.jxd.daemon.link.peer;

import static java.util.Objects.requireNonNull;

/**
 * @param address the address (as given) the call succeeded on
 * @param value what the call returned; may be null
 */
public record PeerCallResult<T>(String address, T value)
{
    public PeerCallResult
    {
        requireNonNull(address, "address is null");
    }
}
