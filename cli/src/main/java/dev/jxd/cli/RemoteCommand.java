package dev.jxd.cli;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.server.ServerInfo;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.InvalidTokenException;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import dev.jxd.client.ServerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code jxc remote}: the list of servers in {@code config.yml} (spec §6.4.5, {@code lxc remote}). */
@Command(
        name = "remote",
        description = "Manage the list of remote servers",
        subcommands = {
                RemoteCommand.Add.class,
                RemoteCommand.GetDefault.class,
                RemoteCommand.ListRemotes.class,
                RemoteCommand.Remove.class,
                RemoteCommand.Rename.class,
                RemoteCommand.Switch.class,
        })
final class RemoteCommand
        extends CommandGroup
{
    @Command(
            name = "add",
            description = {
                    "Add new remote servers",
                    "",
                    "With a trust token (from \"jxc auth identity create tls/<name>\" on the server), the server's",
                    "certificate is verified against the token's fingerprint and the token is redeemed with this",
                    "client's certificate. With an address, the server's certificate fingerprint is shown for",
                    "confirmation; an untrusted client then needs --token."})
    static final class Add
            implements Runnable
    {
        // Per address of a token: an unreachable address must not hold up the next one for long
        private static final Duration CERTIFICATE_FETCH_TIMEOUT = Duration.ofSeconds(5);
        private static final int HTTP_CONFLICT = 409;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<remote>")
        private String name;

        @Parameters(index = "1", paramLabel = "<token|IP|FQDN|URL>")
        private String target;

        @Option(names = "--accept-certificate", description = "Accept certificate")
        private boolean acceptCertificate;

        @Option(names = "--token", paramLabel = "<token>", description = "Trust token to use if the server does not trust this client yet")
        private String token;

        Add(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClientConfig config = context.config();
            if (name.indexOf(':') >= 0) {
                throw new CliException("Remote names may not contain colons");
            }
            config.remote(name).ifPresent(existing -> {
                throw new CliException("Remote %s exists as <%s>".formatted(name, existing.addr()));
            });

            CertificateAddToken trustToken = decodeToken(target);
            Added added = trustToken != null ? addFromToken(trustToken) : addFromAddress();

            writeServerCertificate(config.serverCertificatePath(name), added.certificatePem());
            config.putRemote(name, RemoteConfig.https(added.url()));
            config.save();
        }

        private Added addFromToken(CertificateAddToken trustToken)
        {
            List<String> failures = new ArrayList<>();
            for (String address : trustToken.addresses()) {
                ServerAddress serverAddress;
                X509Certificate certificate;
                try {
                    serverAddress = ServerAddress.parse(address);
                    certificate = JxdClient.fetchServerCertificate(serverAddress.hostAndPort(), CERTIFICATE_FETCH_TIMEOUT);
                }
                catch (IllegalArgumentException | JxdClientException e) {
                    failures.add(Main.describe(e));
                    continue;
                }
                if (!Certificates.fingerprint(certificate).equals(trustToken.fingerprint())) {
                    throw new CliException("Certificate fingerprint mismatch between certificate token and server \"%s\"".formatted(serverAddress.url()));
                }
                Added added = new Added(serverAddress.url(), Certificates.toPem(certificate));
                try (JxdClient client = connect(added)) {
                    redeem(client, trustToken, normalizeToken(target));
                    requireTrusted(client);
                }
                return added;
            }
            throw new CliException("Failed to add remote" + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
        }

        private Added addFromAddress()
        {
            ServerAddress address;
            try {
                address = ServerAddress.parse(target);
            }
            catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
            X509Certificate certificate = JxdClient.fetchServerCertificate(address.hostAndPort(), ClientOptions.DEFAULT.connectTimeout());
            String fingerprint = Certificates.fingerprint(certificate);
            if (!acceptCertificate) {
                context.out().println("Certificate fingerprint: " + fingerprint);
                context.out().print("ok (y/n/[fingerprint])? ");
                context.out().flush();
                String line = context.readLine();
                boolean accepted = line != null && (line.equals(fingerprint) || line.startsWith("y") || line.startsWith("Y"));
                if (!accepted) {
                    throw new CliException("Server certificate NACKed by user");
                }
            }

            Added added = new Added(address.url(), Certificates.toPem(certificate));
            try (JxdClient client = connect(added)) {
                if (isTrusted(client)) {
                    return added;
                }
                String tokenText = token;
                if (tokenText == null) {
                    context.out().print("Trust token for %s: ".formatted(name));
                    context.out().flush();
                    tokenText = context.readLine();
                    context.out().println();
                    if (tokenText == null || tokenText.isBlank()) {
                        throw new CliException("Server doesn't trust us after authentication");
                    }
                }
                CertificateAddToken trustToken = decodeToken(tokenText);
                if (trustToken == null) {
                    throw new CliException("Invalid trust token");
                }
                redeem(client, trustToken, normalizeToken(tokenText));
                requireTrusted(client);
                if (!context.quiet()) {
                    context.out().println("Client certificate now trusted by server: " + name);
                }
            }
            return added;
        }

        private JxdClient connect(Added added)
        {
            if (!Files.exists(context.config().clientCertificatePath()) && !context.quiet()) {
                context.err().println("Generating a client certificate. This may take a minute...");
            }
            CertificateAndKey clientCertificate = context.clientCertificate();
            return JxdClient.https(added.url(), added.certificatePem(), clientCertificate, ClientOptions.DEFAULT.withUserAgent("jxc"));
        }

        // Identity tokens go to the identities API; tokens without a type are legacy /1.0/certificates tokens
        private static void redeem(JxdClient client, CertificateAddToken trustToken, String encodedToken)
        {
            try {
                if (trustToken.type() == null || trustToken.type().isEmpty()) {
                    client.post("/1.0/certificates", Map.of("type", "client", "trust_token", encodedToken));
                }
                else {
                    client.post("/1.0/auth/identities/tls", Map.of("trust_token", encodedToken));
                }
            }
            catch (ApiException e) {
                // Already trusted: the certificate was added earlier
                if (e.statusCode() != HTTP_CONFLICT) {
                    throw e;
                }
            }
        }

        private static boolean isTrusted(JxdClient client)
        {
            return "trusted".equals(client.getAs("/1.0", ServerInfo.class).auth());
        }

        private static void requireTrusted(JxdClient client)
        {
            if (!isTrusted(client)) {
                throw new CliException("Server doesn't trust us after authentication");
            }
        }

        private static CertificateAddToken decodeToken(String text)
        {
            try {
                return TrustTokens.decode(text);
            }
            catch (InvalidTokenException e) {
                return null;
            }
        }

        // Tokens pasted from a terminal may carry line breaks, which the decoder ignores too
        private static String normalizeToken(String text)
        {
            return text.strip().replace("\r", "").replace("\n", "");
        }

        private static void writeServerCertificate(Path path, String pem)
        {
            try {
                ClientConfig.createDirectory(path.getParent());
                Files.writeString(path, pem, StandardCharsets.US_ASCII);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not create server cert " + path, e);
            }
        }

        private record Added(String url, String certificatePem)
        {
        }
    }

    @Command(name = "get-default", description = "Show the default remote")
    static final class GetDefault
            implements Runnable
    {
        private final CliContext context;

        GetDefault(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            context.out().println(context.config().defaultRemote());
        }
    }

    @Command(name = "list", aliases = "ls", description = "List the available remotes")
    static final class ListRemotes
            implements Runnable
    {
        private final CliContext context;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        ListRemotes(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClientConfig config = context.config();
            List<List<String>> rows = new ArrayList<>();
            config.remotes().forEach((remoteName, remote) -> {
                String authType = remote.authType();
                if (authType.isEmpty()) {
                    authType = remote.isUnixSocket() ? "file access" : RemoteConfig.AUTH_TYPE_TLS;
                }
                rows.add(List.of(
                        remoteName.equals(config.defaultRemote()) ? remoteName + " (current)" : remoteName,
                        remote.addr(),
                        remote.protocol().isEmpty() ? RemoteConfig.PROTOCOL : remote.protocol(),
                        authType,
                        remote.isPublic() ? "YES" : "NO",
                        "NO",
                        "NO"));
            });
            Formatter.render(context.out(), format, List.of("NAME", "URL", "PROTOCOL", "AUTH TYPE", "PUBLIC", "STATIC", "GLOBAL"), rows, config.remotes());
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Remove remotes")
    static final class Remove
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<remote>")
        private String name;

        Remove(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClientConfig config = context.config();
            config.requireRemote(name);
            if (name.equals(config.defaultRemote())) {
                throw new CliException("Can't remove the default remote");
            }
            config.removeRemote(name);
            try {
                Files.deleteIfExists(config.serverCertificatePath(name));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Failed to remove " + config.serverCertificatePath(name), e);
            }
            config.save();
        }
    }

    @Command(name = "rename", aliases = "mv", description = "Rename remotes")
    static final class Rename
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<remote>")
        private String name;

        @Parameters(index = "1", paramLabel = "<new-name>")
        private String newName;

        Rename(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClientConfig config = context.config();
            RemoteConfig remote = config.requireRemote(name);
            if (newName.indexOf(':') >= 0) {
                throw new CliException("Remote names may not contain colons");
            }
            if (config.remote(newName).isPresent()) {
                throw new CliException("Remote %s already exists".formatted(newName));
            }
            Path certificate = config.serverCertificatePath(name);
            try {
                if (Files.exists(certificate)) {
                    Files.move(certificate, config.serverCertificatePath(newName));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Failed to rename " + certificate, e);
            }
            config.removeRemote(name);
            config.putRemote(newName, remote);
            if (name.equals(config.defaultRemote())) {
                config.setDefaultRemote(newName);
            }
            config.save();
        }
    }

    @Command(name = "switch", description = "Set the default remote")
    static final class Switch
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "<remote>")
        private String name;

        Switch(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ClientConfig config = context.config();
            config.setDefaultRemote(name);
            config.save();
        }
    }
}
