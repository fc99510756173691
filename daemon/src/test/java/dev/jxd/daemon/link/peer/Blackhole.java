package dev.jxd.daemon.link.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port that completes TCP handshakes (the kernel does, into the backlog) but never answers: nothing ever accepts
 * the connections, so a TLS handshake waits forever unless the client bounds it.
 */
final class Blackhole
        implements AutoCloseable
{
    private final ServerSocket socket;

    Blackhole()
    {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address()
    {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close()
    {
        try {
            socket.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
