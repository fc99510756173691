package dev.jxd.cli;

import dev.jxd.api.auth.Identity;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.json.Json;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinkCertificate;
import dev.jxd.api.link.ClusterLinkMemberState;
import dev.jxd.api.link.ClusterLinkState;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.cli.CliRunner.Result;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import dev.jxd.client.FakeApiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static dev.jxd.cli.Exchanges.body;
import static dev.jxd.cli.Exchanges.json;
import static dev.jxd.cli.Exchanges.last;
import static dev.jxd.cli.Exchanges.only;
import static dev.jxd.cli.Exchanges.requests;
import static org.assertj.core.api.Assertions.assertThat;

final class TestClusterLinkCommands
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String PENDING_ID = "0f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private static final CertificateAddToken TOKEN = new CertificateAddToken(
            "cluster_b",
            "5f1c0c4f5b0e8c6f0a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b",
            List.of("10.0.0.1:8443", "10.0.0.2:8443"),
            "c0ffee",
            Instant.parse("2026-02-01T00:00:00Z"),
            CertificateAddToken.TYPE_CLUSTER_LINK);
    private static final String PROMPT = "ok (y/n/[fingerprint])? ";

    @TempDir
    Path directory;

    private FakeApiServer daemon;
    private CliRunner cli;

    @BeforeEach
    void setUp()
            throws Exception
    {
        Path state = Files.createDirectories(directory.resolve("state"));
        daemon = FakeApiServer.unixSocket(state.resolve("unix.socket"));
        cli = new CliRunner(directory.resolve("conf"), state);
    }

    @AfterEach
    void tearDown()
            throws Exception
    {
        daemon.close();
    }

    @Test
    void pendingCreatePostsTheLinkAndPrintsItsToken()
    {
        daemon.route("POST", LINKS, exchange -> Replies.created("/1.0/auth/identities/tls/" + PENDING_ID, Json.write(TOKEN)));

        Result result = cli.run("cluster", "link", "create", "cluster_b", "--auth-group", "clusters,admins", "-g", "ops", "-d", "Backup site", "user.site=paris");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("Cluster link cluster_b created (pending)");
        assertThat(lines.get(1)).isEqualTo("Cluster link \"cluster_b\" (%s) pending identity token:".formatted(PENDING_ID));
        assertThat(TrustTokens.decode(lines.get(2))).isEqualTo(TOKEN);
        assertThat(body(only(daemon, "POST", LINKS))).isEqualTo(json("""
                {"name":"cluster_b","type":"bidirectional","description":"Backup site","config":{"user.site":"paris"},
                 "trust_token":"","auth_groups":["clusters","admins","ops"],"cluster_certificate":""}"""));

        // Quiet output is exactly the token, so that scripts can capture it
        Result quiet = cli.run("-q", "cluster", "link", "create", "cluster_b");
        assertThat(quiet.out()).isEqualTo(lines.get(2) + "\n");
        assertThat(body(last(daemon, "POST", LINKS)).get("auth_groups").isNull()).isTrue();
    }

    @Test
    void pendingCreateReadsYamlFromStandardInput()
    {
        daemon.route("POST", LINKS, exchange -> Replies.created("/1.0/auth/identities/tls/" + PENDING_ID, Json.write(TOKEN)));

        cli.runWithInput("description: From YAML\nconfig:\n  user.a: x\n", "cluster", "link", "create", "recovery", "user.b=y");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(json("""
                {"name":"recovery","type":"bidirectional","description":"From YAML","config":{"user.a":"x","user.b":"y"},
                 "trust_token":"","auth_groups":null,"cluster_certificate":""}"""));

        cli.runWithInput("description: From YAML\n", "cluster", "link", "create", "recovery", "--description", "From the flag");
        assertThat(body(last(daemon, "POST", LINKS)).get("description").asString()).isEqualTo("From the flag");
    }

    @Test
    void pendingCreateRejectsAnUnexpectedLocation()
    {
        daemon.route("POST", LINKS, exchange -> Replies.created("/1.0/cluster/links/cluster_b", Json.write(TOKEN)));

        Result result = cli.run("cluster", "link", "create", "cluster_b");
        assertThat(result.out()).isEqualTo("Cluster link cluster_b created (pending)\n");
        assertThat(result.err()).isEqualTo("Error: Received unexpected location header \"/1.0/cluster/links/cluster_b\"\n");
    }

    @Test
    void createWithATokenCreatesAnActiveLink()
    {
        daemon.route("POST", LINKS, exchange -> Replies.created("/1.0/auth/identities/tls/" + TOKEN.fingerprint(), "null"));
        String encoded = TrustTokens.encode(TOKEN);

        Result bidirectional = cli.run("cluster", "link", "create", "cluster_a", "--token", encoded, "--auth-group", "clusters");
        assertThat(bidirectional.exitCode()).as(bidirectional.err()).isZero();
        assertThat(bidirectional.out()).isEqualTo("Cluster link cluster_a created\n");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(json("""
                {"name":"cluster_a","type":"bidirectional","description":"","config":{},"trust_token":"%s",
                 "auth_groups":["clusters"],"cluster_certificate":""}""".formatted(encoded)));

        Result unidirectional = cli.run("cluster", "link", "create", "cluster_b", "-t", encoded, "--unidirectional");
        assertThat(unidirectional.out()).isEqualTo("Cluster link cluster_b created\n");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(json("""
                {"name":"cluster_b","type":"unidirectional","description":"","config":{},"trust_token":"%s",
                 "auth_groups":null,"cluster_certificate":""}""".formatted(encoded)));

        assertThat(cli.run("-q", "cluster", "link", "create", "cluster_b", "-t", encoded, "--unidirectional").out()).isEmpty();
    }

    @Test
    void createReportsServerErrorsVerbatim()
    {
        daemon.route("POST", LINKS, exchange -> Replies.error(409, "A cluster link already exists between these clusters"));

        Result result = cli.run("cluster", "link", "create", "cluster_a", "--token", TrustTokens.encode(TOKEN));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Error: A cluster link already exists between these clusters\n");
    }

    @Test
    void createFlagConstraintsUseCobrasMessages()
    {
        assertCreateFails("if any flags in the group [unidirectional auth-group] are set none of the others can be; [auth-group unidirectional] were all set",
                "lxd_b", "--unidirectional", "--auth-group", "g", "--token", "t");
        assertCreateFails("if any flags in the group [unidirectional public] are set none of the others can be; [public unidirectional] were all set",
                "lxd_b", "--unidirectional", "--public", "--remote-address", "10.0.0.2");
        assertCreateFails("if any flags in the group [public auth-group] are set none of the others can be; [auth-group public] were all set",
                "lxd_b", "--public", "--remote-address", "10.0.0.2", "-g", "g");
        assertCreateFails("if any flags in the group [public token] are set none of the others can be; [public token] were all set",
                "lxd_b", "--public", "--remote-address", "10.0.0.2", "--token", "t");
        // Groups are checked by name, as cobra sorts them: "public auth-group" before "public token"
        assertCreateFails("if any flags in the group [public auth-group] are set none of the others can be; [auth-group public] were all set",
                "lxd_b", "--public", "--remote-address", "10.0.0.2", "--token", "t", "-g", "g");
        assertCreateFails("if any flags in the group [public remote-address] are set they must all be set; missing [remote-address]",
                "lxd_b", "--public");
        // Required-together groups are checked before mutually exclusive ones
        assertCreateFails("if any flags in the group [public remote-address] are set they must all be set; missing [remote-address]",
                "lxd_b", "--public", "--token", "t");
        assertCreateFails("if any flags in the group [public remote-address] are set they must all be set; missing [public]",
                "lxd_b", "--remote-address", "10.0.0.2");
        // A flag given with an empty value still counts as set
        assertCreateFails("if any flags in the group [public remote-address] are set they must all be set; missing [public]",
                "lxd_b", "--remote-address=");
        assertCreateFails("--unidirectional requires --token", "lxd_b", "--unidirectional");
        assertCreateFails("--accept-certificate requires --public", "lxd_b", "--accept-certificate");
        assertCreateFails("Bad key=value pair: nonsense", "lxd_b", "nonsense");
        assertCreateFails("Missing cluster link name", "local:", "--auth-group", "g");
        assertThat(daemon.exchanges()).isEmpty();
    }

    @Test
    void publicLinkAcceptedWithY()
            throws Exception
    {
        PublicPeer peer = publicPeer(Replies.sync("{}"));

        Result result = cli.runWithInput("y\n", "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2:8443", "user.site=paris");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Certificate fingerprint: %s\n%sCluster link lxd_b created\n".formatted(peer.fingerprint(), PROMPT));
        List<Exchange> posts = requests(daemon, "POST", LINKS);
        assertThat(posts).hasSize(2);
        assertThat(body(posts.get(0))).isEqualTo(json("""
                {"name":"lxd_b","type":"public","description":"","config":{"user.site":"paris"},"trust_token":"",
                 "auth_groups":null,"cluster_certificate":"","remote_address":"10.0.0.2:8443"}"""));
        JsonNode confirmation = body(posts.get(1));
        assertThat(confirmation.get("cluster_certificate").asString()).isEqualTo(peer.certificate());
        assertThat(confirmation.get("remote_address").asString()).isEqualTo("10.0.0.2:8443");
        assertThat(confirmation.get("type").asString()).isEqualTo("public");
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_b")).isEmpty();
    }

    @Test
    void publicLinkAcceptedByFingerprintAfterARepeatedPrompt()
            throws Exception
    {
        PublicPeer peer = publicPeer(Replies.sync("{}"));

        Result result = cli.runWithInput("maybe\n  %s  \n".formatted(peer.fingerprint()), "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Certificate fingerprint: %s\n%sPlease type 'y', 'n' or the fingerprint: Cluster link lxd_b created\n"
                .formatted(peer.fingerprint(), PROMPT));
        assertThat(body(requests(daemon, "POST", LINKS).getLast()).get("cluster_certificate").asString()).isEqualTo(peer.certificate());
    }

    @Test
    void publicLinkRejectionsDeleteThePendingLink()
            throws Exception
    {
        PublicPeer peer = publicPeer(Replies.sync("{}"));
        String otherFingerprint = "0".repeat(peer.fingerprint().length());

        assertPublicCreateFails("n\n", "Remote cluster certificate NACKed by user");
        assertPublicCreateFails("No thanks\n", "Remote cluster certificate NACKed by user");
        assertPublicCreateFails("\n", "Remote cluster certificate NACKed by user");
        assertPublicCreateFails(otherFingerprint + "\n", "The provided fingerprint does not match the remote cluster certificate fingerprint");
        assertPublicCreateFails("what\n", "No confirmation on standard input; use --accept-certificate to accept the certificate without asking");
        assertPublicCreateFails("", "No confirmation on standard input; use --accept-certificate to accept the certificate without asking");
        // Each rejection: one pending POST, no confirmation, and the cleanup DELETE
        assertThat(requests(daemon, "POST", LINKS)).hasSize(6).allSatisfy(post -> assertThat(body(post).get("cluster_certificate").asString()).isEmpty());
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_b")).hasSize(6);
    }

    @Test
    void publicLinkCleanupFailureIsReported()
            throws Exception
    {
        publicPeer(Replies.sync("{}"));
        daemon.route("DELETE", LINKS + "/lxd_b", exchange -> Replies.error(500, "database is locked"));

        assertPublicCreateFails("n\n", "Remote cluster certificate NACKed by user (cleaning up the pending cluster link also failed: database is locked)");
    }

    @Test
    void publicLinkAcceptedNonInteractively()
            throws Exception
    {
        PublicPeer peer = publicPeer(Replies.sync("{}"));

        Result result = cli.run("cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2", "--accept-certificate");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Certificate fingerprint: %s\nCluster link lxd_b created\n".formatted(peer.fingerprint()));
        assertThat(body(requests(daemon, "POST", LINKS).getLast()).get("cluster_certificate").asString()).isEqualTo(peer.certificate());

        assertThat(cli.run("-q", "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2", "--accept-certificate").out()).isEmpty();
        assertThat(requests(daemon, "POST", LINKS)).hasSize(4);
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_b")).isEmpty();
    }

    @Test
    void publicLinkConflictOnConfirmationKeepsTheLink()
            throws Exception
    {
        publicPeer(Replies.error(409, "Cluster link \\\"lxd_b\\\" has already been confirmed"));

        Result result = cli.runWithInput("y\n", "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Cluster link \"lxd_b\" has already been confirmed\n");
        assertThat(requests(daemon, "POST", LINKS)).hasSize(2);
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_b")).isEmpty();
    }

    @Test
    void publicLinkOtherConfirmationFailureDeletesTheLink()
            throws Exception
    {
        publicPeer(Replies.error(400, "Certificate does not match the certificate returned when the pending cluster link was created"));

        Result result = cli.runWithInput("y\n", "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2");
        assertThat(result.err()).isEqualTo("Error: Certificate does not match the certificate returned when the pending cluster link was created\n");
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_b")).hasSize(1);
    }

    @Test
    void publicLinkPendingFailureDeletesNothing()
    {
        daemon.route("POST", LINKS, exchange -> Replies.error(400, "Failed retrieving certificate from \\\"10.0.0.2\\\": connection refused"));

        Result result = cli.runWithInput("y\n", "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2");
        assertThat(result.err()).isEqualTo("Error: Failed retrieving certificate from \"10.0.0.2\": connection refused\n");
        assertThat(result.out()).isEmpty();
        assertThat(daemon.exchanges()).hasSize(1);
    }

    @Test
    void listShowsOneRowPerLink()
    {
        List<ClusterLink> links = List.of(
                new ClusterLink(null, "lxd10", "ten", ClusterLink.TYPE_BIDIRECTIONAL,
                        Map.of("volatile.addresses", "10.0.0.1:8443,10.0.0.2:8443", "user.x", "y"), List.of()),
                new ClusterLink(null, "lxd2", "", ClusterLink.TYPE_PUBLIC, Map.of(), List.of()));
        daemon.route("GET", LINKS, exchange -> Replies.sync(Json.write(links)));

        assertThat(cli.run("cluster", "link", "list").out()).isEqualTo("""
                +-------+-----------------------------+-------------+-----------------+---------------+
                | NAME  |          ADDRESSES          | DESCRIPTION | IDENTITY STATUS |     TYPE      |
                +-------+-----------------------------+-------------+-----------------+---------------+
                | lxd2  |                             |             | PENDING         | PUBLIC        |
                +-------+-----------------------------+-------------+-----------------+---------------+
                | lxd10 | 10.0.0.1:8443,10.0.0.2:8443 | ten         | ACTIVE          | BIDIRECTIONAL |
                +-------+-----------------------------+-------------+-----------------+---------------+
                """);
        assertThat(last(daemon, "GET", LINKS).pathAndQuery()).isEqualTo(LINKS + "?recursion=1");
        assertThat(cli.run("cluster", "link", "ls", "-f", "csv").out())
                .isEqualTo("lxd2,,,PENDING,PUBLIC\nlxd10,\"10.0.0.1:8443,10.0.0.2:8443\",ten,ACTIVE,BIDIRECTIONAL\n");
        assertThat(json(cli.run("cluster", "link", "list", "--format", "json").out())).isEqualTo(json(Json.write(links)));
        assertThat(cli.run("cluster", "link", "list", "-f", "xml").err()).isEqualTo("Error: Invalid format \"xml\"\n");
    }

    @Test
    void showPrintsTheLinkAsYamlWithSortedConfig()
    {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("volatile.addresses", "10.0.0.1:8443");
        config.put("user.b", "west");
        config.put("user.a", "x");
        daemon.route("GET", LINKS + "/lxd_b", exchange -> Replies.sync(Json.write(
                new ClusterLink(null, "lxd_b", "Backup site", ClusterLink.TYPE_BIDIRECTIONAL, config, List.of("/1.0/replicators/r1?project=default")))));

        assertThat(cli.run("cluster", "link", "show", "lxd_b").out()).isEqualTo("""
                name: lxd_b
                description: Backup site
                type: bidirectional
                config:
                  user.a: x
                  user.b: west
                  volatile.addresses: 10.0.0.1:8443
                used_by:
                - /1.0/replicators/r1?project=default
                """);
        assertThat(cli.run("cluster", "link", "show", "lxd_c").err()).isEqualTo("Error: not found\n");
    }

    @Test
    void infoShowsTheLinkAndItsMembers()
    {
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "Backup site", ClusterLink.TYPE_BIDIRECTIONAL, Map.of(), List.of()), "\"e\"");
        daemon.route("GET", LINKS + "/lxd_b/state", exchange -> Replies.sync(Json.write(new ClusterLinkState(List.of(
                new ClusterLinkMemberState("b1", "10.0.0.2:8443", ClusterLinkMemberState.ACTIVE, null, null, null, null),
                new ClusterLinkMemberState("", "10.0.0.3:8443", ClusterLinkMemberState.UNREACHABLE, null, null, null, null))))));

        Result result = cli.run("cluster", "link", "info", "lxd_b");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("""
                Name: lxd_b
                Description: Backup site
                Type: BIDIRECTIONAL
                Cluster link members:
                +---------------+------+-------------+
                |    ADDRESS    | NAME |    STATE    |
                +---------------+------+-------------+
                | 10.0.0.2:8443 | b1   | ACTIVE      |
                +---------------+------+-------------+
                | 10.0.0.3:8443 |      | UNREACHABLE |
                +---------------+------+-------------+
                """);

        cli.run("cluster", "link", "info", "lxd_b", "--target", "member 2");
        assertThat(daemon.exchanges().subList(daemon.exchanges().size() - 2, daemon.exchanges().size()))
                .extracting(Exchange::pathAndQuery)
                .containsExactly(LINKS + "/lxd_b?target=member+2", LINKS + "/lxd_b/state?target=member+2");
    }

    @Test
    void infoShowsJxdHealthWhenTheServerReportsIt()
    {
        Instant lastContact = Instant.parse("2026-03-04T05:06:07Z");
        Instant expiry = Instant.parse("2036-01-02T03:04:05Z");
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "", ClusterLink.TYPE_UNIDIRECTIONAL, Map.of(), List.of()), "\"e\"");
        AtomicReference<List<ClusterLinkMemberState>> members = new AtomicReference<>(List.of(
                new ClusterLinkMemberState("b1", "10.0.0.2:8443", ClusterLinkMemberState.ACTIVE, lastContact, 12.25, expiry, null),
                new ClusterLinkMemberState("b2", "10.0.0.3:8443", ClusterLinkMemberState.ACTIVE, lastContact, 3.0, expiry, null)));
        daemon.route("GET", LINKS + "/lxd_b/state", exchange -> Replies.sync(Json.write(new ClusterLinkState(members.get()))));
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss z", Locale.ROOT).withZone(ZoneId.systemDefault());
        String contacted = format.format(lastContact);
        String expires = format.format(expiry);

        List<String> healthy = cli.run("cluster", "link", "info", "lxd_b").out().lines().toList();
        assertThat(healthy.subList(0, 3)).containsExactly("Name: lxd_b", "Type: UNIDIRECTIONAL", "Cluster link members:");
        assertThat(cells(healthy.get(4))).containsExactly("ADDRESS", "NAME", "STATE", "LAST CONTACT", "ROUND TRIP", "CERTIFICATE EXPIRES");
        assertThat(cells(healthy.get(6))).containsExactly("10.0.0.2:8443", "b1", "ACTIVE", contacted, "12.3 ms", expires);
        assertThat(cells(healthy.get(8))).containsExactly("10.0.0.3:8443", "b2", "ACTIVE", contacted, "3.0 ms", expires);

        members.set(List.of(
                new ClusterLinkMemberState("b1", "10.0.0.2:8443", ClusterLinkMemberState.ACTIVE, lastContact, 12.25, expiry, null),
                new ClusterLinkMemberState("", "10.0.0.3:8443", ClusterLinkMemberState.UNREACHABLE, null, null, null,
                        "Failed connecting to \"10.0.0.3:8443\": connection refused")));
        List<String> failing = cli.run("cluster", "link", "info", "lxd_b").out().lines().toList();
        assertThat(cells(failing.get(4))).containsExactly("ADDRESS", "NAME", "STATE", "LAST CONTACT", "ROUND TRIP", "CERTIFICATE EXPIRES", "ERROR");
        assertThat(cells(failing.get(6))).containsExactly("10.0.0.2:8443", "b1", "ACTIVE", contacted, "12.3 ms", expires, "");
        assertThat(cells(failing.get(8))).containsExactly("10.0.0.3:8443", "", "UNREACHABLE", "", "", "", "Failed connecting to \"10.0.0.3:8443\": connection refused");
    }

    @Test
    void getPrintsAConfigKeyOrAProperty()
    {
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "Backup site", ClusterLink.TYPE_BIDIRECTIONAL,
                Map.of("user.b", "y", "user.a", "x"), List.of()), "\"e\"");

        assertThat(cli.run("cluster", "link", "get", "lxd_b", "user.a").out()).isEqualTo("x\n");
        assertThat(cli.run("cluster", "link", "get", "lxd_b", "user.missing").out()).isEqualTo("\n");
        assertThat(cli.run("cluster", "link", "get", "lxd_b", "description", "-p").out()).isEqualTo("Backup site\n");
        assertThat(cli.run("cluster", "link", "get", "lxd_b", "config", "--property").out()).isEqualTo("map[user.a:x user.b:y]\n");
        assertThat(cli.run("cluster", "link", "get", "lxd_b", "name", "-p").err())
                .isEqualTo("Error: The property \"name\" does not exist on the cluster link \"lxd_b\": The property with tag \"name\" does not exist\n");
    }

    @Test
    void setMergesConfigAndPutsWithTheEtag()
    {
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "Backup site", ClusterLink.TYPE_BIDIRECTIONAL,
                Map.of("volatile.addresses", "10.0.0.1:8443", "user.a", "x"), List.of()), "\"etag-1\"");

        Result result = cli.run("cluster", "link", "set", "lxd_b", "user.b=y", "user.a=z");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        Exchange put = last(daemon, "PUT", LINKS + "/lxd_b");
        assertThat(put.headers()).containsEntry("if-match", "\"etag-1\"");
        assertThat(body(put)).isEqualTo(json("""
                {"description":"Backup site","config":{"volatile.addresses":"10.0.0.1:8443","user.a":"z","user.b":"y"}}"""));

        cli.run("cluster", "link", "set", "lxd_b", "user.c", "legacy form");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b")).get("config").get("user.c").asString()).isEqualTo("legacy form");

        cli.run("cluster", "link", "set", "lxd_b", "description=Moved to Lyon", "-p");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b"))).isEqualTo(json("""
                {"description":"Moved to Lyon","config":{"volatile.addresses":"10.0.0.1:8443","user.a":"x"}}"""));

        int puts = requests(daemon, "PUT", LINKS + "/lxd_b").size();
        assertThat(cli.run("cluster", "link", "set", "lxd_b", "name=other", "-p").err())
                .isEqualTo("Error: Error setting properties: The property with tag \"name\" does not exist\n");
        assertThat(cli.run("cluster", "link", "set", "lxd_b", "config=x", "-p").err())
                .isEqualTo("Error: Error setting properties: The property \"config\" is a map; set its keys without --property\n");
        assertThat(cli.run("cluster", "link", "set", "lxd_b", "novalue").err()).isEqualTo("Error: Bad key=value pair: \"novalue\"\n");
        assertThat(requests(daemon, "PUT", LINKS + "/lxd_b")).hasSize(puts);
    }

    @Test
    void setReportsTheServersVolatileRule()
    {
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "", ClusterLink.TYPE_BIDIRECTIONAL, Map.of("volatile.addresses", "10.0.0.1:8443"), List.of()), "\"e\"");
        daemon.route("PUT", LINKS + "/lxd_b", exchange -> Replies.error(400, "Volatile configuration keys cannot be modified"));

        Result result = cli.run("cluster", "link", "set", "lxd_b", "volatile.addresses=10.9.9.9:8443");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Volatile configuration keys cannot be modified\n");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b")).get("config").get("volatile.addresses").asString()).isEqualTo("10.9.9.9:8443");
    }

    @Test
    void unsetSendsAnEmptyValueOrClearsAProperty()
    {
        routeLink("lxd_b", new ClusterLink(null, "lxd_b", "Backup site", ClusterLink.TYPE_BIDIRECTIONAL,
                Map.of("volatile.addresses", "10.0.0.1:8443", "user.a", "x", "user.b", "y"), List.of()), "\"etag-2\"");

        assertThat(cli.run("cluster", "link", "unset", "lxd_b", "user.a").exitCode()).isZero();
        Exchange put = last(daemon, "PUT", LINKS + "/lxd_b");
        assertThat(put.headers()).containsEntry("if-match", "\"etag-2\"");
        assertThat(body(put)).isEqualTo(json("""
                {"description":"Backup site","config":{"volatile.addresses":"10.0.0.1:8443","user.a":"","user.b":"y"}}"""));

        cli.run("cluster", "link", "unset", "lxd_b", "description", "-p");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b"))).isEqualTo(json("""
                {"description":"","config":{"volatile.addresses":"10.0.0.1:8443","user.a":"x","user.b":"y"}}"""));

        cli.run("cluster", "link", "unset", "lxd_b", "config", "-p");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b"))).isEqualTo(json("""
                {"description":"Backup site","config":{"volatile.addresses":"10.0.0.1:8443"}}"""));

        assertThat(cli.run("cluster", "link", "unset", "lxd_b", "type", "-p").err())
                .isEqualTo("Error: Error unsetting property: The property with tag \"type\" does not exist\n");
    }

    @Test
    void editReadsYamlFromStandardInput()
    {
        daemon.route("PUT", LINKS + "/lxd_b", exchange -> Replies.sync("{}"));

        Result result = cli.runWithInput("description: Backup site\nconfig:\n  user.a: x\n", "cluster", "link", "edit", "lxd_b");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        Exchange put = only(daemon, "PUT", LINKS + "/lxd_b");
        assertThat(put.headers()).doesNotContainKey("if-match");
        assertThat(body(put)).isEqualTo(json("{\"description\":\"Backup site\",\"config\":{\"user.a\":\"x\"}}"));

        // Go decodes an absent description as the empty string
        cli.runWithInput("config:\n  user.a: x\n", "cluster", "link", "edit", "lxd_b");
        assertThat(body(last(daemon, "PUT", LINKS + "/lxd_b"))).isEqualTo(json("{\"description\":\"\",\"config\":{\"user.a\":\"x\"}}"));
        assertThat(requests(daemon, "GET", LINKS + "/lxd_b")).isEmpty();
    }

    @Test
    void renameAndDelete()
    {
        // Names are path segments: escaped on the wire
        daemon.route("POST", LINKS + "/lxd%20b", exchange -> Replies.sync("{}"));
        daemon.route("DELETE", LINKS + "/lxd_c", exchange -> Replies.sync("{}"));

        assertThat(cli.run("cluster", "link", "rename", "lxd b", "lxd_c").out()).isEqualTo("Cluster link lxd b renamed to lxd_c\n");
        Exchange rename = only(daemon, "POST", LINKS + "/lxd%20b");
        assertThat(body(rename)).isEqualTo(json("{\"name\":\"lxd_c\"}"));
        assertThat(cli.run("cluster", "link", "mv", "-q", "lxd b", "lxd_c").out()).isEmpty();

        assertThat(cli.run("cluster", "link", "delete", "lxd_c").out()).isEqualTo("Cluster link lxd_c deleted\n");
        assertThat(cli.run("cluster", "link", "rm", "lxd_c", "--quiet").out()).isEmpty();
        assertThat(requests(daemon, "DELETE", LINKS + "/lxd_c")).hasSize(2);

        assertThat(cli.run("cluster", "link", "delete", "local:").err()).isEqualTo("Error: Missing cluster link name\n");
        assertThat(cli.run("cluster", "link", "delete", "lxd_d").err()).isEqualTo("Error: not found\n");
    }

    @Test
    void identityCreateForAClusterLinkPostsAUnidirectionalLink()
    {
        daemon.route("POST", LINKS, exchange -> Replies.created("/1.0/auth/identities/tls/" + PENDING_ID, Json.write(TOKEN)));

        Result result = cli.run("auth", "identity", "create", "cluster-link/cluster_a", "--auth-group", "clusters");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isEqualTo("Cluster link \"cluster_a\" (%s) pending identity token:".formatted(PENDING_ID));
        assertThat(TrustTokens.decode(lines.get(1))).isEqualTo(TOKEN);
        JsonNode expected = json("{\"name\":\"cluster_a\",\"type\":\"unidirectional\",\"auth_groups\":[\"clusters\"]}");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(expected);

        // LXD's flag and the guide's spelling are the same option
        cli.run("auth", "identity", "create", "cluster-link/cluster_a", "--group", "clusters");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(expected);
        cli.run("auth", "identity", "create", "cluster-link/cluster_a", "-g", "clusters");
        assertThat(body(last(daemon, "POST", LINKS))).isEqualTo(expected);

        assertThat(cli.run("-q", "auth", "identity", "create", "cluster-link/cluster_a").out()).isEqualTo(lines.get(1) + "\n");
        assertThat(body(last(daemon, "POST", LINKS)).get("auth_groups").isEmpty()).isTrue();
    }

    @Test
    void identityGroupAddOnALinkIdentity()
    {
        Identity identity = new Identity(null, "tls", "Cluster link certificate", TOKEN.fingerprint(), "cluster_a", List.of("clusters"), "PEM", null);
        daemon.route("GET", "/1.0/auth/identities/tls/cluster_a", exchange -> Replies.syncWithEtag(Json.write(identity), "\"i1\""));
        daemon.route("PUT", "/1.0/auth/identities/tls/cluster_a", exchange -> Replies.sync("{}"));

        Result result = cli.run("auth", "identity", "group", "add", "tls/cluster_a", "backup");
        assertThat(result.exitCode()).as(result.err()).isZero();
        Exchange put = only(daemon, "PUT", "/1.0/auth/identities/tls/cluster_a");
        assertThat(put.headers()).containsEntry("if-match", "\"i1\"");
        assertThat(body(put)).isEqualTo(json("{\"groups\":[\"clusters\",\"backup\"],\"tls_certificate\":\"PEM\"}"));

        assertThat(cli.run("auth", "identity", "group", "add", "cluster-link/cluster_a", "clusters").err())
                .isEqualTo("Error: Identity \"cluster_a\" is already a member of group \"clusters\"\n");
    }

    @Test
    void everySubcommandHasHelp()
    {
        for (String subcommand : List.of("create", "list", "show", "info", "edit", "get", "set", "unset", "rename", "delete")) {
            Result result = cli.run("cluster", "link", subcommand, "--help");
            assertThat(result.exitCode()).as(subcommand).isZero();
            assertThat(result.out()).as(subcommand).startsWith("Usage: jxc cluster link " + subcommand);
        }
        assertThat(cli.run("cluster", "link", "create", "--help").out()).contains("--accept-certificate", "--remote-address", "Examples:");
        assertThat(cli.run("cluster", "link").out()).contains("create", "info", "rename, mv", "delete, rm", "list, ls");
    }

    /** Runs {@code jxc cluster link create <arguments>} and expects it to fail with the message. */
    private void assertCreateFails(String message, String... arguments)
    {
        String[] commandLine = Stream.concat(Stream.of("cluster", "link", "create"), Stream.of(arguments)).toArray(String[]::new);
        Result result = cli.run(commandLine);
        assertThat(result.exitCode()).as(String.join(" ", arguments)).isEqualTo(1);
        assertThat(result.err()).as(String.join(" ", arguments)).isEqualTo("Error: " + message + "\n");
    }

    private void assertPublicCreateFails(String stdin, String message)
    {
        Result result = cli.runWithInput(stdin, "cluster", "link", "create", "lxd_b", "--public", "--remote-address", "10.0.0.2");
        assertThat(result.exitCode()).as(stdin).isEqualTo(1);
        assertThat(result.err()).as(stdin).isEqualTo("Error: " + message + "\n");
    }

    private record PublicPeer(String fingerprint, String certificate)
    {
    }

    /** Routes the two phases of a public link: the pending POST answers with a real certificate, the confirmation with {@code confirmReply}. */
    private PublicPeer publicPeer(Reply confirmReply)
            throws Exception
    {
        CertificateAndKey remote = Certificates.generate("lxd-b", false, Duration.ofDays(30));
        PublicPeer peer = new PublicPeer(remote.fingerprint(), remote.certificatePem());
        String pending = Json.write(new ClusterLinkCertificate(peer.fingerprint(), peer.certificate()));
        daemon.route("POST", LINKS, exchange -> body(exchange).get("cluster_certificate").asString().isEmpty() ? Replies.sync(pending) : confirmReply);
        daemon.route("DELETE", LINKS + "/lxd_b", exchange -> Replies.sync("{}"));
        return peer;
    }

    private void routeLink(String name, ClusterLink link, String etag)
    {
        daemon.route("GET", LINKS + "/" + name, exchange -> Replies.syncWithEtag(Json.write(link), etag));
        daemon.route("PUT", LINKS + "/" + name, exchange -> Replies.sync("{}"));
    }

    private static List<String> cells(String tableLine)
    {
        String inner = tableLine.substring(1, tableLine.length() - 1);
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
