package dev.jxd.api.server;

import java.util.List;

/** The {@code environment} block of {@code GET /1.0}, in LXD's field order. */
public record Environment(
        List<String> addresses,
        List<String> architectures,
        String certificate,
        String certificateFingerprint,
        String driver,
        String driverVersion,
        String firewall,
        String kernel,
        String kernelArchitecture,
        String kernelVersion,
        String osName,
        String osVersion,
        String project,
        String server,
        boolean serverClustered,
        String serverEventMode,
        String serverName,
        long serverPid,
        String serverVersion,
        String storage,
        String storageVersion)
{
}
