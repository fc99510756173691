package dev.jxd.it;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.cli.Main;
import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LXD's guides "How to create cluster links" and "How to manage cluster links", step by step with jxc against real
 * daemons on loopback, each with its own state directory and port. Every jxc call is the administrator of one cluster
 * on its unix socket; what a link makes possible is then checked over HTTPS with each cluster's network certificate,
 * the way the clusters call each other.
 */
class TestClusterLinkGuide
{
    private static final Pattern PENDING_TOKEN_HEADER = Pattern.compile("Cluster link \"([^\"]+)\" \\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\) pending identity token:");
    private static final List<String> LIST_HEADER = List.of("NAME", "ADDRESSES", "DESCRIPTION", "IDENTITY STATUS", "TYPE");
    private static final List<String> INFO_HEADER = List.of("ADDRESS", "NAME", "STATE", "LAST CONTACT", "ROUND TRIP", "CERTIFICATE EXPIRES");
    private static final DateTimeFormatter INFO_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss z", Locale.ROOT);
    private static final String ALREADY_LINKED = "A cluster link already exists between these clusters";
    private static final String REFRESH_ADDRESSES = "/internal/testing/cluster/link/refresh-volatile-addresses";

    @TempDir
    Path home;

    private final List<TestDaemon> daemons = new ArrayList<>();

    record Run(int exitCode, String out, String err) {}

    /** A single-server cluster, and the jxc configuration directory of its administrator. */
    private record Cluster(TestDaemon daemon, Path configuration)
    {
        String address()
        {
            return daemon.address();
        }
    }

    @AfterEach
    void stop()
    {
        daemons.forEach(TestDaemon::close);
    }

    @Test
    void bidirectionalLink()
    {
        Cluster a = start("cluster-a");
        Cluster b = start("cluster-b");
        prepareAuthentication(a);
        prepareAuthentication(b);
        // The permission the guide's backup group cannot get is a 400 at the API, and leaves the group as it was
        assertThatThrownBy(() -> a.daemon().unixClient().put("/1.0/auth/groups/backup",
                Map.of("description", "", "permissions", List.of(Map.of("entity_type", "instance", "url", "/1.0/instances/my-instance?project=default", "entitlement", "can_manage_backups"))),
                null))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).startsWith("Could not resolve permission URLs: ");
                });
        assertThat(succeeds(a, "auth", "group", "show", "backup")).contains("permissions: []\n");

        // On A: a pending link for B, and the token for B
        String[] pending = lines(succeeds(a, "cluster", "link", "create", "cluster_b", "--auth-group", "clusters"));
        assertThat(pending).hasSize(3);
        assertThat(pending[0]).isEqualTo("Cluster link cluster_b created (pending)");
        Matcher header = PENDING_TOKEN_HEADER.matcher(pending[1]);
        assertThat(header.matches()).as(pending[1]).isTrue();
        assertThat(header.group(1)).isEqualTo("cluster_b");
        String pendingIdentity = header.group(2);
        String token = pending[2];
        assertClusterLinkToken(token, "cluster_b", a);
        assertThat(identities(a)).containsExactly("tls,Cluster link certificate (pending),cluster_b," + pendingIdentity + ",clusters");
        assertThat(links(a)).containsExactly(List.of("cluster_b", "", "", "PENDING", "BIDIRECTIONAL"));
        assertThat(statusOfCaller(b, a)).isEqualTo("untrusted");

        // On B: with A's token
        assertThat(succeeds(b, "cluster", "link", "create", "cluster_a", "--token", token, "--auth-group", "clusters")).isEqualTo("Cluster link cluster_a created\n");
        assertThat(succeeds(b, "auth", "identity", "show", "tls/cluster_a")).isEqualTo(linkIdentityYaml("cluster_a", a, "clusters"));
        assertThat(identities(b)).containsExactly("tls,Cluster link certificate,cluster_a," + a.daemon().serverFingerprint() + ",clusters");
        // A activated its pending identity with B's certificate
        assertThat(succeeds(a, "auth", "identity", "show", "tls/cluster_b")).isEqualTo(linkIdentityYaml("cluster_b", b, "clusters"));
        assertThat(identities(a)).containsExactly("tls,Cluster link certificate,cluster_b," + b.daemon().serverFingerprint() + ",clusters");
        assertThat(links(a)).containsExactly(List.of("cluster_b", b.address(), "", "ACTIVE", "BIDIRECTIONAL"));
        assertThat(links(b)).containsExactly(List.of("cluster_a", a.address(), "", "ACTIVE", "BIDIRECTIONAL"));
        assertLinkInfo(a, "cluster_b", "BIDIRECTIONAL", b, "cluster-b", "ACTIVE");
        assertLinkInfo(b, "cluster_a", "BIDIRECTIONAL", a, "cluster-a", "ACTIVE");

        // Each cluster's certificate is trusted by the other, with what the other's group allows (server admin here)
        assertThat(statusOfCaller(a, b)).isEqualTo("trusted");
        assertThat(statusOfCaller(b, a)).isEqualTo("trusted");
        callerOn(a, b).post("/1.0/auth/groups", Map.of("name", "made-by-a"));
        assertThat(succeeds(b, "auth", "group", "show", "made-by-a")).startsWith("name: made-by-a\n");
        // The refresh hook, run by the administrator, finds the addresses unchanged
        assertThat(succeeds(a, "query", "-X", "POST", REFRESH_ADDRESSES)).isEmpty();
        assertThat(succeeds(a, "cluster", "link", "get", "cluster_b", "volatile.addresses")).isEqualTo(b.address() + "\n");

        // Linking the same pair again is refused, whichever side issues the token and whatever the type, and creates nothing
        // (--quiet prints the token alone)
        String[] quiet = lines(succeeds(a, "cluster", "link", "create", "cluster_b_again", "--auth-group", "clusters", "--quiet"));
        assertThat(quiet).hasSize(1);
        String secondToken = quiet[0];
        assertClusterLinkToken(secondToken, "cluster_b_again", a);
        assertThat(fails(b, "cluster", "link", "create", "cluster_a_again", "--token", secondToken, "--auth-group", "clusters")).isEqualTo("Error: " + ALREADY_LINKED + "\n");
        assertConflict(b, new ClusterLinksPost("cluster_a_again", ClusterLink.TYPE_BIDIRECTIONAL, "", Map.of(), secondToken, List.of("clusters"), "", ""));
        String[] issued = lines(succeeds(b, "auth", "identity", "create", "cluster-link/cluster_a_again", "--auth-group", "clusters"));
        Matcher issuedHeader = PENDING_TOKEN_HEADER.matcher(issued[0]);
        assertThat(issuedHeader.matches()).as(issued[0]).isTrue();
        String unidirectionalToken = issued[1];
        assertThat(fails(a, "cluster", "link", "create", "cluster_b_one_way", "--token", unidirectionalToken, "--unidirectional")).isEqualTo("Error: " + ALREADY_LINKED + "\n");
        assertConflict(a, new ClusterLinksPost("cluster_b_one_way", ClusterLink.TYPE_UNIDIRECTIONAL, "", Map.of(), unidirectionalToken, null, "", ""));
        assertThat(links(a)).containsExactly(
                List.of("cluster_b", b.address(), "", "ACTIVE", "BIDIRECTIONAL"),
                List.of("cluster_b_again", "", "", "PENDING", "BIDIRECTIONAL"));
        assertThat(links(b)).containsExactly(List.of("cluster_a", a.address(), "", "ACTIVE", "BIDIRECTIONAL"));
        assertThat(identities(b)).containsExactlyInAnyOrder(
                "tls,Cluster link certificate,cluster_a," + a.daemon().serverFingerprint() + ",clusters",
                "tls,Cluster link certificate (pending),cluster_a_again," + issuedHeader.group(2) + ",clusters");
        // Deleting a pending link deletes its pending identity too
        assertThat(succeeds(a, "cluster", "link", "delete", "cluster_b_again")).isEqualTo("Cluster link cluster_b_again deleted\n");
        assertThat(identities(a)).containsExactly("tls,Cluster link certificate,cluster_b," + b.daemon().serverFingerprint() + ",clusters");
    }

    @Test
    void unidirectionalLink()
    {
        Cluster a = start("cluster-a");
        Cluster b = start("cluster-b");
        prepareAuthentication(a);
        prepareAuthentication(b);

        // On B (the target): a pending identity for A, and the token for A
        String[] issued = lines(succeeds(b, "auth", "identity", "create", "cluster-link/cluster_a", "--auth-group", "clusters"));
        assertThat(issued).hasSize(2);
        Matcher header = PENDING_TOKEN_HEADER.matcher(issued[0]);
        assertThat(header.matches()).as(issued[0]).isTrue();
        assertThat(header.group(1)).isEqualTo("cluster_a");
        String token = issued[1];
        assertClusterLinkToken(token, "cluster_a", b);
        assertThat(identities(b)).containsExactly("tls,Cluster link certificate (pending),cluster_a," + header.group(2) + ",clusters");
        assertThat(links(b)).isEmpty();

        // On A (the initiator): B chose the groups when it issued the token, so A takes none, and needs the token
        assertThat(fails(a, "cluster", "link", "create", "cluster_b", "--token", token, "--unidirectional", "--auth-group", "clusters"))
                .isEqualTo("Error: if any flags in the group [unidirectional auth-group] are set none of the others can be; [auth-group unidirectional] were all set\n");
        assertThat(fails(a, "cluster", "link", "create", "cluster_b", "--unidirectional")).isEqualTo("Error: --unidirectional requires --token\n");
        assertThat(links(a)).isEmpty();
        // The refused commands left the token unused
        assertThat(succeeds(a, "cluster", "link", "create", "cluster_b", "--token", token, "--unidirectional")).isEqualTo("Cluster link cluster_b created\n");

        assertThat(links(a)).containsExactly(List.of("cluster_b", b.address(), "", "ACTIVE", "UNIDIRECTIONAL"));
        assertThat(identities(a)).isEmpty();
        assertThat(links(b)).isEmpty();
        assertThat(succeeds(b, "auth", "identity", "show", "cluster-link/cluster_a")).isEqualTo(linkIdentityYaml("cluster_a", a, "clusters"));
        assertThat(succeeds(b, "auth", "identity", "show", "tls/cluster_a")).isEqualTo(linkIdentityYaml("cluster_a", a, "clusters"));
        assertLinkInfo(a, "cluster_b", "UNIDIRECTIONAL", b, "cluster-b", "ACTIVE");

        // A can call B; B's certificate means nothing to A
        assertThat(statusOfCaller(a, b)).isEqualTo("trusted");
        callerOn(a, b).post("/1.0/auth/groups", Map.of("name", "made-by-a"));
        assertThat(succeeds(b, "auth", "group", "show", "made-by-a")).startsWith("name: made-by-a\n");
        assertThat(statusOfCaller(b, a)).isEqualTo("untrusted");
        assertForbidden(() -> callerOn(b, a).get("/1.0/projects"));
        assertForbidden(() -> callerOn(b, a).post("/1.0/auth/groups", Map.of("name", "made-by-b")));

        // The target revokes the link by deleting A's identity; A keeps its link and sees B stop trusting it
        assertThat(succeeds(b, "auth", "identity", "delete", "tls/cluster_a")).isEmpty();
        assertThat(statusOfCaller(a, b)).isEqualTo("untrusted");
        assertLinkInfo(a, "cluster_b", "UNIDIRECTIONAL", b, "", "UNAUTHENTICATED");
        assertThat(succeeds(a, "cluster", "link", "delete", "cluster_b")).isEqualTo("Cluster link cluster_b deleted\n");
        assertThat(links(a)).isEmpty();
    }

    @Test
    void managingABidirectionalLink()
    {
        Cluster a = start("cluster-a");
        Cluster b = start("cluster-b");
        prepareAuthentication(a);
        prepareAuthentication(b);
        linkBidirectional(a, "cluster_b", b, "cluster_a");
        // A group permission on the link follows it through the rename
        assertThat(succeeds(a, "auth", "group", "permission", "add", "link", "cluster_link", "cluster_b", "can_view")).isEmpty();

        assertThat(succeeds(a, "cluster", "link", "show", "cluster_b")).isEqualTo("""
                name: cluster_b
                description: ""
                type: bidirectional
                config:
                  volatile.addresses: %s
                used_by: []
                """.formatted(b.address()));
        assertThat(succeeds(a, "cluster", "link", "set", "cluster_b", "user.x=1")).isEmpty();
        assertThat(succeeds(a, "cluster", "link", "get", "cluster_b", "user.x")).isEqualTo("1\n");
        assertThat(succeeds(a, "cluster", "link", "unset", "cluster_b", "user.x")).isEmpty();
        assertThat(succeeds(a, "cluster", "link", "get", "cluster_b", "user.x")).isEqualTo("\n");
        assertThat(fails(a, "cluster", "link", "set", "cluster_b", "volatile.addresses=192.0.2.1:8443")).isEqualTo("Error: Volatile configuration keys cannot be modified\n");
        assertThat(succeeds(a, "cluster", "link", "get", "cluster_b", "volatile.addresses")).isEqualTo(b.address() + "\n");

        assertThat(succeeds(a, "cluster", "link", "rename", "cluster_b", "backup")).isEqualTo("Cluster link cluster_b renamed to backup\n");
        assertThat(identities(a)).containsExactly("tls,Cluster link certificate,backup," + b.daemon().serverFingerprint() + ",clusters");
        assertThat(succeeds(a, "auth", "group", "show", "link")).contains("url: /1.0/cluster/links/backup\n").doesNotContain("cluster_b");
        assertThat(fails(a, "cluster", "link", "show", "cluster_b")).isEqualTo("Error: Failed loading cluster link: Failed loading cluster link: Cluster link not found\n");
        // Same certificate, same trust
        assertThat(statusOfCaller(b, a)).isEqualTo("trusted");
        assertLinkInfo(b, "cluster_a", "BIDIRECTIONAL", a, "cluster-a", "ACTIVE");

        assertThat(succeedsWithInput(a, """
                description: Backup site
                config:
                  user.owner: ops
                  volatile.addresses: %s
                """.formatted(b.address()), "cluster", "link", "edit", "backup")).isEmpty();
        assertThat(succeeds(a, "cluster", "link", "show", "backup")).isEqualTo("""
                name: backup
                description: Backup site
                type: bidirectional
                config:
                  user.owner: ops
                  volatile.addresses: %s
                used_by: []
                """.formatted(b.address()));
        assertThat(links(a)).containsExactly(List.of("backup", b.address(), "Backup site", "ACTIVE", "BIDIRECTIONAL"));
        // An edit that drops the server's keys is refused and changes nothing
        assertThat(failsWithInput(a, "description: Changed\nconfig:\n  user.owner: someone\n", "cluster", "link", "edit", "backup"))
                .isEqualTo("Error: Volatile configuration keys cannot be modified\n");
        assertThat(succeeds(a, "cluster", "link", "get", "backup", "description", "--property")).isEqualTo("Backup site\n");

        // Delete tells B nothing: A stops trusting B at once, B keeps its side and sees A stop trusting it
        assertThat(succeeds(a, "cluster", "link", "delete", "backup")).isEqualTo("Cluster link backup deleted\n");
        assertThat(links(a)).isEmpty();
        assertThat(identities(a)).isEmpty();
        assertThat(succeeds(a, "auth", "group", "show", "link")).doesNotContain("/1.0/cluster/links/");
        assertThat(statusOfCaller(b, a)).isEqualTo("untrusted");
        assertThat(links(b)).containsExactly(List.of("cluster_a", a.address(), "", "ACTIVE", "BIDIRECTIONAL"));
        assertLinkInfo(b, "cluster_a", "BIDIRECTIONAL", a, "", "UNAUTHENTICATED");
        assertThat(statusOfCaller(a, b)).isEqualTo("trusted");

        assertThat(succeeds(b, "cluster", "link", "delete", "cluster_a")).isEqualTo("Cluster link cluster_a deleted\n");
        assertThat(links(b)).isEmpty();
        assertThat(fails(b, "auth", "identity", "show", "tls/cluster_a")).isEqualTo("Error: Not Found\n");
        assertThat(identities(b)).isEmpty();
        assertThat(statusOfCaller(a, b)).isEqualTo("untrusted");
    }

    @Test
    void linkIdentityCanDoWhatItsGroupsAllowAndNothingMore()
    {
        Cluster a = start("cluster-a");
        Cluster b = start("cluster-b");
        prepareAuthentication(a);
        prepareAuthentication(b);
        // B gives A's identity only a view of the default project
        assertThat(succeeds(b, "auth", "group", "create", "viewers")).isEqualTo("Group viewers created\n");
        assertThat(succeeds(b, "auth", "group", "permission", "add", "viewers", "project", "default", "can_view")).isEmpty();
        assertThat(succeeds(b, "project", "create", "other")).isNotNull();

        String token = lastLine(succeeds(a, "cluster", "link", "create", "cluster_b", "--auth-group", "clusters"));
        assertThat(succeeds(b, "cluster", "link", "create", "cluster_a", "--token", token, "--auth-group", "viewers")).isEqualTo("Cluster link cluster_a created\n");
        assertThat(succeeds(b, "auth", "identity", "show", "tls/cluster_a")).isEqualTo(linkIdentityYaml("cluster_a", a, "viewers"));

        JxdClient aOnB = callerOn(a, b);
        assertThat(aOnB.get("/1.0").metadata().get("auth").asString()).isEqualTo("trusted");
        assertThat(aOnB.get("/1.0/projects/default").metadata().get("name").asString()).isEqualTo("default");
        assertThat(aOnB.get("/1.0/projects").metadata().toString()).contains("/1.0/projects/default").doesNotContain("/1.0/projects/other");
        // B's links are not A's to see
        assertThat(aOnB.get("/1.0/cluster/links").metadata().size()).isZero();
        assertForbidden(() -> aOnB.post("/1.0/auth/groups", Map.of("name", "made-by-a")));
        assertForbidden(() -> aOnB.patch("/1.0/projects/default", Map.of("config", Map.of("user.x", "y")), null));
        assertThat(succeeds(b, "auth", "group", "list", "--format", "csv")).doesNotContain("made-by-a");
        // Narrow rights do not make the link less healthy: the member trusts A
        assertLinkInfo(a, "cluster_b", "BIDIRECTIONAL", b, "cluster-b", "ACTIVE");

        // The other way round, A gave B's identity server admin
        callerOn(b, a).post("/1.0/auth/groups", Map.of("name", "made-by-b"));
        assertThat(succeeds(a, "auth", "group", "show", "made-by-b")).startsWith("name: made-by-b\n");
    }

    @Test
    void internalRefreshHookIsRefusedToRemoteCallers()
    {
        Cluster a = start("cluster-a");
        Cluster b = start("cluster-b");
        prepareAuthentication(a);
        prepareAuthentication(b);
        linkBidirectional(a, "cluster_b", b, "cluster_a");
        // A's identity holds server admin on B, yet /internal is for the local administrator and cluster members only
        assertThat(callerOn(a, b).rawRequest("POST", REFRESH_ADDRESSES, "{}".getBytes(StandardCharsets.UTF_8), "application/json", Map.of()).status()).isEqualTo(403);
        assertThat(succeeds(b, "query", "-X", "POST", REFRESH_ADDRESSES)).isEmpty();
    }

    /** The guide's first section, on one cluster. */
    private void prepareAuthentication(Cluster cluster)
    {
        assertThat(succeeds(cluster, "auth", "group", "create", "link")).isEqualTo("Group link created\n");
        assertThat(succeeds(cluster, "auth", "group", "permission", "add", "link", "server", "admin")).isEmpty();
        assertThat(succeeds(cluster, "auth", "group", "create", "clusters")).isEqualTo("Group clusters created\n");
        assertThat(succeeds(cluster, "auth", "group", "permission", "add", "clusters", "server", "admin")).isEmpty();
        assertThat(succeeds(cluster, "auth", "group", "create", "backup")).isEqualTo("Group backup created\n");
        // The guide's example names an instance; there is none, so the permission cannot be granted yet
        assertThat(fails(cluster, "auth", "group", "permission", "add", "backup", "instance", "my-instance", "can_manage_backups"))
                .isEqualTo("Error: Could not resolve permission URLs: Failed to find entity ID for URL \"/1.0/instances/my-instance?project=default\"\n");
        assertThat(succeeds(cluster, "auth", "group", "show", "backup")).isEqualTo("""
                name: backup
                description: ""
                permissions: []
                identities: {}
                identity_provider_groups: []
                """);
    }

    /** Both steps of a bidirectional link, each side's identity for the other in its group {@code clusters}. */
    private void linkBidirectional(Cluster a, String nameOnA, Cluster b, String nameOnB)
    {
        String token = lastLine(succeeds(a, "cluster", "link", "create", nameOnA, "--auth-group", "clusters"));
        assertThat(succeeds(b, "cluster", "link", "create", nameOnB, "--token", token, "--auth-group", "clusters")).isEqualTo("Cluster link " + nameOnB + " created\n");
        assertThat(statusOfCaller(a, b)).isEqualTo("trusted");
        assertThat(statusOfCaller(b, a)).isEqualTo("trusted");
    }

    private Cluster start(String serverName)
    {
        TestDaemon daemon = TestDaemon.start(serverName);
        daemons.add(daemon);
        return new Cluster(daemon, home.resolve(serverName));
    }

    private static void assertClusterLinkToken(String encoded, String clientName, Cluster issuer)
    {
        CertificateAddToken token = TrustTokens.decode(encoded);
        assertThat(token.clientName()).isEqualTo(clientName);
        assertThat(token.type()).isEqualTo(CertificateAddToken.TYPE_CLUSTER_LINK);
        assertThat(token.fingerprint()).isEqualTo(issuer.daemon().serverFingerprint());
        assertThat(token.addresses()).containsExactly(issuer.address());
        assertThat(token.secret()).isNotEmpty();
    }

    private static void assertConflict(Cluster cluster, ClusterLinksPost request)
    {
        assertThatThrownBy(() -> cluster.daemon().unixClient().post("/1.0/cluster/links", request))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(409);
                    assertThat(exception.getMessage()).isEqualTo(ALREADY_LINKED);
                });
    }

    private static void assertForbidden(Runnable call)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.statusCode()).isEqualTo(403);
            assertThat(exception.getMessage()).isEqualTo("Forbidden");
        });
    }

    /** {@code jxc cluster link info}: the link, then one member (the remote server) with its state and health. */
    private void assertLinkInfo(Cluster cluster, String link, String type, Cluster remote, String remoteServerName, String state)
    {
        String output = succeeds(cluster, "cluster", "link", "info", link);
        assertThat(output).startsWith("Name: " + link + "\nType: " + type + "\nCluster link members:\n");
        List<List<String>> table = table(output);
        assertThat(table.getFirst()).isEqualTo(INFO_HEADER);
        assertThat(table).hasSize(2);
        List<String> member = table.get(1);
        assertThat(member.subList(0, 3)).as(output).containsExactly(remote.address(), remoteServerName, state);
        // The member answered (whether it trusts us or not), so the last contact and its round trip are known
        assertThat(member.get(3)).as(output).matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} .+");
        assertThat(member.get(4)).as(output).matches("\\d+\\.\\d ms");
        X509Certificate certificate = Certificates.parsePem(remote.daemon().serverCertificatePem());
        assertThat(member.get(5)).as(output).isEqualTo(INFO_TIME.format(certificate.getNotAfter().toInstant().atZone(ZoneId.systemDefault())));
    }

    /** {@code jxc auth identity show} of a link identity holding {@code owner}'s network certificate. */
    private static String linkIdentityYaml(String name, Cluster owner, String group)
    {
        String pem = owner.daemon().serverCertificatePem();
        X509Certificate certificate = Certificates.parsePem(pem);
        StringBuilder yaml = new StringBuilder()
                .append("authentication_method: tls\n")
                .append("type: Cluster link certificate\n")
                .append("id: ").append(owner.daemon().serverFingerprint()).append('\n')
                .append("name: ").append(name).append('\n')
                .append("groups:\n- ").append(group).append('\n')
                .append("tls_certificate: |\n");
        pem.strip().lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        return yaml.append("expires_at: ").append(certificate.getNotAfter().toInstant()).append('\n').toString();
    }

    /** The CSV rows of {@code jxc auth identity list}. */
    private List<String> identities(Cluster cluster)
    {
        return Arrays.asList(lines(succeeds(cluster, "auth", "identity", "list", "--format", "csv")));
    }

    /** The rows of the table {@code jxc cluster link list} prints, after checking its columns. */
    private List<List<String>> links(Cluster cluster)
    {
        List<List<String>> table = table(succeeds(cluster, "cluster", "link", "list"));
        assertThat(table.getFirst()).isEqualTo(LIST_HEADER);
        return table.subList(1, table.size());
    }

    /** The cells of a table drawn as jxc (and lxc) draw them, the header first; one line per row. */
    private static List<List<String>> table(String output)
    {
        List<List<String>> rows = new ArrayList<>();
        output.lines()
                .filter(line -> line.startsWith("|"))
                .forEach(line -> {
                    String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                    rows.add(Arrays.stream(cells).map(String::strip).toList());
                });
        assertThat(rows).as(output).isNotEmpty();
        return rows;
    }

    /** What {@code GET /1.0} says about {@code caller}'s network certificate when it calls {@code callee}. */
    private static String statusOfCaller(Cluster caller, Cluster callee)
    {
        return callerOn(caller, callee).get("/1.0").metadata().get("auth").asString();
    }

    /** A client calling {@code callee} over HTTPS as {@code caller} does: its network certificate, the callee's pinned. */
    private static JxdClient callerOn(Cluster caller, Cluster callee)
    {
        return callee.daemon().httpsClient(caller.daemon().networkCertificate());
    }

    private String succeeds(Cluster cluster, String... arguments)
    {
        return succeedsWithInput(cluster, "", arguments);
    }

    private String succeedsWithInput(Cluster cluster, String standardInput, String... arguments)
    {
        Run run = jxc(cluster, standardInput, arguments);
        assertThat(run.exitCode()).as("jxc %s: %s", String.join(" ", arguments), run).isZero();
        assertThat(run.err()).as("jxc %s: %s", String.join(" ", arguments), run).isEmpty();
        return run.out();
    }

    private String fails(Cluster cluster, String... arguments)
    {
        return failsWithInput(cluster, "", arguments);
    }

    private String failsWithInput(Cluster cluster, String standardInput, String... arguments)
    {
        Run run = jxc(cluster, standardInput, arguments);
        assertThat(run.exitCode()).as("jxc %s: %s", String.join(" ", arguments), run).isEqualTo(1);
        assertThat(run.out()).as("jxc %s: %s", String.join(" ", arguments), run).isEmpty();
        return run.err();
    }

    /** jxc as the administrator of {@code cluster}, on its unix socket; standard input is never a terminal here. */
    private Run jxc(Cluster cluster, String standardInput, String... arguments)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = Map.of(
                "JXD_DIR", cluster.daemon().stateDirectory().toString(),
                "JXC_CONF", cluster.configuration().toString(),
                "HOME", home.toString());
        int exitCode = Main.run(arguments, new ByteArrayInputStream(standardInput.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] lines(String output)
    {
        String text = output.strip();
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    private static String lastLine(String output)
    {
        String[] lines = lines(output);
        return lines[lines.length - 1];
    }
}
