package dev.jxd.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Loopback ports for the daemons, Raft members and closed addresses of the tests.
 *
 * <p>A port found by binding port 0 comes from the kernel's ephemeral range, and between closing the probe and
 * the daemon's own bind any outgoing connection of the test JVM (a client, Jetty's, Ratis's) may be given it as
 * its source port. CI saw exactly that: a member's Raft port, its HTTPS port plus one, taken while it started.
 * So ports come from below the ephemeral range, which the kernel never hands to outgoing connections, and no
 * port is handed out twice in one JVM. Each reservation is a pair, the port and its successor, because a
 * member's Raft port defaults to its HTTPS port plus one. The walk starts at a random place so that two test
 * JVMs on one machine (two builds) rarely meet; the bind check catches the rest.
 */
public final class LoopbackPorts
{
    private static final int LOWEST = 10_000;
    private static final int HIGHEST = 65_535;

    private static final Range RANGE = Range.belowEphemeralPorts();
    private static int next = RANGE.first() + new Random().nextInt(RANGE.size() / 2) * 2;

    private LoopbackPorts() {}

    /** A loopback port, free when returned, whose successor is free as well and reserved with it. */
    public static synchronized int reservePair()
    {
        for (int attempt = 0; attempt < RANGE.size() / 2; attempt++) {
            int port = next;
            next += 2;
            if (next + 1 > RANGE.last()) {
                next = RANGE.first();
            }
            if (bindable(port) && bindable(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No pair of free loopback ports between " + RANGE.first() + " and " + RANGE.last());
    }

    private static boolean bindable(int port)
    {
        // Without SO_REUSEADDR: a port still in TIME_WAIT would fail a server that does not set it either
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    private record Range(int first, int last)
    {
        int size()
        {
            return last - first + 1;
        }

        /** The ports the kernel does not use for outgoing connections: below its ephemeral range, or else above it. */
        static Range belowEphemeralPorts()
        {
            int[] ephemeral = ephemeralRange();
            if (ephemeral[0] - LOWEST >= 1_000) {
                return new Range(LOWEST, ephemeral[0] - 1);
            }
            if (HIGHEST - ephemeral[1] >= 1_000) {
                return new Range(ephemeral[1] + 1, HIGHEST);
            }
            throw new IllegalStateException("The ephemeral port range " + ephemeral[0] + "-" + ephemeral[1] + " leaves no room for test ports");
        }

        private static int[] ephemeralRange()
        {
            try {
                // Not Files.readString: it trusts the size /proc reports and returned only the first byte
                String[] bounds = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
                return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
            }
            catch (IOException exception) {
                throw new UncheckedIOException("Cannot read the ephemeral port range", exception);
            }
        }
    }
}
