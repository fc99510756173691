package dev.jxd.daemon.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.json.Json;
import dev.jxd.api.token.InvalidTokenException;
import dev.jxd.client.ApiException;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClient;
import dev.jxd.client.JxdClientException;
import dev.jxd.daemon.db.Schema;
import dev.jxd.daemon.server.ListenAddress;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The joining side of {@code jxd --join}: asks the cluster to accept this member before anything is
 * written, so a refused token leaves the state directory untouched, then writes the member's files.
 */
public final class ClusterJoiner
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterJoiner.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ClientOptions CLIENT_OPTIONS = new ClientOptions(CONNECT_TIMEOUT, Duration.ofSeconds(60), "jxd-join", Optional.of(Duration.ofSeconds(60)));

    private ClusterJoiner() {}

    /** An accepted join: what the new member needs to start, and which member accepted it. */
    public record Accepted(CertificateAndKey memberCertificate, LocalMember member, JoinResponse response, String acceptedBy, ClusterMemberJoinToken token) {}

    /**
     * Presents the token to the members it names, in turn, after checking that each serves the certificate
     * whose fingerprint the token carries.
     *
     * @throws JoinFailedException when the token is malformed or refused, or no member can be reached
     */
    public static Accepted requestAdmission(String encodedToken, String address, Optional<String> raftAddress, Path stateDirectory)
    {
        requireNonNull(encodedToken, "encodedToken is null");
        requireNonNull(address, "address is null");
        if (Files.exists(stateDirectory.resolve("database").resolve("local.db")) || Files.exists(stateDirectory.resolve(LocalMember.FILE_NAME))) {
            throw new JoinFailedException("The state directory " + stateDirectory + " already holds a server; a joining member needs a new one");
        }
        ClusterMemberJoinToken token;
        try {
            token = ClusterJoinTokens.decode(encodedToken);
        }
        catch (InvalidTokenException exception) {
            throw new JoinFailedException("Invalid join token: " + exception.getMessage());
        }
        ListenAddress https = parseAddress(address, "--address");
        if (https.wildcard() || https.port() == 0) {
            throw new JoinFailedException("--address must be a specific host and port the other members can reach, not \"" + address + "\"");
        }
        String raft = raftAddress.orElse(ListenAddress.join(https.host(), https.port() + 1));
        parseAddress(raft, "--raft-address");

        CertificateAndKey memberCertificate = Certificates.generate(Certificates.defaultCommonName(), false, Certificates.DEFAULT_VALIDITY);
        LocalMember member = new LocalMember(UUID.randomUUID().toString(), raft);
        JoinRequest request = new JoinRequest(token.serverName(), token.secret(), member.raftId(), ListenAddress.join(https.host(), https.port()), raft,
                ServerHandler.architecture(), Schema.latestVersion());
        List<String> failures = new ArrayList<>();
        for (String candidate : token.addresses()) {
            X509Certificate presented;
            try {
                presented = JxdClient.fetchServerCertificate(candidate, CONNECT_TIMEOUT);
            }
            catch (JxdClientException exception) {
                failures.add(candidate + ": " + exception.getMessage());
                continue;
            }
            if (!Certificates.fingerprint(presented).equalsIgnoreCase(token.fingerprint())) {
                failures.add(candidate + ": the server's certificate does not match the token's fingerprint");
                continue;
            }
            try (JxdClient client = JxdClient.https("https://" + candidate, Certificates.toPem(presented), memberCertificate, CLIENT_OPTIONS)) {
                JoinResponse response = Json.convert(client.post("/1.0/cluster/join", request).metadata(), JoinResponse.class);
                return new Accepted(memberCertificate, member, response, candidate, token);
            }
            catch (ApiException exception) {
                // The cluster answered: retrying elsewhere would only spend the token's chances
                throw new JoinFailedException("Failed to join the cluster: " + exception.getMessage());
            }
            catch (JxdClientException exception) {
                failures.add(candidate + ": " + exception.getMessage());
            }
        }
        throw new JoinFailedException("Failed to join the cluster: no member could be reached (" + String.join("; ", failures) + ")");
    }

    /** Writes the member's certificate, the cluster certificate and {@code cluster.yaml}. */
    public static void writeMemberFiles(Accepted accepted, Path stateDirectory)
    {
        Certificates.write(stateDirectory, "server", accepted.memberCertificate());
        Certificates.write(stateDirectory, "cluster", Certificates.fromPem(accepted.response().clusterCertificate(), accepted.response().clusterKey()));
        accepted.member().save(stateDirectory);
    }

    /**
     * Undoes {@link #writeMemberFiles} and whatever the member created after it (its database, Raft log, socket,
     * native library copy), so a failed join leaves the state directory as it was.
     */
    public static void removeMemberFiles(Path stateDirectory, boolean directoryExisted)
    {
        try {
            for (String name : List.of("server.crt", "server.key", "cluster.crt", "cluster.key", LocalMember.FILE_NAME, "unix.socket")) {
                Files.deleteIfExists(stateDirectory.resolve(name));
            }
            ClusterReplication.deleteRecursively(stateDirectory.resolve("database"));
            ClusterReplication.deleteRecursively(stateDirectory.resolve("native"));
            if (!directoryExisted) {
                Files.deleteIfExists(stateDirectory);
            }
        }
        catch (IOException | UncheckedIOException exception) {
            LOG.warn("Cannot remove every member file from {}: {}", stateDirectory, exception.getMessage());
        }
    }

    /** Asks the accepting member to add this member to the Raft configuration, now that its Raft server runs. */
    public static void activate(Accepted accepted, CertificateAndKey clusterCertificate)
    {
        List<String> candidates = new ArrayList<>();
        candidates.add(accepted.acceptedBy());
        accepted.token().addresses().stream().filter(address -> !candidates.contains(address)).forEach(candidates::add);
        JxdClientException last = null;
        for (String candidate : candidates) {
            try (JxdClient client = JxdClient.https("https://" + candidate, clusterCertificate.certificatePem(), clusterCertificate, CLIENT_OPTIONS)) {
                client.post("/internal/cluster/members/" + accepted.member().raftId() + "/activate", null);
                return;
            }
            catch (ApiException exception) {
                throw new JoinFailedException("Failed to join the cluster: " + exception.getMessage());
            }
            catch (JxdClientException exception) {
                last = exception;
            }
        }
        throw new JoinFailedException("Failed to join the cluster: no member could be reached to complete the join"
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    private static ListenAddress parseAddress(String address, String option)
    {
        try {
            return ListenAddress.parse(address, ServerConfigService.DEFAULT_PORT);
        }
        catch (IllegalArgumentException exception) {
            throw new JoinFailedException("Invalid " + option + " \"" + address + "\": " + exception.getMessage());
        }
    }

    /** A join that did not happen, with a message for the operator. */
    public static final class JoinFailedException
            extends RuntimeException
    {
        public JoinFailedException(String message)
        {
            super(message);
        }
    }
}
