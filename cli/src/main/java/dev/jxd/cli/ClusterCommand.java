package dev.jxd.cli;

import picocli.CommandLine.Command;

/**
 * {@code jxc cluster}: the members of the cluster ({@link ClusterMemberCommands}, {@link ClusterEnableCommand}, join
 * tokens in {@link ClusterJoinTokenCommands}) and its links to other clusters ({@code jxc cluster link ...}, spec §6.1).
 */
@Command(
        name = "cluster",
        description = "Manage cluster members and cluster links",
        subcommands = {
                ClusterJoinTokenCommands.Add.class,
                ClusterMemberCommands.Edit.class,
                ClusterEnableCommand.class,
                ClusterMemberCommands.Info.class,
                ClusterLinkCommand.class,
                ClusterMemberCommands.ListMembers.class,
                ClusterJoinTokenCommands.ListTokens.class,
                ClusterMemberCommands.Remove.class,
                ClusterMemberCommands.Rename.class,
                ClusterJoinTokenCommands.RevokeToken.class,
                ClusterMemberCommands.Show.class,
        })
final class ClusterCommand
        extends CommandGroup
{
}
