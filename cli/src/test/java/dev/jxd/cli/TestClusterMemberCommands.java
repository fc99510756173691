package dev.jxd.cli;

import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.json.Json;
import dev.jxd.cli.CliRunner.Result;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jxd.cli.Exchanges.body;
import static dev.jxd.cli.Exchanges.json;
import static dev.jxd.cli.Exchanges.last;
import static dev.jxd.cli.Exchanges.only;
import static dev.jxd.cli.Exchanges.requests;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code jxc cluster} member and join-token commands against fake daemons on unix sockets. */
final class TestClusterMemberCommands
{
    private static final String CLUSTER = "/1.0/cluster";
    private static final String MEMBERS = "/1.0/cluster/members";
    private static final String OPERATIONS = "/1.0/operations";
    private static final String SERVER = """
            {"api_extensions":[],"api_status":"stable","api_version":"1.0","auth":"trusted","public":false,"auth_methods":["tls"],
             "client_certificate":false,"config":{%s},"auth_user_name":"root","auth_user_method":"unix"}""";
    private static final String NOT_CLUSTERED = "{\"server_name\":\"\",\"enabled\":false,\"member_config\":[]}";
    private static final String CLUSTERED = "{\"server_name\":\"member1\",\"enabled\":true,\"member_config\":[]}";
    private static final ClusterMember LEADER = new ClusterMember("member1", "https://10.0.0.1:8443", true, ClusterMember.STATUS_ONLINE,
            "Fully operational", "x86_64", List.of(ClusterMember.ROLE_DATABASE_LEADER, ClusterMember.ROLE_DATABASE), "rack1", "Leader box",
            Map.of("user.b", "2", "user.a", "1"), List.of("default"));
    private static final ClusterMember STANDBY = new ClusterMember("member10", "https://10.0.0.10:8443", false, ClusterMember.STATUS_OFFLINE,
            "No heartbeat for 1m0s", "aarch64", List.of(ClusterMember.ROLE_DATABASE_STANDBY), "", "", Map.of(), List.of());
    private static final ClusterMember SPARE = new ClusterMember("member2", "https://10.0.0.2:8443", false, ClusterMember.STATUS_ONLINE,
            "Fully operational", "x86_64", List.of(), "default", "", Map.of(), List.of("default"));
    private static final ClusterMemberJoinToken TOKEN = new ClusterMemberJoinToken(
            "member3",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "5f1c0c4f5b0e8c6f0a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b",
            List.of("10.0.0.1:8443", "10.0.0.2:8443"),
            Instant.parse("2026-02-01T10:20:30.5Z"));
    private static final String FORCE_PROMPT = """
            Forcefully removing a server from the cluster should only be done as a last
            resort.

            The removed server will not be functional after this action and will require a
            full reset of LXD, losing any remaining instance, image or storage volume
            that the server may have held.

            When possible, a graceful removal should be preferred, this will require you to
            move any affected instance, image or storage volume to another server prior to
            the server being cleanly removed from the cluster.

            The --force flag should only be used if the server has died, been reinstalled
            or is otherwise never expected to come back up.

            Are you really sure you want to force removing member2? (yes/no): \
            """;

    @TempDir
    Path directory;

    private FakeApiServer daemon;
    private FakeApiServer lab;
    private CliRunner cli;

    @BeforeEach
    void setUp()
            throws Exception
    {
        Path state = Files.createDirectories(directory.resolve("state"));
        daemon = FakeApiServer.unixSocket(state.resolve("unix.socket"));
        lab = FakeApiServer.unixSocket(state.resolve("lab.socket"));
        Path configuration = Files.createDirectories(directory.resolve("conf"));
        Files.writeString(configuration.resolve("config.yml"), """
                default-remote: local
                remotes:
                  local:
                    addr: unix://
                  lab:
                    addr: unix://%s
                """.formatted(state.resolve("lab.socket")), StandardCharsets.UTF_8);
        cli = new CliRunner(configuration, state);
    }

    @AfterEach
    void tearDown()
            throws Exception
    {
        daemon.close();
        lab.close();
    }

    @Test
    void enableTurnsAStandaloneServerIntoTheFirstMember()
    {
        routeEnable(daemon, "\"core.https_address\":\"10.0.0.1:8443\"", NOT_CLUSTERED, "op1", 200, "Success", "");

        Result result = cli.run("cluster", "enable", "member1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Clustering enabled\n");
        Exchange put = only(daemon, "PUT", CLUSTER);
        assertThat(body(put)).isEqualTo(json("""
                {"server_name":"member1","enabled":true,"cluster_address":"","cluster_certificate":"","server_address":"","cluster_token":""}"""));
        assertThat(put.headers()).doesNotContainKey("if-match");
        // lxc checks the address, then the cluster, then enables and waits for the operation
        assertThat(daemon.exchanges()).extracting(exchange -> exchange.method() + " " + exchange.pathAndQuery().replaceAll("\\?.*", ""))
                .containsExactly("GET /1.0", "GET /1.0/cluster", "PUT /1.0/cluster", "GET /1.0/operations/op1/wait");

        // lxc prints the confirmation even when quiet
        assertThat(cli.run("-q", "cluster", "enable", "member1").out()).isEqualTo("Clustering enabled\n");
    }

    @Test
    void enableOnAnotherRemote()
    {
        routeEnable(lab, "\"cluster.https_address\":\"10.0.0.9:8443\"", NOT_CLUSTERED, "op9", 200, "Success", "");

        Result result = cli.run("cluster", "enable", "lab:", "lab1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(body(only(lab, "PUT", CLUSTER)).get("server_name").asString()).isEqualTo("lab1");
        assertThat(daemon.exchanges()).isEmpty();

        assertThat(cli.run("cluster", "enable", "nowhere:", "lab1").err()).isEqualTo("Error: The remote \"nowhere\" doesn't exist\n");
        assertThat(cli.run("cluster", "enable").err()).endsWith("Error: Invalid number of arguments\n");
    }

    @Test
    void enableRefusalsAndFailures()
    {
        routeEnable(daemon, "\"core.https_address\":\"\"", NOT_CLUSTERED, "op1", 200, "Success", "");
        assertEnableFails("This LXD server is not available on the network");

        routeEnable(daemon, "\"core.https_address\":\"10.0.0.1:8443\"", CLUSTERED, "op1", 200, "Success", "");
        assertEnableFails("This LXD server is already clustered");
        assertThat(requests(daemon, "PUT", CLUSTER)).isEmpty();

        routeEnable(daemon, "\"core.https_address\":\"10.0.0.1:8443\"", NOT_CLUSTERED, "op1", 400, "Failure", "Failed to bootstrap the database");
        assertEnableFails("Failed to configure cluster: Failed to bootstrap the database");

        daemon.route("PUT", CLUSTER, exchange -> Replies.error(400, "Server name must not be empty"));
        assertEnableFails("Failed to configure cluster: Server name must not be empty");

        daemon.route("GET", CLUSTER, exchange -> Replies.error(403, "not authorized"));
        assertEnableFails("Failed to retrieve current cluster config: not authorized");

        daemon.route("GET", "/1.0", exchange -> Replies.error(500, "database is locked"));
        assertEnableFails("Failed to retrieve current server config: database is locked");
    }

    @Test
    void addPrintsTheJoinTokenOfTheOperation()
    {
        daemon.route("POST", MEMBERS, exchange -> Replies.async("/1.0/operations/tok1", tokenOperation("tok1", 103, "Running", TOKEN)));

        Result result = cli.run("cluster", "add", "member3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isEqualTo("Member member3 join token:");
        assertThat(lines.get(1)).isEqualTo(ClusterJoinTokens.encode(TOKEN));
        assertThat(Json.read(new String(Base64.getDecoder().decode(lines.get(1)), StandardCharsets.UTF_8), ClusterMemberJoinToken.class)).isEqualTo(TOKEN);
        assertThat(body(only(daemon, "POST", MEMBERS))).isEqualTo(json("{\"server_name\":\"member3\"}"));
        // The token is the operation's metadata: nothing is waited for
        assertThat(daemon.exchanges()).hasSize(1);

        // Quiet output is exactly the token, for scripts
        assertThat(cli.run("-q", "cluster", "add", "member3").out()).isEqualTo(lines.get(1) + "\n");

        assertThat(cli.run("cluster", "add", "local:", "--name", "member4").out()).startsWith("Member member4 join token:\n");
        assertThat(body(last(daemon, "POST", MEMBERS)).get("server_name").asString()).isEqualTo("member4");
        assertThat(cli.run("cluster", "add", "member4", "--name", "member4").exitCode()).isZero();
        assertThat(cli.run("cluster", "add", "member4", "--name", "member5").err())
                .isEqualTo("Error: Cluster member name was provided as both a flag and as an argument\n");
        assertThat(requests(daemon, "POST", MEMBERS)).hasSize(4);
    }

    @Test
    void addAsksForAMissingName()
    {
        daemon.route("POST", MEMBERS, exchange -> Replies.async("/1.0/operations/tok1", tokenOperation("tok1", 103, "Running", TOKEN)));

        Result result = cli.runWithInput("\n  member3 \n", "cluster", "add", "local:");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Please provide cluster member name: Please provide cluster member name: Member member3 join token:\n"
                + ClusterJoinTokens.encode(TOKEN) + "\n");
        assertThat(result.err()).isEqualTo("Invalid input, try again.\n\n");
        assertThat(body(only(daemon, "POST", MEMBERS)).get("server_name").asString()).isEqualTo("member3");

        Result noInput = cli.run("cluster", "add", "local:");
        assertThat(noInput.exitCode()).isEqualTo(1);
        assertThat(noInput.err()).isEqualTo("Error: No cluster member name on standard input\n");
        assertThat(requests(daemon, "POST", MEMBERS)).hasSize(1);
    }

    @Test
    void addReportsAnOperationWithoutATokenAndServerErrors()
    {
        Map<String, Object> metadata = tokenMetadata(TOKEN);
        metadata.remove("secret");
        daemon.route("POST", MEMBERS, exchange -> Replies.async("/1.0/operations/tok1", operation("tok1", "token", 103, "Running", metadata)));
        assertThat(cli.run("cluster", "add", "member3").err())
                .isEqualTo("Error: Failed converting token operation to join token: Operation secret is type <nil> not string\n");

        metadata.put("secret", TOKEN.secret());
        metadata.put("addresses", "10.0.0.1:8443");
        assertThat(cli.run("cluster", "add", "member3").err())
                .isEqualTo("Error: Failed converting token operation to join token: Operation addresses is type string not []any\n");

        metadata.put("addresses", List.of("10.0.0.1:8443", 8443));
        assertThat(cli.run("cluster", "add", "member3").err())
                .isEqualTo("Error: Failed converting token operation to join token: Operation address index 1 is type float64 not string\n");

        daemon.route("POST", MEMBERS, exchange -> Replies.error(409, "The cluster already has a member with name: member3"));
        Result conflict = cli.run("cluster", "add", "member3");
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.out()).isEmpty();
        assertThat(conflict.err()).isEqualTo("Error: The cluster already has a member with name: member3\n");
    }

    @Test
    void listShowsEveryMemberLikeLxc()
    {
        routeMembers(daemon, LEADER, SPARE, STANDBY);

        Result result = cli.run("cluster", "list");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // Rows sorted naturally (member2 before member10); a member's roles on one line each
        assertThat(result.out()).isEqualTo("""
                +----------+------------------------+------------------+--------------+----------------+-------------+---------+-----------------------+
                |   NAME   |          URL           |      ROLES       | ARCHITECTURE | FAILURE DOMAIN | DESCRIPTION |  STATE  |        MESSAGE        |
                +----------+------------------------+------------------+--------------+----------------+-------------+---------+-----------------------+
                | member1  | https://10.0.0.1:8443  | database-leader  | x86_64       | rack1          | Leader box  | ONLINE  | Fully operational     |
                |          |                        | database         |              |                |             |         |                       |
                +----------+------------------------+------------------+--------------+----------------+-------------+---------+-----------------------+
                | member2  | https://10.0.0.2:8443  |                  | x86_64       | default        |             | ONLINE  | Fully operational     |
                +----------+------------------------+------------------+--------------+----------------+-------------+---------+-----------------------+
                | member10 | https://10.0.0.10:8443 | database-standby | aarch64      |                |             | OFFLINE | No heartbeat for 1m0s |
                +----------+------------------------+------------------+--------------+----------------+-------------+---------+-----------------------+
                """);
        assertThat(last(daemon, "GET", MEMBERS).pathAndQuery()).isEqualTo(MEMBERS + "?recursion=1");

        assertThat(cli.run("cluster", "ls", "-f", "csv").out()).isEqualTo("""
                member1,https://10.0.0.1:8443,"database-leader,database",x86_64,rack1,Leader box,ONLINE,Fully operational
                member2,https://10.0.0.2:8443,,x86_64,default,,ONLINE,Fully operational
                member10,https://10.0.0.10:8443,database-standby,aarch64,,,OFFLINE,No heartbeat for 1m0s
                """);
        // Compact is the table without its borders: the same column widths
        assertThat(cli.run("cluster", "list", "--format", "compact").out()).isEqualTo(String.join("\n",
                "    NAME             URL                 ROLES        ARCHITECTURE  FAILURE DOMAIN  DESCRIPTION   STATE          MESSAGE         ",
                "  member1   https://10.0.0.1:8443   database-leader   x86_64        rack1           Leader box   ONLINE   Fully operational      ",
                "                                    database                                                                                     ",
                "  member2   https://10.0.0.2:8443                     x86_64        default                      ONLINE   Fully operational      ",
                "  member10  https://10.0.0.10:8443  database-standby  aarch64                                    OFFLINE  No heartbeat for 1m0s  ",
                ""));
        // JSON and YAML are the members as the server sent them
        assertThat(json(cli.run("cluster", "list", "-f", "json").out())).isEqualTo(json(Json.write(List.of(LEADER, SPARE, STANDBY))));
        assertThat(cli.run("cluster", "list", "-f", "yaml").out()).startsWith("""
                - server_name: member1
                  url: https://10.0.0.1:8443
                  database: true
                  status: Online
                  message: Fully operational
                  architecture: x86_64
                  roles:
                  - database-leader
                  - database
                  failure_domain: rack1
                  description: Leader box
                  config:
                    user.a: "1"
                    user.b: "2"
                  groups:
                  - default
                - server_name: member2
                """);
        assertThat(cli.run("cluster", "list", "-f", "xml").err()).isEqualTo("Error: Invalid format \"xml\"\n");
    }

    @Test
    void listOnAnotherRemoteAndOnAStandaloneServer()
    {
        routeMembers(lab, SPARE);
        assertThat(cli.run("cluster", "list", "lab:", "-f", "csv").out()).isEqualTo("member2,https://10.0.0.2:8443,,x86_64,default,,ONLINE,Fully operational\n");
        assertThat(daemon.exchanges()).isEmpty();

        daemon.route("GET", CLUSTER, exchange -> Replies.sync(NOT_CLUSTERED));
        Result result = cli.run("cluster", "list");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: LXD server isn't part of a cluster\n");
        assertThat(requests(daemon, "GET", MEMBERS)).isEmpty();
    }

    @Test
    void showPrintsTheMemberAsYaml()
    {
        daemon.route("GET", MEMBERS + "/member1", exchange -> Replies.sync(Json.write(LEADER)));
        daemon.route("GET", MEMBERS + "/member2", exchange -> Replies.sync(Json.write(SPARE)));

        assertThat(cli.run("cluster", "show", "member1").out()).isEqualTo("""
                server_name: member1
                url: https://10.0.0.1:8443
                database: true
                status: Online
                message: Fully operational
                architecture: x86_64
                roles:
                - database-leader
                - database
                failure_domain: rack1
                description: Leader box
                config:
                  user.a: "1"
                  user.b: "2"
                groups:
                - default
                """);
        assertThat(cli.run("cluster", "show", "local:member2").out()).isEqualTo("""
                server_name: member2
                url: https://10.0.0.2:8443
                database: false
                status: Online
                message: Fully operational
                architecture: x86_64
                roles: []
                failure_domain: default
                description: ""
                config: {}
                groups:
                - default
                """);
    }

    @Test
    void memberErrorsArePrintedAsTheServerSentThem()
    {
        daemon.route("GET", MEMBERS + "/ghost", exchange -> Replies.error(404, "Cluster member not found"));

        for (String command : List.of("show", "info")) {
            Result result = cli.run("cluster", command, "ghost");
            assertThat(result.exitCode()).as(command).isEqualTo(1);
            assertThat(result.out()).as(command).isEmpty();
            assertThat(result.err()).as(command).isEqualTo("Error: Cluster member not found\n");
        }
        // Unrouted paths answer 404 "not found"
        assertThat(cli.run("cluster", "rename", "ghost", "spirit").err()).isEqualTo("Error: not found\n");
        assertThat(cli.run("cluster", "remove", "ghost").err()).isEqualTo("Error: not found\n");
        assertThat(cli.run("cluster", "show", "local:").err()).isEqualTo("Error: Missing cluster member name\n");
        assertThat(cli.run("cluster", "show", "nowhere:member1").err()).isEqualTo("Error: The remote \"nowhere\" doesn't exist\n");
    }

    @Test
    void infoSummarizesTheMember()
    {
        daemon.route("GET", MEMBERS + "/member1", exchange -> Replies.sync(Json.write(LEADER)));
        daemon.route("GET", MEMBERS + "/member10", exchange -> Replies.sync(Json.write(STANDBY)));

        assertThat(cli.run("cluster", "info", "member1").out()).isEqualTo("""
                Name: member1
                URL: https://10.0.0.1:8443
                Status: Online
                Message: Fully operational
                Roles: database-leader, database
                Database leader: yes
                Database voter: yes
                Architecture: x86_64
                Failure domain: rack1
                Description: Leader box
                Groups: default
                """);
        assertThat(cli.run("cluster", "info", "member10").out()).isEqualTo("""
                Name: member10
                URL: https://10.0.0.10:8443
                Status: Offline
                Message: No heartbeat for 1m0s
                Roles: database-standby
                Database leader: no
                Database voter: no
                Architecture: aarch64
                """);
    }

    @Test
    void renamePostsTheNewName()
    {
        daemon.route("POST", MEMBERS + "/member%202", exchange -> Replies.sync("{}"));
        lab.route("POST", MEMBERS + "/lab1", exchange -> Replies.async("/1.0/operations/op5", Replies.operation("op5", 103, "Running", "")));
        lab.route("GET", "/1.0/operations/op5/wait", exchange -> Replies.sync(Replies.operation("op5", 200, "Success", "")));

        assertThat(cli.run("cluster", "rename", "member 2", "member3").out()).isEqualTo("Member member 2 renamed to member3\n");
        assertThat(body(only(daemon, "POST", MEMBERS + "/member%202"))).isEqualTo(json("{\"server_name\":\"member3\"}"));
        assertThat(cli.run("cluster", "mv", "-q", "member 2", "member3").out()).isEmpty();

        // An asynchronous answer is waited for before the rename is reported
        assertThat(cli.run("cluster", "rename", "lab:lab1", "lab2").out()).isEqualTo("Member lab1 renamed to lab2\n");
        assertThat(lab.exchanges()).extracting(exchange -> exchange.method() + " " + exchange.pathAndQuery().replaceAll("\\?.*", ""))
                .containsExactly("POST /1.0/cluster/members/lab1", "GET /1.0/operations/op5/wait");
    }

    @Test
    void removeDeletesTheMember()
    {
        daemon.route("DELETE", MEMBERS + "/member2", exchange -> Replies.sync("{}"));

        Result result = cli.run("cluster", "remove", "member2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Member member2 removed\n");
        assertThat(only(daemon, "DELETE", MEMBERS + "/member2").pathAndQuery()).isEqualTo(MEMBERS + "/member2");
        assertThat(cli.run("cluster", "rm", "--quiet", "member2").out()).isEmpty();

        daemon.route("DELETE", MEMBERS + "/member2", exchange -> Replies.error(400, "Member is the last database voter"));
        Result refused = cli.run("cluster", "remove", "member2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("Error: Member is the last database voter\n");
    }

    @Test
    void forcedRemovalAsksFirst()
    {
        daemon.route("DELETE", MEMBERS + "/member2", exchange -> Replies.sync("{}"));

        Result confirmed = cli.runWithInput("YES\n", "cluster", "remove", "member2", "--force");
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).isEqualTo(FORCE_PROMPT + "Member member2 removed\n");
        assertThat(only(daemon, "DELETE", MEMBERS + "/member2").pathAndQuery()).isEqualTo(MEMBERS + "/member2?force=1");

        for (String answer : List.of("no\n", "y\n", " yes\n", "")) {
            Result refused = cli.runWithInput(answer, "cluster", "remove", "member2", "-f");
            assertThat(refused.exitCode()).as(answer).isEqualTo(1);
            assertThat(refused.out()).as(answer).isEqualTo(FORCE_PROMPT);
            assertThat(refused.err()).as(answer).isEqualTo("Error: User aborted delete operation\n");
        }
        assertThat(requests(daemon, "DELETE", MEMBERS + "/member2")).hasSize(1);

        // --yes skips the question; quiet still asks, as the answer is needed
        assertThat(cli.run("cluster", "remove", "member2", "--force", "--yes").out()).isEqualTo("Member member2 removed\n");
        assertThat(cli.runWithInput("yes\n", "-q", "cluster", "remove", "member2", "--force").out()).isEqualTo(FORCE_PROMPT);
        assertThat(requests(daemon, "DELETE", MEMBERS + "/member2")).hasSize(3)
                .allSatisfy(exchange -> assertThat(exchange.pathAndQuery()).endsWith("?force=1"));
        // Without --force, --yes changes nothing
        assertThat(cli.run("cluster", "remove", "member2", "--yes").exitCode()).isZero();
        assertThat(last(daemon, "DELETE", MEMBERS + "/member2").pathAndQuery()).isEqualTo(MEMBERS + "/member2");
    }

    @Test
    void editReadsYamlFromStandardInput()
    {
        daemon.route("PUT", MEMBERS + "/member1", exchange -> Replies.sync("{}"));

        Result result = cli.runWithInput("""
                roles:
                - database
                failure_domain: rack2
                description: Moved
                config:
                  user.a: "1"
                groups:
                - default
                - fast
                """, "cluster", "edit", "member1");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        Exchange put = only(daemon, "PUT", MEMBERS + "/member1");
        assertThat(put.headers()).doesNotContainKey("if-match");
        assertThat(body(put)).isEqualTo(json("""
                {"roles":["database"],"failure_domain":"rack2","description":"Moved","config":{"user.a":"1"},"groups":["default","fast"]}"""));

        // What "show" prints can be fed back: the read-only fields are ignored, absent ones are empty
        cli.runWithInput("server_name: member1\nstatus: Online\ndescription: Only this\n", "cluster", "edit", "member1");
        assertThat(body(last(daemon, "PUT", MEMBERS + "/member1"))).isEqualTo(json("""
                {"roles":[],"failure_domain":"","description":"Only this","config":{},"groups":[]}"""));
        assertThat(requests(daemon, "GET", MEMBERS + "/member1")).isEmpty();

        daemon.route("PUT", MEMBERS + "/member1", exchange -> Replies.error(400, "Invalid cluster role \\\"boss\\\""));
        assertThat(cli.runWithInput("roles:\n- boss\n", "cluster", "edit", "member1").err()).isEqualTo("Error: Invalid cluster role \"boss\"\n");
        assertThat(cli.runWithInput("roles: [", "cluster", "edit", "member1").exitCode()).isEqualTo(1);
        assertThat(cli.run("cluster", "edit", "local:").err()).isEqualTo("Error: Missing cluster member name\n");
    }

    @Test
    void listTokensShowsRunningJoinTokens()
    {
        ClusterMemberJoinToken other = new ClusterMemberJoinToken("member10", "secret-10", TOKEN.fingerprint(), TOKEN.addresses(),
                Instant.parse("2026-03-04T05:06:07Z"));
        routeTokens(daemon);

        Result result = cli.run("cluster", "list-tokens");
        assertThat(result.exitCode()).as(result.err()).isZero();
        String token = ClusterJoinTokens.encode(TOKEN);
        String otherToken = ClusterJoinTokens.encode(other);
        String dashes = "-".repeat(Math.max(token.length(), otherToken.length()) + 2);
        assertThat(result.out().lines().toList()).containsExactly(
                "+----------+" + dashes + "+----------------------+",
                "|   NAME   |" + centred("TOKEN", dashes.length()) + "|      EXPIRES AT      |",
                "+----------+" + dashes + "+----------------------+",
                "| member3  | " + padded(token, dashes.length() - 2) + " | 2026/02/01 10:20 UTC |",
                "+----------+" + dashes + "+----------------------+",
                "| member10 | " + padded(otherToken, dashes.length() - 2) + " | 2026/03/04 05:06 UTC |",
                "+----------+" + dashes + "+----------------------+");
        assertThat(last(daemon, "GET", OPERATIONS).pathAndQuery()).isEqualTo(OPERATIONS + "?recursion=1&project=default");

        assertThat(cli.run("cluster", "list-tokens", "-f", "csv").out()).isEqualTo("""
                member3,%s,2026/02/01 10:20 UTC
                member10,%s,2026/03/04 05:06 UTC
                """.formatted(token, otherToken));
        // lxc renders a Go struct without tags, in the server's order: JSON keeps the field names, YAML lower-cases them
        assertThat(json(cli.run("cluster", "list-tokens", "-f", "json").out())).isEqualTo(json("""
                [{"ServerName":"member10","Token":"%s","ExpiresAt":"2026/03/04 05:06 UTC"},
                 {"ServerName":"member3","Token":"%s","ExpiresAt":"2026/02/01 10:20 UTC"}]""".formatted(otherToken, token)));
        assertThat(cli.run("cluster", "list-tokens", "-f", "yaml").out()).isEqualTo("""
                - servername: member10
                  token: %s
                  expiresat: 2026/03/04 05:06 UTC
                - servername: member3
                  token: %s
                  expiresat: 2026/02/01 10:20 UTC
                """.formatted(otherToken, token));

        daemon.route("GET", CLUSTER, exchange -> Replies.sync(NOT_CLUSTERED));
        assertThat(cli.run("cluster", "list-tokens").err()).isEqualTo("Error: LXD server isn't part of a cluster\n");
    }

    @Test
    void listTokensShowsAnOffsetExpiryInItsOwnZone()
    {
        // No zone in the tests' environment is at +13:45 in February, so Go prints the bare offset
        Map<String, Object> metadata = tokenMetadata(TOKEN);
        metadata.put("expiresAt", "2026-02-01T23:35:30+13:45");
        daemon.route("GET", CLUSTER, exchange -> Replies.sync(CLUSTERED));
        daemon.route("GET", OPERATIONS, exchange -> Replies.sync("{\"running\":[%s]}".formatted(operation("tok1", "token", 103, "Running", metadata))));

        ClusterMemberJoinToken expected = new ClusterMemberJoinToken(TOKEN.serverName(), TOKEN.secret(), TOKEN.fingerprint(), TOKEN.addresses(),
                Instant.parse("2026-02-01T09:50:30Z"));
        assertThat(cli.run("cluster", "list-tokens", "-f", "csv").out()).isEqualTo("member3,%s,2026/02/01 23:35 +1345\n".formatted(ClusterJoinTokens.encode(expected)));
    }

    @Test
    void revokeTokenCancelsTheTokenOperation()
    {
        routeTokens(daemon);
        daemon.route("DELETE", OPERATIONS + "/tok-member10", exchange -> Replies.sync("{}"));

        Result result = cli.run("cluster", "revoke-token", "member10");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Cluster join token for local:member10 deleted\n");
        assertThat(only(daemon, "DELETE", OPERATIONS + "/tok-member10").pathAndQuery()).isEqualTo(OPERATIONS + "/tok-member10?project=default");
        assertThat(cli.run("-q", "cluster", "revoke-token", "local:member10").out()).isEmpty();

        // Neither a finished token nor another kind of operation counts
        for (String name : List.of("member11", "member12", "member13")) {
            Result missing = cli.run("cluster", "revoke-token", name);
            assertThat(missing.exitCode()).as(name).isEqualTo(1);
            assertThat(missing.err()).as(name).isEqualTo("Error: No cluster join token for member %s on remote: local\n".formatted(name));
        }
        assertThat(requests(daemon, "DELETE", OPERATIONS + "/tok-member10")).hasSize(2);
        assertThat(daemon.exchanges()).filteredOn(exchange -> exchange.method().equals("DELETE")).hasSize(2);
    }

    @Test
    void everySubcommandHasHelp()
    {
        for (String subcommand : List.of("add", "edit", "enable", "info", "list", "list-tokens", "remove", "rename", "revoke-token", "show")) {
            Result result = cli.run("cluster", subcommand, "--help");
            assertThat(result.exitCode()).as(subcommand).isZero();
            assertThat(result.out()).as(subcommand).startsWith("Usage: jxc cluster " + subcommand);
        }
        assertThat(cli.run("cluster", "remove", "--help").out()).contains("--force", "--yes", "Force removing a member, even if degraded");
        assertThat(cli.run("cluster", "add", "--help").out()).contains("--name=<name>", "Examples:");
        assertThat(cli.run("cluster").out()).contains("add", "enable", "link", "list, ls", "list-tokens", "remove, rm", "rename, mv", "revoke-token");
        assertThat(daemon.exchanges()).isEmpty();
    }

    /** Routes the three requests of {@code enable}: the server's configuration, the cluster, and the enabling operation. */
    private static void routeEnable(FakeApiServer server, String config, String cluster, String operationId, int statusCode, String status, String error)
    {
        server.route("GET", "/1.0", exchange -> Replies.sync(SERVER.formatted(config)));
        server.route("GET", CLUSTER, exchange -> Replies.syncWithEtag(cluster, "\"cluster-etag\""));
        server.route("PUT", CLUSTER, exchange -> Replies.async("/1.0/operations/" + operationId, Replies.operation(operationId, 103, "Running", "")));
        server.route("GET", "/1.0/operations/" + operationId + "/wait", exchange -> Replies.sync(Replies.operation(operationId, statusCode, status, error)));
    }

    private void assertEnableFails(String message)
    {
        Result result = cli.run("cluster", "enable", "member1");
        assertThat(result.exitCode()).as(message).isEqualTo(1);
        assertThat(result.out()).as(message).isEmpty();
        assertThat(result.err()).as(message).isEqualTo("Error: " + message + "\n");
    }

    private static void routeMembers(FakeApiServer server, ClusterMember... members)
    {
        server.route("GET", CLUSTER, exchange -> Replies.sync(CLUSTERED));
        server.route("GET", MEMBERS, exchange -> Replies.sync(Json.write(List.of(members))));
    }

    /**
     * Routes the operations of a cluster: running join tokens for member3 and member10, a finished one for member11,
     * a running trust token (another kind of token) and a running task for member12 and member13.
     */
    private static void routeTokens(FakeApiServer server)
    {
        Map<String, Object> trustToken = new LinkedHashMap<>(Map.of("clientName", "member13", "secret", "s", "fingerprint", "f", "addresses", List.of("a")));
        String running = String.join(",",
                tokenOperation("tok-member10", 103, "Running", new ClusterMemberJoinToken("member10", "secret-10", TOKEN.fingerprint(), TOKEN.addresses(),
                        Instant.parse("2026-03-04T05:06:07Z"))),
                tokenOperation("tok-member3", 103, "Running", TOKEN),
                operation("task-member12", "task", 103, "Running", tokenMetadata(new ClusterMemberJoinToken("member12", "s", "f", List.of("a"), TOKEN.expiresAt()))),
                operation("trust-member13", "token", 103, "Running", trustToken));
        String finished = tokenOperation("tok-member11", 200, "Success", new ClusterMemberJoinToken("member11", "s", "f", List.of("a"), TOKEN.expiresAt()));
        server.route("GET", CLUSTER, exchange -> Replies.sync(CLUSTERED));
        server.route("GET", OPERATIONS, exchange -> Replies.sync("{\"running\":[%s],\"success\":[%s]}".formatted(running, finished)));
    }

    private static String tokenOperation(String id, int statusCode, String status, ClusterMemberJoinToken token)
    {
        return operation(id, "token", statusCode, status, tokenMetadata(token));
    }

    /** The metadata of LXD's join-token operation: camelCase keys, unlike the token's own JSON. */
    private static Map<String, Object> tokenMetadata(ClusterMemberJoinToken token)
    {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("serverName", token.serverName());
        metadata.put("secret", token.secret());
        metadata.put("fingerprint", token.fingerprint());
        metadata.put("addresses", token.addresses());
        metadata.put("expiresAt", token.expiresAt().toString());
        return metadata;
    }

    private static String operation(String id, String operationClass, int statusCode, String status, Map<String, Object> metadata)
    {
        return """
                {"id":"%s","class":"%s","description":"Adding cluster member","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z",\
                "status":"%s","status_code":%d,"resources":{},"metadata":%s,"may_cancel":true,"err":"","err_code":0,"child_count":0,"location":"none"}"""
                .formatted(id, operationClass, status, statusCode, Json.write(metadata));
    }

    private static String centred(String text, int width)
    {
        int left = (width - text.length()) / 2;
        return " ".repeat(left) + text + " ".repeat(width - text.length() - left);
    }

    private static String padded(String text, int width)
    {
        return text + " ".repeat(width - text.length());
    }
}
