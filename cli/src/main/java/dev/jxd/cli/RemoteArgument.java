package dev.jxd.cli;

import static java.util.Objects.requireNonNull;

/**
 * A {@code [<remote>:]<name>} argument. Without a colon the whole argument is the name on the default remote;
 * with one, the part before the first colon must name a configured remote (as {@code lxc}'s {@code ParseRemote}).
 *
 * @param name may be empty, e.g. for {@code myremote:}
 */
record RemoteArgument(String remote, String name)
{
    RemoteArgument
    {
        requireNonNull(remote, "remote is null");
        requireNonNull(name, "name is null");
    }

    static RemoteArgument parse(ClientConfig config, String argument)
    {
        requireNonNull(config, "config is null");
        requireNonNull(argument, "argument is null");
        int colon = argument.indexOf(':');
        if (colon < 0) {
            return new RemoteArgument(config.defaultRemote(), argument);
        }
        String remote = argument.substring(0, colon);
        if (config.remote(remote).isEmpty()) {
            throw new CliException("The remote \"%s\" doesn't exist".formatted(remote));
        }
        return new RemoteArgument(remote, argument.substring(colon + 1));
    }

    /** The argument of a list command, which names at most a remote; absent means the default remote. */
    static String parseRemoteOnly(ClientConfig config, String argument)
    {
        return argument == null ? config.defaultRemote() : parse(config, argument).remote();
    }

    /** The name, or the {@code Missing <what> name} error when it is empty. */
    String requireName(String what)
    {
        if (name.isEmpty()) {
            throw new CliException("Missing %s name".formatted(what));
        }
        return name;
    }
}
