package dev.jxd.cli;

import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinkCertificate;
import dev.jxd.api.link.ClusterLinkPut;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jxd.cli.ClusterLinkCommand.LINKS_PATH;
import static dev.jxd.cli.Strings.nullToEmpty;
import static java.util.Objects.requireNonNull;

/** {@code jxc cluster link create} (spec §6.1, flows of §4.8). */
@Command(name = "create",
        description = {
                "Create cluster links",
                "",
                "When run with the --token flag, creates an active cluster link.",
                "When run without a token, creates a pending cluster link that must be activated",
                "by creating a cluster link on the remote cluster; it prints the token for that.",
                "",
                "With --unidirectional and a token from \"jxc auth identity create",
                "cluster-link/<name>\" on the remote cluster, creates a link that only this",
                "cluster uses: this cluster can call the remote one, not the other way round.",
                "",
                "With --public and --remote-address, links to a cluster without any trust: its",
                "certificate fingerprint is shown and must be confirmed (type y, or paste the",
                "fingerprint) before the certificate is pinned. --accept-certificate accepts it",
                "without asking; to check it without a terminal, pipe the expected fingerprint",
                "to standard input instead. A link that is not confirmed is deleted again.",
                "",
                "The description and configuration are read as YAML from standard input when",
                "it is not a terminal (except with --public); key=value arguments add",
                "configuration keys and --description overrides the description."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  jxc cluster link create backup-cluster --auth-group backups",
                "      Create a pending cluster link called \"backup-cluster\", whose identity",
                "      belongs to the group \"backups\", and print its trust token.",
                "",
                "  jxc cluster link create main-cluster --token <token> --auth-group backups",
                "      With the token from the command above, create the other side of the",
                "      link, called \"main-cluster\", belonging to the group \"backups\".",
                "",
                "  jxc cluster link create cluster_b --token <token> --unidirectional",
                "      Create a unidirectional link to the cluster that issued the token with",
                "      \"jxc auth identity create cluster-link/<name>\".",
                "",
                "  jxc cluster link create lxd_b --public --remote-address 10.0.0.2:8443",
                "      Create a public link to 10.0.0.2:8443 after confirming its fingerprint.",
                "",
                "  jxc cluster link create recovery-cluster < config.yaml",
                "      Create a pending cluster link with the configuration from \"config.yaml\"",
                "      called \"recovery-cluster\"."})
final class ClusterLinkCreateCommand
        implements Runnable
{
    // Cobra's flag groups of lxc's command: their messages are part of LXD's tested behaviour
    private static final FlagGroups FLAG_GROUPS = FlagGroups.NONE
            .mutuallyExclusive("unidirectional", "auth-group")
            .mutuallyExclusive("unidirectional", "public")
            .mutuallyExclusive("public", "auth-group")
            .mutuallyExclusive("public", "token")
            .requiredTogether("public", "remote-address");
    private static final String PROMPT = "ok (y/n/[fingerprint])? ";
    private static final String REPROMPT = "Please type 'y', 'n' or the fingerprint: ";

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "[<remote>:]<link>")
    private String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "key=value")
    private List<String> configArguments = new ArrayList<>();

    @Option(names = {"-t", "--token"}, paramLabel = "<token>", defaultValue = "", description = "Trust token to use when creating cluster link")
    private String token;

    @Option(names = {"-g", "--auth-group"}, paramLabel = "<group>", split = ",",
            description = "Authentication groups to add the newly created cluster link identity to (repeatable, or comma-separated)")
    private List<String> authGroups = new ArrayList<>();

    @Option(names = {"-d", "--description"}, paramLabel = "<description>", defaultValue = "", description = "Cluster link description")
    private String description;

    @Option(names = "--unidirectional", description = "Create a unidirectional cluster link with a token from the remote cluster (requires --token)")
    private boolean unidirectional;

    @Option(names = "--public", description = "Create a public cluster link to --remote-address, whose certificate must be confirmed")
    private boolean publicLink;

    @Option(names = "--remote-address", paramLabel = "<address>", defaultValue = "",
            description = "Address (host[:port], default port 8443) of the remote cluster of a public link")
    private String remoteAddress;

    @Option(names = "--accept-certificate",
            description = "Accept the remote certificate of a public link without asking (jxd extension; the fingerprint is still printed)")
    private boolean acceptCertificate;

    ClusterLinkCreateCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void run()
    {
        FLAG_GROUPS.validate(spec);
        if (unidirectional && token.isEmpty()) {
            throw new CliException("--unidirectional requires --token");
        }
        if (acceptCertificate && !publicLink) {
            throw new CliException("--accept-certificate requires --public");
        }
        // Stdin answers the confirmation prompt of a public link, so its configuration comes from arguments only
        ClusterLinkPut stdin = publicLink ? Yaml.read("", ClusterLinkPut.class) : Yaml.readStandardInput(context, ClusterLinkPut.class);
        RemoteArgument argument = RemoteArgument.parse(context.config(), target);
        String name = argument.requireName(ClusterLinkCommand.RESOURCE);

        Map<String, String> config = new LinkedHashMap<>(stdin.config() == null ? Map.of() : stdin.config());
        for (String entry : configArguments) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new CliException("Bad key=value pair: " + entry);
            }
            config.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        String linkDescription = !description.isEmpty() ? description : nullToEmpty(stdin.description());
        String type = publicLink ? ClusterLink.TYPE_PUBLIC : unidirectional ? ClusterLink.TYPE_UNIDIRECTIONAL : ClusterLink.TYPE_BIDIRECTIONAL;
        // Like lxc: no groups is null on the wire, not []
        List<String> groups = authGroups.isEmpty() ? null : List.copyOf(authGroups);
        ClusterLinksPost request = new ClusterLinksPost(name, type, linkDescription, config, token, groups, "", remoteAddress);

        JxdClient client = context.client(argument.remote());
        if (publicLink) {
            createPublic(client, request);
            return;
        }
        ApiResponse response = client.post(LINKS_PATH, request);
        if (!token.isEmpty()) {
            printCreated(name);
            return;
        }
        if (!context.quiet()) {
            context.out().printf("Cluster link %s created (pending)%n", name);
        }
        AuthIdentityCommand.printPendingToken(context, "Cluster link", name, response);
    }

    /** Both phases of a public link (spec §4.8.6, §4.8.7), deleting the pending link when it is not confirmed. */
    private void createPublic(JxdClient client, ClusterLinksPost request)
    {
        String name = request.name();
        ClusterLinkCertificate certificate = client.post(LINKS_PATH, request).metadataAs(ClusterLinkCertificate.class);
        if (certificate == null || certificate.fingerprint() == null || certificate.certificate() == null) {
            throw abort(client, name, new CliException("The server returned no certificate for the pending cluster link"));
        }
        try {
            confirm(certificate.fingerprint());
        }
        catch (CliException e) {
            throw abort(client, name, e);
        }
        ClusterLinksPost confirmation = new ClusterLinksPost(name, request.type(), request.description(), request.config(),
                request.trustToken(), request.authGroups(), certificate.certificate(), request.remoteAddress());
        try {
            client.post(LINKS_PATH, confirmation);
        }
        catch (ApiException e) {
            // 409: the link was confirmed meanwhile (or already was); it is not ours to delete
            if (e.statusCode() == 409) {
                throw e;
            }
            throw abort(client, name, e);
        }
        catch (JxdClientException e) {
            throw abort(client, name, e);
        }
        printCreated(name);
    }

    /** Returns normally when the user (or {@code --accept-certificate}) accepts the certificate. */
    private void confirm(String fingerprint)
    {
        if (acceptCertificate) {
            if (!context.quiet()) {
                context.out().printf("Certificate fingerprint: %s%n", fingerprint);
            }
            return;
        }
        // Shown even when quiet: the user cannot answer without seeing the fingerprint
        context.out().printf("Certificate fingerprint: %s%n", fingerprint);
        context.out().print(PROMPT);
        context.out().flush();
        while (true) {
            String line = context.readLine();
            if (line == null) {
                throw new CliException("No confirmation on standard input; use --accept-certificate to accept the certificate without asking");
            }
            String answer = line.strip();
            if (answer.equals(fingerprint) || answer.startsWith("y") || answer.startsWith("Y")) {
                return;
            }
            if (answer.length() == fingerprint.length()) {
                throw new CliException("The provided fingerprint does not match the remote cluster certificate fingerprint");
            }
            if (answer.isEmpty() || answer.startsWith("n") || answer.startsWith("N")) {
                throw new CliException("Remote cluster certificate NACKed by user");
            }
            context.out().print(REPROMPT);
            context.out().flush();
        }
    }

    /** Deletes the pending link and returns the failure to throw, extended when the deletion failed too. */
    private static RuntimeException abort(JxdClient client, String name, RuntimeException cause)
    {
        try {
            client.delete(ClusterLinkCommand.linkPath(name));
            return cause;
        }
        catch (JxdClientException e) {
            return new CliException("%s (cleaning up the pending cluster link also failed: %s)".formatted(Main.describe(cause), Main.describe(e)), cause);
        }
    }

    private void printCreated(String name)
    {
        if (!context.quiet()) {
            context.out().printf("Cluster link %s created%n", name);
        }
    }
}
