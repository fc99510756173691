package dev.jxd.cli;

import static java.util.Objects.requireNonNull;

/**
 * A {@code [<remote>:]<type>/<name-or-identifier>} identity argument (spec §6.4.1).
 *
 * @param authenticationMethod {@code tls}, {@code oidc} or {@code bearer}
 * @param identityType the identity type the shorthand implies, or {@code null} when it allows any type of the method
 * @param shorthand the type part as written, e.g. {@code cluster-link}
 */
record IdentityArgument(String remote, String shorthand, String authenticationMethod, String identityType, String name)
{
    static final String METHOD_TLS = "tls";
    static final String METHOD_OIDC = "oidc";
    static final String METHOD_BEARER = "bearer";
    static final String TYPE_OIDC_CLIENT = "OIDC client";
    static final String TYPE_DEVLXD_BEARER = "DevLXD token bearer";
    static final String TYPE_CLUSTER_LINK = "Cluster link certificate";
    static final String SHORTHAND_CLUSTER_LINK = "cluster-link";

    IdentityArgument
    {
        requireNonNull(remote, "remote is null");
        requireNonNull(shorthand, "shorthand is null");
        requireNonNull(authenticationMethod, "authenticationMethod is null");
        requireNonNull(name, "name is null");
    }

    static IdentityArgument parse(ClientConfig config, String argument)
    {
        RemoteArgument remoteArgument = RemoteArgument.parse(config, argument);
        return parseWithoutRemote(remoteArgument.remote(), remoteArgument.name());
    }

    /** Parses {@code <type>/<name>}; used directly for identity permissions, which carry no remote. */
    static IdentityArgument parseWithoutRemote(String remote, String argument)
    {
        int slash = argument.indexOf('/');
        if (slash < 0) {
            throw new CliException("Malformed argument, expected `[<remote>:]<type>/<name>`, got " + argument);
        }
        String shorthand = argument.substring(0, slash);
        String name = argument.substring(slash + 1);
        return switch (shorthand) {
            case METHOD_TLS -> new IdentityArgument(remote, shorthand, METHOD_TLS, null, name);
            case METHOD_OIDC -> new IdentityArgument(remote, shorthand, METHOD_OIDC, TYPE_OIDC_CLIENT, name);
            case "devlxd" -> new IdentityArgument(remote, shorthand, METHOD_BEARER, TYPE_DEVLXD_BEARER, name);
            case METHOD_BEARER -> new IdentityArgument(remote, shorthand, METHOD_BEARER, null, name);
            case SHORTHAND_CLUSTER_LINK -> new IdentityArgument(remote, shorthand, METHOD_TLS, TYPE_CLUSTER_LINK, name);
            default -> throw new CliException("Unrecognized identity type shorthand \"%s\"".formatted(shorthand));
        };
    }

    /** Fails unless the fetched identity has the type the shorthand implies (if it implies one). */
    void checkType(String actualType)
    {
        if (identityType != null && !identityType.equals(actualType)) {
            throw new CliException("Expected identity of type \"%s\" but found identity with type \"%s\"".formatted(identityType, actualType));
        }
    }
}
