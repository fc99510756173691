package dev.jxd.cli;

import picocli.CommandLine.Command;

/** {@code jxc auth}: groups, identities and permissions (spec §6.4). */
@Command(
        name = "auth",
        description = "Manage user authorization",
        subcommands = {
                AuthGroupCommand.class,
                AuthIdentityCommand.class,
                AuthPermissionCommand.class,
        })
final class AuthCommand
        extends CommandGroup
{
}
