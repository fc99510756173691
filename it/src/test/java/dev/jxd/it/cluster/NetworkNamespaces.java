package dev.jxd.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private network for cluster members: one network namespace per member, each with a veth pair whose other end is
 * attached to a bridge in the host's namespace, addresses {@code 10.213.0.1}, {@code .2}, ... on a /24. Taking a
 * member's host-side veth down cuts it off from the others in both directions, without a reset of its connections,
 * as a pulled cable would; its unix socket, a file, stays reachable from the test.
 *
 * <p>Needs root and {@code ip} (iproute2), which {@link #create} installs with apt-get when it is missing. Every
 * interface and namespace name carries a random tag, so concurrent runs do not collide, and {@link #close} removes
 * whatever was created, also after a partial set-up.
 */
final class NetworkNamespaces
        implements AutoCloseable
{
    private static final String SUBNET = "10.213.0.";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final String tag;
    private final String bridge;
    private final List<String> namespaces = new ArrayList<>();
    private boolean bridgeCreated;

    private NetworkNamespaces(String tag)
    {
        this.tag = tag;
        this.bridge = "jx" + tag + "br";
    }

    static NetworkNamespaces create(int members)
    {
        requireRootWithIp();
        NetworkNamespaces network = new NetworkNamespaces(HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()));
        try {
            run("ip", "link", "add", network.bridge, "type", "bridge");
            network.bridgeCreated = true;
            run("ip", "link", "set", network.bridge, "up");
            for (int index = 0; index < members; index++) {
                network.addMember(index);
            }
            return network;
        }
        catch (RuntimeException | Error failure) {
            network.close();
            throw failure;
        }
    }

    /** The namespace of member {@code index} (from 0). */
    String namespace(int index)
    {
        return namespaces.get(index);
    }

    /** The address of member {@code index} (from 0) on the private network. */
    static String address(int index)
    {
        return SUBNET + (index + 1);
    }

    /** Cuts member {@code index} off the network. */
    void disconnect(int index)
    {
        run("ip", "link", "set", hostSide(index), "down");
    }

    void reconnect(int index)
    {
        run("ip", "link", "set", hostSide(index), "up");
    }

    /** Deletes the namespaces (with them the veth pairs) and the bridge; processes in a namespace must be stopped first. */
    @Override
    public void close()
    {
        List<String> failures = new ArrayList<>();
        for (String namespace : namespaces) {
            runQuietly(failures, "ip", "netns", "delete", namespace);
        }
        namespaces.clear();
        if (bridgeCreated) {
            runQuietly(failures, "ip", "link", "delete", bridge);
            bridgeCreated = false;
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Could not remove the test network: " + failures);
        }
    }

    private void addMember(int index)
    {
        String namespace = "jx" + tag + "-m" + (index + 1);
        String inside = "jx" + tag + "n" + (index + 1);
        run("ip", "netns", "add", namespace);
        namespaces.add(namespace);
        // The pair is created with one end already in the namespace: deleting the namespace then deletes both ends,
        // even if this set-up fails half-way
        run("ip", "link", "add", hostSide(index), "type", "veth", "peer", "name", inside, "netns", namespace);
        run("ip", "link", "set", hostSide(index), "master", bridge);
        run("ip", "link", "set", hostSide(index), "up");
        run("ip", "-n", namespace, "address", "add", address(index) + "/24", "dev", inside);
        run("ip", "-n", namespace, "link", "set", inside, "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
    }

    private String hostSide(int index)
    {
        return "jx" + tag + "h" + (index + 1);
    }

    private static void requireRootWithIp()
    {
        String user = run("id", "-u").strip();
        if (!user.equals("0")) {
            throw new AssertionError("The partition tests create network namespaces and need root (uid " + user + "); bin/test runs them as root");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            run("apt-get", "update", "-qq");
            run("apt-get", "install", "-y", "-qq", "iproute2");
        }
    }

    private static void runQuietly(List<String> failures, String... command)
    {
        try {
            run(command);
        }
        catch (RuntimeException exception) {
            failures.add(exception.getMessage());
        }
    }

    private static String run(String... command)
    {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": exit " + process.exitValue() + ": " + output.strip());
            }
            return output;
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), exception);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
