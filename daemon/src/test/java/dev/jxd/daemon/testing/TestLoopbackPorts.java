package dev.jxd.daemon.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestLoopbackPorts
{
    @Test
    void pairsAreDistinctBindableAndOutsideTheEphemeralRange()
            throws IOException
    {
        String[] bounds = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
        int ephemeralFirst = Integer.parseInt(bounds[0]);
        int ephemeralLast = Integer.parseInt(bounds[1]);

        Set<Integer> handedOut = new HashSet<>();
        for (int pair = 0; pair < 200; pair++) {
            int port = LoopbackPorts.reservePair();
            assertThat(handedOut.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(handedOut.add(port + 1)).as("port %d handed out twice", port + 1).isTrue();
            assertThat(port + 1 < ephemeralFirst || port > ephemeralLast).as("port %d outside %d-%d", port, ephemeralFirst, ephemeralLast).isTrue();
        }
    }

    @Test
    void skipsPortsThatAreTaken()
            throws IOException
    {
        int first = LoopbackPorts.reservePair();
        // The walk goes up by two: hold the next pair's second port and the pair after that must be handed out instead
        try (ServerSocket holder = new ServerSocket(first + 3, 1, InetAddress.getLoopbackAddress())) {
            int next = LoopbackPorts.reservePair();
            assertThat(next).isNotIn(first + 2, first + 3);
            assertThat(holder.isBound()).isTrue();
        }
    }
}
