package dev.jxd.cli;

import picocli.CommandLine.Command;

/**
 * {@code jxc cluster}. Cluster-link commands ({@code jxc cluster link ...}, spec §6.1) register here by adding their
 * group class to {@code subcommands}.
 */
@Command(
        name = "cluster",
        description = "Manage cluster members and cluster links",
        subcommands = {})
final class ClusterCommand
        extends CommandGroup
{
}
