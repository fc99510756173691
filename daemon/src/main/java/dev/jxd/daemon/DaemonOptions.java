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
 */
public record DaemonOptions(Path stateDirectory, Optional<String> initialHttpsAddress, InstantSource clock, String serverName)
{
    public static final String DEFAULT_HTTPS_ADDRESS = "127.0.0.1:8443";

    public DaemonOptions
    {
        requireNonNull(stateDirectory, "stateDirectory is null");
        requireNonNull(initialHttpsAddress, "initialHttpsAddress is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(serverName, "serverName is null");
    }
}
