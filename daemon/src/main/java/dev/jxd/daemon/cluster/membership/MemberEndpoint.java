package dev.jxd.daemon.cluster.membership;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * A member's name, its REST address ({@code host:port}, IPv6 hosts bracketed, as LXD stores it) and
 * whether the latest heartbeat round found it online.
 */
public record MemberEndpoint(String name, String address, boolean online)
{
    public MemberEndpoint
    {
        requireNonNull(name, "name is null");
        requireNonNull(address, "address is null");
    }

    /** The base URL requests are forwarded to; the forwarder appends the original path and query. */
    public URI url()
    {
        return URI.create("https://" + address);
    }
}
