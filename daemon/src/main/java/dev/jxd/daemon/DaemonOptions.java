package dev.jxd.daemon;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to start a daemon.
 *
 * @param initialHttpsAddress {@code core.https_address} to set when the state directory is new
 * @param clock the one clock every timeout, expiry and schedule reads (tests pass their own)
 * @param join join an existing cluster instead of starting a standalone server
 */
public record DaemonOptions(Path stateDirectory, Optional<String> initialHttpsAddress, InstantSource clock, String serverName, Optional<JoinOptions> join)
{
    public static final String DEFAULT_HTTPS_ADDRESS = "127.0.0.1:8443";

    /**
     * @param token the join token {@code jxc cluster add} printed
     * @param address the new member's HTTPS address, which the other members use
     * @param raftAddress the new member's Raft address; by default the HTTPS port plus one
     */
    public record JoinOptions(String token, String address, Optional<String> raftAddress)
    {
        public JoinOptions
        {
            requireNonNull(token, "token is null");
            requireNonNull(address, "address is null");
            requireNonNull(raftAddress, "raftAddress is null");
        }

        @Override
        public String toString()
        {
            return "JoinOptions[token=<redacted>, address=" + address + ", raftAddress=" + raftAddress + "]";
        }
    }

    public DaemonOptions
    {
        requireNonNull(stateDirectory, "stateDirectory is null");
        requireNonNull(initialHttpsAddress, "initialHttpsAddress is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(serverName, "serverName is null");
        requireNonNull(join, "join is null");
    }

    public DaemonOptions(Path stateDirectory, Optional<String> initialHttpsAddress, InstantSource clock, String serverName)
    {
        this(stateDirectory, initialHttpsAddress, clock, serverName, Optional.empty());
    }

    /** These options for a server that is no cluster member (any more), listening on {@code httpsAddress} once its state is new. */
    public DaemonOptions standalone(String httpsAddress)
    {
        return new DaemonOptions(stateDirectory, Optional.of(httpsAddress), clock, serverName, Optional.empty());
    }

    public DaemonOptions withJoin(JoinOptions joinOptions)
    {
        return new DaemonOptions(stateDirectory, initialHttpsAddress, clock, serverName, Optional.of(joinOptions));
    }
}
