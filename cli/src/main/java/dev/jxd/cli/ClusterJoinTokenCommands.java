package dev.jxd.cli;

import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMembersPost;
import dev.jxd.api.operation.Operation;
import dev.jxd.api.token.GoTime;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.JxdClient;
import dev.jxd.client.OperationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.jxd.cli.ClusterMemberCommands.MEMBERS_PATH;
import static dev.jxd.cli.ClusterMemberCommands.RESOURCE;
import static dev.jxd.cli.ClusterMemberCommands.requireClustered;
import static java.util.Objects.requireNonNull;

/**
 * The join-token commands of {@code jxc cluster}, as {@code lxc cluster add}, {@code list-tokens} and
 * {@code revoke-token}. A join token lives on the server as a running operation of class {@code token} whose
 * metadata holds the token's fields; revoking the token cancels that operation.
 */
final class ClusterJoinTokenCommands
{
    private static final String OPERATIONS_PATH = "/1.0/operations";
    private static final String TOKEN_CLASS = "token";
    // Join tokens are operations of the default project, whatever the remote's current project
    private static final String TOKEN_PROJECT = "default";

    private ClusterJoinTokenCommands() {}

    /**
     * A running join-token operation.
     *
     * @param expiresAt as the server wrote it: {@code list-tokens} shows the expiry in the zone of its offset, as Go does
     */
    private record TokenOperation(String id, ClusterMemberJoinToken token, String expiresAt)
    {
    }

    /** The failure of LXD's {@code Operation.ToClusterJoinToken}, with its messages. */
    private static final class NotAJoinTokenException
            extends RuntimeException
    {
        NotAJoinTokenException(String message)
        {
            super(message);
        }
    }

    /** LXD's {@code Operation.ToClusterJoinToken}: reads the token's fields from the operation's metadata. */
    private static ClusterMemberJoinToken joinToken(Map<String, Object> operationMetadata)
    {
        Map<String, Object> metadata = operationMetadata == null ? Map.of() : operationMetadata;
        String serverName = requireString(metadata, "serverName");
        String secret = requireString(metadata, "secret");
        String fingerprint = requireString(metadata, "fingerprint");
        if (!(metadata.get("addresses") instanceof List<?> addressList)) {
            throw new NotAJoinTokenException("Operation addresses is type %s not []any".formatted(goType(metadata.get("addresses"))));
        }
        String expiresAt = requireString(metadata, "expiresAt");
        Instant expiry;
        try {
            expiry = GoTime.parse(expiresAt);
        }
        catch (IllegalArgumentException e) {
            throw new NotAJoinTokenException(e.getMessage());
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < addressList.size(); i++) {
            if (!(addressList.get(i) instanceof String address)) {
                throw new NotAJoinTokenException("Operation address index %d is type %s not string".formatted(i, goType(addressList.get(i))));
            }
            addresses.add(address);
        }
        return new ClusterMemberJoinToken(serverName, secret, fingerprint, addresses, expiry);
    }

    private static String requireString(Map<String, Object> metadata, String key)
    {
        if (metadata.get(key) instanceof String value) {
            return value;
        }
        throw new NotAJoinTokenException("Operation %s is type %s not string".formatted(key, goType(metadata.get(key))));
    }

    /** Go's {@code %T} of a value decoded from JSON into {@code any}, for LXD's conversion errors. */
    private static String goType(Object value)
    {
        return switch (value) {
            case null -> "<nil>";
            case String _ -> "string";
            case Boolean _ -> "bool";
            case Number _ -> "float64";
            case List<?> _ -> "[]interface {}";
            case Map<?, ?> _ -> "map[string]interface {}";
            default -> value.getClass().getSimpleName();
        };
    }

    /** The running join-token operations of the default project, as {@code lxc} finds them. */
    private static List<TokenOperation> runningTokens(JxdClient client)
    {
        String path = ApiPaths.withQuery(ApiPaths.withQuery(OPERATIONS_PATH, "recursion", "1"), "project", TOKEN_PROJECT);
        Map<String, List<Operation>> byStatus = client.getAs(path, new TypeReference<Map<String, List<Operation>>>() {});
        List<TokenOperation> tokens = new ArrayList<>();
        for (List<Operation> operations : byStatus.values()) {
            for (Operation operation : operations == null ? List.<Operation>of() : operations) {
                // A cancelled token may linger before it is deleted, but can no longer be used
                if (!TOKEN_CLASS.equals(operation.operationClass()) || operation.statusCode() != OperationStatus.RUNNING) {
                    continue;
                }
                try {
                    ClusterMemberJoinToken token = joinToken(operation.metadata());
                    tokens.add(new TokenOperation(operation.id(), token, (String) operation.metadata().get("expiresAt")));
                }
                catch (NotAJoinTokenException e) {
                    // Another kind of token (e.g. a trust token), not a cluster join token
                }
            }
        }
        return tokens;
    }

    @Command(name = "add",
            description = {
                    "Request a join token for adding a cluster member",
                    "",
                    "Prints the token that lets a new server join the cluster under the given name.",
                    "The token can be used once, until it expires; see list-tokens and revoke-token.",
                    "Without a name, asks for one."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster add member2",
                    "      Print a join token for a new member called member2.",
                    "",
                    "  TOKEN=$(jxc cluster add member2 --quiet)",
                    "      Keep only the token, for a script."})
    static final class Add
            implements Runnable
    {
        private static final String NAME_PROMPT = "Please provide cluster member name: ";

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[[<remote>:]<member>]")
        private String target;

        @Option(names = "--name", paramLabel = "<name>", defaultValue = "", description = "Cluster member name (alternative to passing it as an argument)")
        private String flagName;

        Add(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.name();
            if (!name.isEmpty() && !flagName.isEmpty() && !name.equals(flagName)) {
                throw new CliException("Cluster member name was provided as both a flag and as an argument");
            }
            if (name.isEmpty()) {
                name = flagName.isEmpty() ? askName() : flagName;
            }
            Operation operation = context.client(argument.remote())
                    .post(MEMBERS_PATH, new ClusterMembersPost(name))
                    .metadataAs(Operation.class);
            ClusterMemberJoinToken token;
            try {
                token = joinToken(operation == null ? null : operation.metadata());
            }
            catch (NotAJoinTokenException e) {
                throw new CliException("Failed converting token operation to join token: " + e.getMessage(), e);
            }
            if (!context.quiet()) {
                context.out().printf("Member %s join token:%n", name);
            }
            context.out().println(ClusterJoinTokens.encode(token));
        }

        private String askName()
        {
            while (true) {
                context.out().print(NAME_PROMPT);
                context.out().flush();
                String answer = context.readLine();
                if (answer == null) {
                    throw new CliException("No cluster member name on standard input");
                }
                if (!answer.isBlank()) {
                    return answer.strip();
                }
                context.err().print("Invalid input, try again.\n\n");
                context.err().flush();
            }
        }
    }

    @Command(name = "list-tokens",
            description = {
                    "List all active cluster member join tokens",
                    "",
                    "Shows the name each token was issued for, the token, and when it expires."})
    static final class ListTokens
            implements Runnable
    {
        // Go's reference time layout "2006/01/02 15:04 MST", without the zone, which Go prints its own way
        private static final DateTimeFormatter EXPIRY_FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);
        private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        ListTokens(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            JxdClient client = context.client(RemoteArgument.parseRemoteOnly(context.config(), target));
            requireClustered(client);
            List<List<String>> rows = new ArrayList<>();
            List<Map<String, String>> raw = new ArrayList<>();
            for (TokenOperation operation : runningTokens(client)) {
                List<String> row = List.of(operation.token().serverName(), ClusterJoinTokens.encode(operation.token()), expiry(operation.expiresAt()));
                rows.add(row);
                raw.add(displayToken(row));
            }
            Formatter.render(context.out(), format, List.of("NAME", "TOKEN", "EXPIRES AT"), rows, raw);
        }

        // lxc renders an untagged Go struct: JSON keeps the field names, YAML lower-cases them
        private Map<String, String> displayToken(List<String> row)
        {
            boolean yaml = format.equals("yaml");
            Map<String, String> token = new LinkedHashMap<>();
            token.put(yaml ? "servername" : "ServerName", row.get(0));
            token.put(yaml ? "token" : "Token", row.get(1));
            token.put(yaml ? "expiresat" : "ExpiresAt", row.get(2));
            return token;
        }

        /**
         * Go formats the expiry in the zone it was parsed with: UTC for {@code Z}; the local zone when the offset is
         * the local one; otherwise a zone without a name, which Go prints as {@code +hhmm}.
         */
        private static String expiry(String text)
        {
            Instant instant = GoTime.parse(text);
            if (text.endsWith("Z") || text.endsWith("z")) {
                return EXPIRY_FORMAT.format(instant.atOffset(ZoneOffset.UTC)) + " UTC";
            }
            ZoneOffset offset = ZoneOffset.of(text.substring(text.length() - 6));
            ZoneId local = ZoneId.systemDefault();
            if (local.getRules().getOffset(instant).equals(offset)) {
                ZonedDateTime localTime = instant.atZone(local);
                return EXPIRY_FORMAT.format(localTime) + " " + ZONE_NAME.format(localTime);
            }
            int minutes = offset.getTotalSeconds() / 60;
            return EXPIRY_FORMAT.format(instant.atOffset(offset)) + String.format(Locale.ROOT, " %s%02d%02d",
                    minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
        }
    }

    @Command(name = "revoke-token",
            description = {
                    "Revoke cluster member join token",
                    "",
                    "Cancels the join token issued for the member name, so that it can no longer",
                    "be used to join the cluster."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  jxc cluster revoke-token member2",
                    "      Revoke the join token issued for member2."})
    static final class RevokeToken
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<member>")
        private String target;

        RevokeToken(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName(RESOURCE);
            JxdClient client = context.client(argument.remote());
            requireClustered(client);
            for (TokenOperation operation : runningTokens(client)) {
                if (operation.token().serverName().equals(name)) {
                    client.delete(ApiPaths.withQuery(ApiPaths.path(OPERATIONS_PATH, operation.id()), "project", TOKEN_PROJECT));
                    if (!context.quiet()) {
                        context.out().printf("Cluster join token for %s:%s deleted%n", argument.remote(), name);
                    }
                    return;
                }
            }
            throw new CliException("No cluster join token for member %s on remote: %s".formatted(name, argument.remote()));
        }
    }
}
