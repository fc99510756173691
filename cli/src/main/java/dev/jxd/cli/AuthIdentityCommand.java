package dev.jxd.cli;

import dev.jxd.api.auth.IdentitiesTlsPost;
import dev.jxd.api.auth.Identity;
import dev.jxd.api.auth.IdentityInfo;
import dev.jxd.api.auth.IdentityPut;
import dev.jxd.api.cert.CertificateParseException;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.cli.Formatter.Column;
import dev.jxd.cli.Formatter.Format;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.jxd.cli.Strings.nullToEmpty;
import static java.util.Objects.requireNonNull;

/** {@code jxc auth identity} (spec §6.4.1, §6.4.2). */
@Command(
        name = "identity",
        aliases = "user",
        description = "Manage identities",
        subcommands = {
                AuthIdentityCommand.Create.class,
                AuthIdentityCommand.Delete.class,
                AuthIdentityCommand.Edit.class,
                AuthIdentityCommand.GroupMembership.class,
                AuthIdentityCommand.Info.class,
                AuthIdentityCommand.ListIdentities.class,
                AuthIdentityCommand.Show.class,
        })
final class AuthIdentityCommand
        extends CommandGroup
{
    static final String IDENTITIES_PATH = "/1.0/auth/identities";
    static final String TLS_IDENTITIES_PATH = IDENTITIES_PATH + "/tls";

    static String identityPath(IdentityArgument identity)
    {
        return ApiPaths.path(IDENTITIES_PATH, identity.authenticationMethod(), identity.name());
    }

    /** The identity with its ETag, after checking it has the type the argument's shorthand implies. */
    static FetchedIdentity fetch(CliContext context, IdentityArgument identity)
    {
        JxdClient client = context.client(identity.remote());
        ApiResponse response = client.get(identityPath(identity));
        Identity fetched = response.metadataAs(Identity.class);
        identity.checkType(fetched.type());
        return new FetchedIdentity(client, fetched, response.etag());
    }

    record FetchedIdentity(JxdClient client, Identity identity, String etag)
    {
    }

    /**
     * Prints the answer to a pending identity's creation as {@code lxc} does: unless quiet,
     * {@code <kind> "<name>" (<uuid>) pending identity token:}; then, always, the base64 token on the last line, so
     * that the output of a quiet run is exactly the token.
     *
     * @param response a {@code 201} whose {@code Location} is {@code /1.0/auth/identities/tls/<uuid>} and whose
     * metadata is the token
     */
    static void printPendingToken(CliContext context, String kind, String name, ApiResponse response)
    {
        if (!context.quiet()) {
            context.out().printf("%s \"%s\" (%s) pending identity token:%n", kind, name, pendingIdentityId(response.location()));
        }
        context.out().println(TrustTokens.encode(response.metadataAs(CertificateAddToken.class)));
    }

    /** The UUID in {@code Location: /1.0/auth/identities/tls/<uuid>}. */
    static String pendingIdentityId(String location)
    {
        String prefix = TLS_IDENTITIES_PATH + "/";
        if (location == null || !location.startsWith(prefix)) {
            throw new CliException("Received unexpected location header \"%s\"".formatted(nullToEmpty(location)));
        }
        String id = location.substring(prefix.length());
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException("not in canonical form");
            }
            return uuid.toString();
        }
        catch (IllegalArgumentException e) {
            throw new CliException("Received invalid pending identity UUID \"%s\": %s".formatted(id, e.getMessage()), e);
        }
    }

    @Command(name = "create",
            description = {
                    "Create an identity",
                    "",
                    "tls/<name> with a certificate (a file, or \"certificate\" in YAML on standard",
                    "input) trusts that certificate; without one it creates a pending identity and",
                    "prints its trust token, which a client redeems with \"jxc remote add\".",
                    "",
                    "cluster-link/<name> creates the pending identity of a unidirectional cluster",
                    "link and prints its token: run this on the target cluster, then",
                    "\"jxc cluster link create <name> --token <token> --unidirectional\" on the",
                    "cluster that will call it. The identity gets the groups given with --group.",
                    "",
                    "bearer/<name> and devlxd/<name> create bearer identities."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc auth identity create tls/jane-doe --group admins",
                    "      Create a pending TLS identity in group \"admins\" and print its token.",
                    "",
                    "  jxc auth identity create tls/jane-doe jane.crt --group admins",
                    "      Trust the certificate in jane.crt as \"jane-doe\".",
                    "",
                    "  jxc auth identity create cluster-link/cluster_a --auth-group clusters",
                    "      Create the pending identity of a unidirectional cluster link from",
                    "      \"cluster_a\", in group \"clusters\", and print its token."})
    static final class Create
            implements Runnable
    {
        private static final String BEARER_CLIENT_TYPE = "Client token bearer";

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name>")
        private String target;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<path to PEM encoded certificate>")
        private String certificateFile;

        @Option(names = {"-g", "--group", "--auth-group"}, paramLabel = "<group>", split = ",", description = "Groups to add to the identity (repeatable, or comma-separated); --auth-group is an alias")
        private List<String> groups = new ArrayList<>();

        Create(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            IdentityArgument identity = IdentityArgument.parse(context.config(), target);
            if (identity.shorthand().equals(IdentityArgument.SHORTHAND_CLUSTER_LINK)) {
                createClusterLink(identity);
                return;
            }
            switch (identity.authenticationMethod()) {
                case IdentityArgument.METHOD_TLS -> createTls(identity);
                case IdentityArgument.METHOD_OIDC -> throw new CliException("OIDC identities cannot be created manually");
                case IdentityArgument.METHOD_BEARER -> createBearer(identity);
                default -> throw new CliException("Cannot create identities with authentication method \"%s\"".formatted(identity.authenticationMethod()));
            }
        }

        private void createTls(IdentityArgument identity)
        {
            IdentitiesTlsPost stdin = Yaml.readStandardInput(context, IdentitiesTlsPost.class);
            List<String> allGroups = mergeGroups(stdin.groups());
            String certificate = nullToEmpty(stdin.certificate());
            if (certificateFile != null) {
                certificate = readFile(Path.of(certificateFile));
            }
            JxdClient client = context.client(identity.remote());
            if (certificate.isEmpty()) {
                ApiResponse response = client.post(TLS_IDENTITIES_PATH, new IdentitiesTlsPost(identity.name(), "", true, "", allGroups));
                printPendingToken(context, "TLS identity", identity.name(), response);
                return;
            }
            String fingerprint;
            try {
                fingerprint = Certificates.fingerprint(Certificates.parsePem(certificate));
            }
            catch (CertificateParseException e) {
                throw new CliException(e.getMessage(), e);
            }
            client.post(TLS_IDENTITIES_PATH, new IdentitiesTlsPost(identity.name(), "", false, certificate, allGroups));
            if (!context.quiet()) {
                context.out().printf("TLS identity \"%s\" created with fingerprint \"%s\"%n", identity.name(), fingerprint);
            }
        }

        // The identity of a unidirectional link is created by the link endpoint, which also issues its token
        private void createClusterLink(IdentityArgument identity)
        {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", identity.name());
            request.put("type", "unidirectional");
            request.put("auth_groups", mergeGroups(List.of()));
            ApiResponse response = context.client(identity.remote()).post(ClusterLinkCommand.LINKS_PATH, request);
            printPendingToken(context, "Cluster link", identity.name(), response);
        }

        private void createBearer(IdentityArgument identity)
        {
            String type = identity.identityType() == null ? BEARER_CLIENT_TYPE : identity.identityType();
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("name", identity.name());
            request.put("type", type);
            request.put("groups", mergeGroups(List.of()));
            context.client(identity.remote()).post(ApiPaths.path(IDENTITIES_PATH, IdentityArgument.METHOD_BEARER), request);
            if (!context.quiet()) {
                context.out().printf("%s identity \"%s\" created%n", type, identity.name());
            }
        }

        private List<String> mergeGroups(List<String> initial)
        {
            List<String> merged = new ArrayList<>(initial == null ? List.of() : initial);
            for (String group : groups) {
                if (!group.isEmpty() && !merged.contains(group)) {
                    merged.add(group);
                }
            }
            return merged;
        }

        private static String readFile(Path path)
        {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Failed to read " + path, e);
            }
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete an identity",
            footer = {
                    "%nExamples:",
                    "  jxc auth identity delete my-remote:tls/jane-doe",
                    "      Delete the TLS identity named \"jane-doe\" (the name must be unique) in remote \"my-remote\"."})
    static final class Delete
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name_or_identifier>")
        private String target;

        Delete(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            IdentityArgument identity = IdentityArgument.parse(context.config(), target);
            FetchedIdentity fetched = fetch(context, identity);
            fetched.client().delete(identityPath(identity));
        }
    }

    @Command(name = "edit", description = "Edit an identity as YAML",
            footer = "%nExample:%n  jxc auth identity edit <type>/<name_or_identifier> < identity.yaml%n      Update an identity using the content of identity.yaml")
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a YAML representation of the identity.
                ### Any line starting with a '# will be ignored.
                ###
                ### An identity has the following format:
                ### authentication_method: tls
                ### type: Client certificate
                ### id: 12beaccbf9e7b7445185581b70099a5962c927e85006d5883856d909fe79f976
                ### name: jane-doe
                ### groups:
                ### - my-first-group
                ###
                ### Note that all identity information is shown but only the groups and the certificate can be modified

                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name_or_identifier>")
        private String target;

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            IdentityArgument identity = IdentityArgument.parse(context.config(), target);
            FetchedIdentity fetched = fetch(context, identity);
            String path = identityPath(identity);
            if (!context.stdinIsTerminal()) {
                fetched.client().put(path, Yaml.read(context.readStdin(), IdentityPut.class), fetched.etag());
                return;
            }
            String yaml = HELP_HEADER + Yaml.write(fetched.identity());
            new Editor(context).editUntilAccepted(yaml, "Could not parse identity: ",
                    edited -> fetched.client().put(path, Yaml.read(edited, IdentityPut.class), fetched.etag()));
        }
    }

    /** A change to an identity's group list; throws a {@link CliException} when it does not apply. */
    @FunctionalInterface
    interface GroupsChange
    {
        void apply(IdentityArgument identity, List<String> groups);
    }

    /** Fetches the identity, changes its groups, and PUTs them back with the ETag from the fetch. */
    static void changeGroups(CliContext context, String target, GroupsChange change)
    {
        IdentityArgument identity = IdentityArgument.parse(context.config(), target);
        FetchedIdentity fetched = fetch(context, identity);
        List<String> groups = new ArrayList<>(fetched.identity().groups() == null ? List.of() : fetched.identity().groups());
        change.apply(identity, groups);
        fetched.client().put(identityPath(identity), new IdentityPut(groups, fetched.identity().tlsCertificate()), fetched.etag());
    }

    @Command(name = "group", description = "Manage groups for the identity",
            subcommands = {GroupMembership.Add.class, GroupMembership.Remove.class})
    static final class GroupMembership
            extends CommandGroup
    {
        @Command(name = "add", description = "Add a group to an identity")
        static final class Add
                implements Runnable
        {
            private final CliContext context;

            @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name_or_identifier>")
            private String target;

            @Parameters(index = "1", paramLabel = "<group>")
            private String group;

            Add(CliContext context)
            {
                this.context = requireNonNull(context, "context is null");
            }

            @Override
            public void run()
            {
                changeGroups(context, target, (identity, groups) -> {
                    if (groups.contains(group)) {
                        throw new CliException("Identity \"%s\" is already a member of group \"%s\"".formatted(identity.name(), group));
                    }
                    groups.add(group);
                });
            }
        }

        @Command(name = "remove", description = "Remove a group from an identity")
        static final class Remove
                implements Runnable
        {
            private final CliContext context;

            @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name_or_identifier>")
            private String target;

            @Parameters(index = "1", paramLabel = "<group>")
            private String group;

            Remove(CliContext context)
            {
                this.context = requireNonNull(context, "context is null");
            }

            @Override
            public void run()
            {
                changeGroups(context, target, (identity, groups) -> {
                    if (!groups.removeIf(group::equals)) {
                        throw new CliException("Identity \"%s\" is not a member of group \"%s\"".formatted(identity.name(), group));
                    }
                });
            }
        }
    }

    @Command(name = "info", description = {"View the current identity", "", "Shows the caller's identity with its effective groups and permissions."})
    static final class Info
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        Info(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            IdentityInfo info = context.client(remote).getAs(IDENTITIES_PATH + "/current", IdentityInfo.class);
            context.out().print(Yaml.write(info));
        }
    }

    @Command(name = "list", aliases = "ls", description = "List identities")
    static final class ListIdentities
            implements Runnable
    {
        private static final List<Column<Identity>> COLUMNS = List.of(
                new Column<>('a', "AUTHENTICATION METHOD", (identity, format) -> identity.authenticationMethod()),
                new Column<>('t', "TYPE", (identity, format) -> identity.type()),
                new Column<>('n', "NAME", (identity, format) -> identity.name()),
                new Column<>('i', "IDENTIFIER", (identity, format) -> identity.id()),
                new Column<>('g', "GROUPS", (identity, format) ->
                        String.join(format == Format.CSV ? "," : "\n", identity.groups() == null ? List.of() : identity.groups())));

        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        @Option(names = {"-c", "--columns"}, paramLabel = "<columns>", defaultValue = "atnig",
                description = "Columns: a (authentication method), t (type), n (name), i (identifier), g (groups)")
        private String columns;

        ListIdentities(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            List<Identity> identities = context.client(remote).getAs(ApiPaths.withQuery(IDENTITIES_PATH, "recursion", "1"), new TypeReference<List<Identity>>() {});
            Formatter.renderColumns(context.out(), format, columns, COLUMNS, identities, identities);
        }
    }

    @Command(name = "show", description = {"View an identity", "",
            "The argument is the authentication method and the name or identifier of the identity, separated by a",
            "forward slash. A name must be unique within the authentication method; use the identifier otherwise."})
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<type>/<name_or_identifier>")
        private String target;

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            IdentityArgument identity = IdentityArgument.parse(context.config(), target);
            context.out().print(Yaml.write(fetch(context, identity).identity()));
        }
    }
}
