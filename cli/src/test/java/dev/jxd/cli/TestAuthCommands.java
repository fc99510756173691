package dev.jxd.cli;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.cli.CliRunner.Result;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.jxd.cli.Exchanges.body;
import static dev.jxd.cli.Exchanges.json;
import static dev.jxd.cli.Exchanges.last;
import static org.assertj.core.api.Assertions.assertThat;

final class TestAuthCommands
{
    private static final String PENDING_ID = "5e3c4b9a-0d2f-4c6e-9a57-0b8f2d1c3e4f";
    private static final String TOKEN_JSON = """
            {"client_name":"alice","fingerprint":"abcd","addresses":["10.0.0.1:8443"],"secret":"0123","expires_at":"2026-02-01T00:00:00Z","type":"Client certificate"}""";

    @TempDir
    Path directory;

    private FakeApiServer daemon;
    private CliRunner cli;

    @BeforeEach
    void setUp()
            throws Exception
    {
        Path state = directory.resolve("state");
        Files.createDirectories(state);
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
    void groupCreateDeleteRename()
    {
        daemon.route("POST", "/1.0/auth/groups", exchange -> Replies.created("/1.0/auth/groups/g1", "null"));
        daemon.route("DELETE", "/1.0/auth/groups/g1", exchange -> Replies.sync("{}"));
        daemon.route("POST", "/1.0/auth/groups/g1", exchange -> Replies.created("/1.0/auth/groups/g2", "null"));

        assertThat(cli.run("auth", "group", "create", "g1", "-d", "The first").out()).isEqualTo("Group g1 created\n");
        assertThat(body(last(daemon, "POST", "/1.0/auth/groups"))).isEqualTo(json("""
                {"name":"g1","description":"The first","permissions":null}"""));
        assertThat(cli.run("auth", "group", "rename", "g1", "g2").out()).isEqualTo("Group g1 renamed to g2\n");
        assertThat(body(last(daemon, "POST", "/1.0/auth/groups/g1"))).isEqualTo(json("{\"name\":\"g2\"}"));
        assertThat(cli.run("auth", "group", "delete", "g1").out()).isEqualTo("Group g1 deleted\n");
        assertThat(cli.run("-q", "auth", "group", "delete", "g1").out()).isEmpty();
        assertThat(cli.run("auth", "group", "create", "local:").err()).isEqualTo("Error: Missing group name\n");
    }

    @Test
    void serverErrorsArePrintedVerbatim()
    {
        daemon.route("POST", "/1.0/auth/groups", exchange -> Replies.error(409, "Authorization group \\\"g1\\\" already exists"));

        Result result = cli.run("auth", "group", "create", "g1");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: Authorization group \"g1\" already exists\n");
    }

    @Test
    void groupListAndShow()
    {
        String groups = """
                [{"name":"g10","description":"ten","permissions":[],"identities":{},"identity_provider_groups":[]},
                 {"name":"g2","description":"","permissions":[{"entity_type":"server","url":"/1.0","entitlement":"admin"}],"identities":{"tls":["abc"]},"identity_provider_groups":[]}]""";
        daemon.route("GET", "/1.0/auth/groups", exchange -> Replies.sync(groups));
        daemon.route("GET", "/1.0/auth/groups/g2", exchange -> Replies.sync("""
                {"name":"g2","description":"","permissions":[{"entity_type":"server","url":"/1.0","entitlement":"admin"}],"identities":{"tls":["abc"]},"identity_provider_groups":[]}"""));

        assertThat(cli.run("auth", "group", "list", "-f", "csv").out()).isEqualTo("g2,\ng10,ten\n");
        assertThat(last(daemon, "GET", "/1.0/auth/groups").pathAndQuery()).isEqualTo("/1.0/auth/groups?recursion=1");
        // Empty cells sort last, as in lxc
        assertThat(cli.run("auth", "group", "list", "-f", "csv", "-c", "dn").out()).isEqualTo("ten,g10\n,g2\n");
        assertThat(cli.run("auth", "group", "show", "g2").out()).isEqualTo("""
                name: g2
                description: ""
                permissions:
                - entity_type: server
                  url: /1.0
                  entitlement: admin
                identities:
                  tls:
                  - abc
                identity_provider_groups: []
                """);
    }

    @Test
    void permissionAddUsesTheCurrentProjectAndTheEtag()
    {
        daemon.route("GET", "/1.0/auth/groups/g1", exchange -> Replies.syncWithEtag("""
                {"name":"g1","description":"d","permissions":[{"entity_type":"server","url":"/1.0","entitlement":"viewer"}],"identities":{},"identity_provider_groups":[]}""", "\"etag-1\""));
        daemon.route("PUT", "/1.0/auth/groups/g1", exchange -> Replies.sync("{}"));

        Result result = cli.run("auth", "group", "permission", "add", "g1", "instance", "my-instance", "can_manage_backups");
        assertThat(result.exitCode()).as(result.err()).isZero();
        Exchange put = last(daemon, "PUT", "/1.0/auth/groups/g1");
        assertThat(put.headers()).containsEntry("if-match", "\"etag-1\"");
        assertThat(body(put)).isEqualTo(json("""
                {"description":"d","permissions":[
                  {"entity_type":"server","url":"/1.0","entitlement":"viewer"},
                  {"entity_type":"instance","url":"/1.0/instances/my-instance?project=default","entitlement":"can_manage_backups"}]}"""));

        cli.run("--project", "p1", "auth", "group", "perm", "add", "g1", "instance", "my-instance", "can_manage_backups");
        assertThat(body(last(daemon, "PUT", "/1.0/auth/groups/g1")).get("permissions").get(1).get("url").asString())
                .isEqualTo("/1.0/instances/my-instance?project=p1");
    }

    @Test
    void permissionAddAndRemoveErrors()
    {
        daemon.route("GET", "/1.0/auth/groups/g1", exchange -> Replies.syncWithEtag("""
                {"name":"g1","description":"","permissions":[{"entity_type":"server","url":"/1.0","entitlement":"admin"}],"identities":{},"identity_provider_groups":[]}""", "\"e\""));
        daemon.route("GET", "/1.0/auth/groups/empty", exchange -> Replies.syncWithEtag("""
                {"name":"empty","description":"","permissions":[],"identities":{},"identity_provider_groups":[]}""", "\"e\""));
        daemon.route("PUT", "/1.0/auth/groups/g1", exchange -> Replies.sync("{}"));

        assertThat(cli.run("auth", "group", "permission", "add", "g1", "server", "admin").err())
                .isEqualTo("Error: Group \"g1\" already has entitlement \"admin\" on entity \"/1.0\"\n");
        assertThat(cli.run("auth", "group", "permission", "remove", "empty", "server", "admin").err())
                .isEqualTo("Error: Group \"empty\" does not have any permissions\n");
        assertThat(cli.run("auth", "group", "permission", "remove", "g1", "project", "default", "viewer").err())
                .isEqualTo("Error: Group \"g1\" does not have entitlement \"viewer\" on entity \"/1.0/projects/default\"\n");

        assertThat(cli.run("auth", "group", "permission", "rm", "g1", "server", "admin").exitCode()).isZero();
        assertThat(body(last(daemon, "PUT", "/1.0/auth/groups/g1")).get("permissions").isEmpty()).isTrue();
    }

    @Test
    void tlsIdentityCreatePrintsThePendingToken()
    {
        daemon.route("POST", "/1.0/auth/identities/tls", exchange -> Replies.created("/1.0/auth/identities/tls/" + PENDING_ID, TOKEN_JSON));

        Result result = cli.run("auth", "identity", "create", "tls/alice", "-g", "g1,g2", "--group", "g3", "--auth-group", "g1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isEqualTo("TLS identity \"alice\" (%s) pending identity token:".formatted(PENDING_ID));
        CertificateAddToken token = TrustTokens.decode(lines.get(1));
        assertThat(token.clientName()).isEqualTo("alice");
        assertThat(token.addresses()).containsExactly("10.0.0.1:8443");
        assertThat(body(last(daemon, "POST", "/1.0/auth/identities/tls"))).isEqualTo(json("""
                {"name":"alice","trust_token":"","token":true,"certificate":"","groups":["g1","g2","g3"]}"""));

        Result quiet = cli.run("auth", "identity", "create", "tls/alice", "-q");
        assertThat(quiet.out().lines().toList()).containsExactly(lines.get(1));
    }

    @Test
    void tlsIdentityCreateWithACertificateFile()
            throws Exception
    {
        daemon.route("POST", "/1.0/auth/identities/tls", exchange -> Replies.created("/1.0/auth/identities/tls/x", "null"));
        CertificateAndKey certificate = Certificates.generate("bob", true, Duration.ofDays(1));
        Path file = directory.resolve("bob.crt");
        Files.writeString(file, certificate.certificatePem());

        Result result = cli.run("auth", "identity", "create", "tls/bob", file.toString(), "-g", "g1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("TLS identity \"bob\" created with fingerprint \"%s\"\n".formatted(certificate.fingerprint()));
        JsonNode body = body(last(daemon, "POST", "/1.0/auth/identities/tls"));
        assertThat(body.get("certificate").asString()).isEqualTo(certificate.certificatePem());
        assertThat(body.get("token").asBoolean()).isFalse();

        Files.writeString(file, "not a certificate");
        assertThat(cli.run("auth", "identity", "create", "tls/bob", file.toString()).err()).startsWith("Error: ");
    }

    @Test
    void clusterLinkIdentityCreatePostsAUnidirectionalLink()
    {
        daemon.route("POST", "/1.0/cluster/links", exchange -> Replies.created("/1.0/auth/identities/tls/" + PENDING_ID, TOKEN_JSON));

        Result result = cli.run("auth", "identity", "create", "cluster-link/lxd_two", "--auth-group", "links");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Cluster link \"lxd_two\" (%s) pending identity token:\n".formatted(PENDING_ID));
        assertThat(body(last(daemon, "POST", "/1.0/cluster/links"))).isEqualTo(json("""
                {"name":"lxd_two","type":"unidirectional","auth_groups":["links"]}"""));
    }

    @Test
    void unexpectedLocationIsAnError()
    {
        daemon.route("POST", "/1.0/auth/identities/tls", exchange -> Replies.created("/1.0/somewhere/else", TOKEN_JSON));

        assertThat(cli.run("auth", "identity", "create", "tls/alice").err())
                .isEqualTo("Error: Received unexpected location header \"/1.0/somewhere/else\"\n");
    }

    @Test
    void identityShowChecksTheImpliedType()
    {
        String pending = """
                {"authentication_method":"tls","type":"Cluster link certificate (pending)","id":"%s","name":"lxd_two","groups":["links"],"tls_certificate":""}"""
                .formatted(PENDING_ID);
        daemon.route("GET", "/1.0/auth/identities/tls/lxd_two", exchange -> Replies.sync(pending));

        assertThat(cli.run("auth", "identity", "show", "cluster-link/lxd_two").err())
                .isEqualTo("Error: Expected identity of type \"Cluster link certificate\" but found identity with type \"Cluster link certificate (pending)\"\n");
        assertThat(cli.run("auth", "identity", "show", "tls/lxd_two").out()).isEqualTo("""
                authentication_method: tls
                type: Cluster link certificate (pending)
                id: %s
                name: lxd_two
                groups:
                - links
                tls_certificate: ""
                """.formatted(PENDING_ID));
    }

    @Test
    void identityGroupMembership()
    {
        daemon.route("GET", "/1.0/auth/identities/tls/alice", exchange -> Replies.syncWithEtag("""
                {"authentication_method":"tls","type":"Client certificate","id":"f00d","name":"alice","groups":["g1"],"tls_certificate":"PEM"}""", "\"e1\""));
        daemon.route("PUT", "/1.0/auth/identities/tls/alice", exchange -> Replies.sync("{}"));

        assertThat(cli.run("auth", "identity", "group", "add", "tls/alice", "g1").err())
                .isEqualTo("Error: Identity \"alice\" is already a member of group \"g1\"\n");
        assertThat(cli.run("auth", "identity", "group", "remove", "tls/alice", "g2").err())
                .isEqualTo("Error: Identity \"alice\" is not a member of group \"g2\"\n");

        assertThat(cli.run("auth", "user", "group", "add", "tls/alice", "g2").exitCode()).isZero();
        Exchange added = last(daemon, "PUT", "/1.0/auth/identities/tls/alice");
        assertThat(added.headers()).containsEntry("if-match", "\"e1\"");
        assertThat(body(added)).isEqualTo(json("{\"groups\":[\"g1\",\"g2\"],\"tls_certificate\":\"PEM\"}"));

        assertThat(cli.run("auth", "identity", "group", "remove", "tls/alice", "g1").exitCode()).isZero();
        assertThat(body(last(daemon, "PUT", "/1.0/auth/identities/tls/alice"))).isEqualTo(json("{\"groups\":[],\"tls_certificate\":\"PEM\"}"));
    }

    @Test
    void identityEditReadsYamlFromStandardInput()
    {
        daemon.route("GET", "/1.0/auth/identities/tls/alice", exchange -> Replies.syncWithEtag("""
                {"authentication_method":"tls","type":"Client certificate","id":"f00d","name":"alice","groups":[],"tls_certificate":"PEM"}""", "\"e1\""));
        daemon.route("PUT", "/1.0/auth/identities/tls/alice", exchange -> Replies.sync("{}"));

        Result result = cli.runWithInput("groups:\n- admins\ntls_certificate: PEM\n", "auth", "identity", "edit", "tls/alice");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(body(last(daemon, "PUT", "/1.0/auth/identities/tls/alice"))).isEqualTo(json("{\"groups\":[\"admins\"],\"tls_certificate\":\"PEM\"}"));
    }

    @Test
    void identityListAndDelete()
    {
        daemon.route("GET", "/1.0/auth/identities", exchange -> Replies.sync("""
                [{"authentication_method":"tls","type":"Client certificate","id":"fp1","name":"test-user","groups":["test-group","admins"],"tls_certificate":"x"},
                 {"authentication_method":"tls","type":"Cluster link certificate (pending)","id":"%s","name":"lxd_two","groups":[],"tls_certificate":""}]"""
                .formatted(PENDING_ID)));
        daemon.route("GET", "/1.0/auth/identities/tls/fp1", exchange -> Replies.sync("""
                {"authentication_method":"tls","type":"Client certificate","id":"fp1","name":"test-user","groups":[],"tls_certificate":"x"}"""));
        daemon.route("DELETE", "/1.0/auth/identities/tls/fp1", exchange -> Replies.sync("{}"));

        assertThat(cli.run("auth", "identity", "list", "-f", "csv").out()).isEqualTo(
                "tls,Client certificate,test-user,fp1,\"test-group,admins\"\n"
                        + "tls,Cluster link certificate (pending),lxd_two,%s,\n".formatted(PENDING_ID));
        assertThat(cli.run("auth", "identity", "delete", "tls/fp1").exitCode()).isZero();
        assertThat(daemon.exchanges().getLast().method()).isEqualTo("DELETE");
        assertThat(cli.run("auth", "identity", "delete", "cluster-link/fp1").exitCode()).isEqualTo(1);
    }

    @Test
    void permissionListCondensesEntitlements()
    {
        daemon.route("GET", "/1.0/auth/permissions", exchange -> Replies.sync("""
                [{"entity_type":"server","url":"/1.0","entitlement":"admin","groups":["admins"]},
                 {"entity_type":"server","url":"/1.0","entitlement":"can_view_groups","groups":[]},
                 {"entity_type":"server","url":"/1.0","entitlement":"can_create_cluster_links","groups":[]},
                 {"entity_type":"server","url":"/1.0","entitlement":"can_create_groups","groups":[]},
                 {"entity_type":"server","url":"/1.0","entitlement":"can_create_identities","groups":[]},
                 {"entity_type":"project","url":"/1.0/projects/default","entitlement":"viewer","groups":["a","b"]}]"""));

        Result csv = cli.run("auth", "permission", "list", "-f", "csv", "entity_type=server", "project=default");
        assertThat(csv.out()).isEqualTo(
                "server,/1.0,\"admin:(admins),can_create_cluster_links,can_create_groups,can_create_identities,...\"\n"
                        + "project,/1.0/projects/default,\"viewer:(a,b)\"\n");
        assertThat(last(daemon, "GET", "/1.0/auth/permissions").pathAndQuery())
                .isEqualTo("/1.0/auth/permissions?recursion=1&entity-type=server&project=default");

        assertThat(cli.run("auth", "perm", "list", "-f", "csv", "--max-entitlements", "0").out())
                .startsWith("server,/1.0,\"admin:(admins),can_create_cluster_links,can_create_groups,can_create_identities,can_view_groups\"\n");
        assertThat(cli.run("auth", "permission", "list", "-c", "ue").out())
                .contains("| /1.0/projects/default | viewer ==> (a, b)         |");
        assertThat(cli.run("auth", "permission", "list", "foo=bar").err())
                .isEqualTo("Error: Available filters are `entity_type` and `project`, got \"foo=bar\"\n");
    }
}
