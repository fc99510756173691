package dev.jxd.daemon.link.peer;

import dev.jxd.client.JxdClient;

/** A call to one address of a peer; the client is pinned and authenticated per the credentials, and owned by the connector. */
@FunctionalInterface
public interface PeerCall<T>
{
    T call(JxdClient client)
            throws Exception;
}
