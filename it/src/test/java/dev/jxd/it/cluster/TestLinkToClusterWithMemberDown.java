package dev.jxd.it.cluster;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jxd.it.cluster.ProcessCluster.CONVERGENCE;
import static dev.jxd.it.cluster.ProcessCluster.Placement.loopback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A standalone server A links to a three-member cluster B while one of B's members is stopped: the link is created,
 * A knows all three of B's addresses and reports the stopped member Unreachable and the others Active, and each side
 * can call the other with what its group allows. Through any member of B, {@code ?target=} asks another member for the
 * link's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestLinkToClusterWithMemberDown
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String LINK_ON_A = "cluster_b";
    private static final String LINK_ON_B = "cluster_a";
    // Each side gives the other's link identity a view of its default project and nothing else
    private static final String GROUP = "linked-clusters";

    private ProcessCluster clusterB;
    private DaemonProcess serverA;
    private DaemonProcess stopped;
    private List<DaemonProcess> running;

    @BeforeAll
    void start()
    {
        clusterB = ProcessCluster.form(getClass(), List.of(loopback("b1"), loopback("b2"), loopback("b3")));
        serverA = clusterB.startStandalone(loopback("cluster-a"));
        createViewerGroup(serverA);
        createViewerGroup(clusterB.member("b1"));
        // A follower, so that B keeps its leader and takes the link's writes at once
        DaemonProcess leader = clusterB.awaitLeader(clusterB.members());
        stopped = clusterB.membersExcept(leader).getLast();
        running = clusterB.membersExcept(stopped);
        stopped.stop();
    }

    @AfterAll
    void stop()
    {
        if (clusterB != null) {
            clusterB.close();
        }
    }

    @Test
    @Order(1)
    void theLinkIsCreatedAndKnowsEveryMemberOfB()
    {
        // Step 1 on A: a pending link and its token, which names A's address
        CertificateAddToken token = serverA.admin().post(LINKS, Map.of("name", LINK_ON_A, "type", "bidirectional", "auth_groups", List.of(GROUP)))
                .metadataAs(CertificateAddToken.class);
        assertThat(token.addresses()).containsExactly(serverA.httpsAddress());
        // Step 2 on a running member of B, which tells A all of B's member addresses, the stopped member's too
        DaemonProcess memberOfB = running.getFirst();
        assertThat(memberOfB.admin().post(LINKS, Map.of("name", LINK_ON_B, "type", "bidirectional", "trust_token", TrustTokens.encode(token), "auth_groups", List.of(GROUP)))
                .status()).isEqualTo(201);

        List<String> addressesOfB = clusterB.members().stream().map(DaemonProcess::httpsAddress).toList();
        // A's address refresh after the activation asks B for its members again; the result is the same three
        await().atMost(CONVERGENCE).untilAsserted(() ->
                assertThat(addresses(serverA.admin().get(LINKS + "/" + LINK_ON_A).metadata())).containsExactlyInAnyOrderElementsOf(addressesOfB));
        for (DaemonProcess member : running) {
            await().atMost(CONVERGENCE).untilAsserted(() ->
                    assertThat(addresses(member.admin().get(LINKS + "/" + LINK_ON_B).metadata())).containsExactly(serverA.httpsAddress()));
        }
    }

    @Test
    @Order(2)
    void stateOnAListsTheStoppedMemberUnreachableAndTheOthersActive()
    {
        Map<String, String> expected = new LinkedHashMap<>();
        for (DaemonProcess member : clusterB.members()) {
            expected.put(member.httpsAddress(), member == stopped ? "Unreachable" : "Active");
        }
        JsonNode members = serverA.admin().get(LINKS + "/" + LINK_ON_A + "/state").metadata().path("cluster_link_members");
        assertThat(statuses(members)).containsExactlyInAnyOrderEntriesOf(expected);
        for (JsonNode member : members) {
            String address = member.path("address").asString();
            if (address.equals(stopped.httpsAddress())) {
                assertThat(member.path("error").asString()).as(member.toString()).isNotEmpty();
            }
            else {
                // The probe reached the member at that address, which reports its own name
                String name = clusterB.members().stream().filter(candidate -> candidate.httpsAddress().equals(address)).findFirst().orElseThrow().name();
                assertThat(member.path("server_name").asString()).as(member.toString()).isEqualTo(name);
            }
        }
    }

    @Test
    @Order(3)
    void eachSideCallsTheOtherWithWhatItsGroupAllows()
    {
        // B calls A with the cluster certificate every member of B presents
        try (JxdClient bOnA = JxdClient.https("https://" + serverA.httpsAddress(), readFile(serverA.stateDirectory().resolve("server.crt")), clusterCertificate(running.getFirst()))) {
            assertThat(bOnA.get("/1.0").metadata().path("auth").asString()).isEqualTo("trusted");
            assertThat(bOnA.get("/1.0/projects/default").metadata().path("name").asString()).isEqualTo("default");
            assertForbidden(() -> bOnA.post("/1.0/auth/groups", Map.of("name", "made-by-b")));
        }
        // A calls each running member of B with its own certificate
        CertificateAndKey certificateOfA = Certificates.fromPem(readFile(serverA.stateDirectory().resolve("server.crt")), readFile(serverA.stateDirectory().resolve("server.key")));
        for (DaemonProcess member : running) {
            try (JxdClient aOnB = JxdClient.https("https://" + member.httpsAddress(), clusterCertificate(member).certificatePem(), certificateOfA)) {
                assertThat(aOnB.get("/1.0").metadata().path("auth").asString()).as(member.name()).isEqualTo("trusted");
                assertThat(aOnB.get("/1.0/projects/default").metadata().path("name").asString()).isEqualTo("default");
                assertForbidden(() -> aOnB.post("/1.0/auth/groups", Map.of("name", "made-by-a")));
            }
        }
    }

    @Test
    @Order(4)
    void aMemberOfBAsksAnotherForTheStateOfTheLink()
    {
        DaemonProcess asking = running.getFirst();
        DaemonProcess target = running.getLast();
        JsonNode answered = asking.admin().get(LINKS + "/" + LINK_ON_B + "/state?target=" + target.name()).metadata().path("cluster_link_members");
        assertThat(statuses(answered)).containsExactly(Map.entry(serverA.httpsAddress(), "Active"));
        assertThat(answered.get(0).path("server_name").asString()).isEqualTo(serverA.name());
        // The stopped member cannot answer for itself
        assertThatThrownBy(() -> asking.admin().get(LINKS + "/" + LINK_ON_B + "/state?target=" + stopped.name()))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(503));
    }

    @Test
    @Order(5)
    void theRestartedMemberIsActiveAgain()
    {
        stopped.restart();
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode members = serverA.admin().get(LINKS + "/" + LINK_ON_A + "/state").metadata().path("cluster_link_members");
            assertThat(statuses(members).values()).hasSize(3).containsOnly("Active");
        });
        // It has the link B made while it was stopped, and answers for it
        JsonNode answered = running.getFirst().admin().get(LINKS + "/" + LINK_ON_B + "/state?target=" + stopped.name()).metadata().path("cluster_link_members");
        assertThat(statuses(answered)).containsExactly(Map.entry(serverA.httpsAddress(), "Active"));
    }

    private static void createViewerGroup(DaemonProcess server)
    {
        server.admin().post("/1.0/auth/groups", Map.of("name", GROUP, "description", "",
                "permissions", List.of(Map.of("entity_type", "project", "url", "/1.0/projects/default", "entitlement", "can_view"))));
    }

    private static List<String> addresses(JsonNode link)
    {
        return Arrays.asList(link.path("config").path("volatile.addresses").asString("").split(","));
    }

    /** Address to status, of the members a {@code /state} answer lists. */
    private static Map<String, String> statuses(JsonNode members)
    {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode member : members) {
            statuses.put(member.path("address").asString(), member.path("status").asString());
        }
        return statuses;
    }

    private static CertificateAndKey clusterCertificate(DaemonProcess member)
    {
        Path directory = member.stateDirectory();
        return Certificates.fromPem(readFile(directory.resolve("cluster.crt")), readFile(directory.resolve("cluster.key")));
    }

    private static String readFile(Path file)
    {
        try {
            return Files.readString(file);
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static void assertForbidden(Runnable call)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
    }
}
