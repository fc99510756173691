package dev.jxd.cli;

import picocli.CommandLine.Command;

/** {@code jxc cluster}: for now only its cluster links ({@code jxc cluster link ...}, spec §6.1). */
@Command(
        name = "cluster",
        description = "Manage cluster members and cluster links",
        subcommands = ClusterLinkCommand.class)
final class ClusterCommand
        extends CommandGroup
{
}
