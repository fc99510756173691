package dev.jxd.daemon.link.peer;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A link to watch.
 *
 * @param addresses the remote members' addresses as stored ({@code volatile.addresses})
 */
public record HealthTarget(String link, List<String> addresses, PeerCredentials credentials)
{
    public HealthTarget
    {
        requireNonNull(link, "link is null");
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
        requireNonNull(credentials, "credentials is null");
    }
}
