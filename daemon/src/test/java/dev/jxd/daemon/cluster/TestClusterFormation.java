package dev.jxd.daemon.cluster;

import dev.jxd.api.auth.AuthGroupsPost;
import dev.jxd.api.auth.IdentitiesTlsPost;
import dev.jxd.api.cluster.ClusterJoinTokens;
import dev.jxd.api.cluster.ClusterMember;
import dev.jxd.api.cluster.ClusterMemberJoinToken;
import dev.jxd.api.cluster.ClusterMemberPost;
import dev.jxd.api.event.Event;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.EventSubscription;
import dev.jxd.daemon.db.Schema;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.jxd.daemon.cluster.ClusterFixtures.enable;
import static dev.jxd.daemon.cluster.ClusterFixtures.joinToken;
import static dev.jxd.daemon.cluster.ClusterFixtures.members;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Forms a real three-member cluster on loopback (real TLS, real Ratis, real SQLite files) and checks
 * what an operator sees: members, replication from any member, forwarding, tokens, restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClusterFormation
{
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private TestDaemon first;
    private TestDaemon second;
    private TestDaemon third;
    private final List<TestDaemon> extra = new ArrayList<>();

    @BeforeAll
    void formCluster()
    {
        first = TestDaemon.start("host-one");
        // State from before clustering is the cluster's initial state, which joiners must receive too
        first.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("before-clustering", "", List.of()));
        enable(first, "m1");
        second = TestDaemon.join(joinToken(first, "m2"));
        third = TestDaemon.join(joinToken(second, "m3"));
    }

    @AfterAll
    void stopCluster()
    {
        extra.forEach(TestDaemon::close);
        for (TestDaemon daemon : Arrays.asList(third, second, first)) {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyMemberSeesThreeOnlineVotersWithOneLeader()
    {
        for (TestDaemon member : List.of(first, second, third)) {
            await().atMost(CONVERGENCE).untilAsserted(() -> {
                List<ClusterMember> members = members(member);
                assertThat(members).extracting(ClusterMember::serverName).containsExactly("m1", "m2", "m3");
                assertThat(members).allSatisfy(candidate -> {
                    assertThat(candidate.status()).isEqualTo(ClusterMember.STATUS_ONLINE);
                    assertThat(candidate.roles()).contains(ClusterMember.ROLE_DATABASE);
                    assertThat(candidate.database()).isTrue();
                });
                assertThat(members).filteredOn(candidate -> candidate.roles().contains(ClusterMember.ROLE_DATABASE_LEADER)).hasSize(1);
            });
        }
        assertThat(members(first)).extracting(ClusterMember::url)
                .containsExactly("https://" + first.address(), "https://" + second.address(), "https://" + third.address());
    }

    @Test
    @Order(2)
    void membersReportTheirOwnNameAndServeTheClusterCertificate()
    {
        List<String> fingerprints = new ArrayList<>();
        for (TestDaemon member : List.of(first, second, third)) {
            JsonNode environment = member.unixClient().get("/1.0").metadata().path("environment");
            assertThat(environment.path("server_clustered").asBoolean()).isTrue();
            fingerprints.add(environment.path("certificate_fingerprint").asString());
            // Reachable over HTTPS with the cluster certificate pinned
            assertThat(member.httpsClient(null).get("/1.0").metadata().path("auth").asString()).isEqualTo("untrusted");
        }
        assertThat(first.unixClient().get("/1.0").metadata().path("environment").path("server_name").asString()).isEqualTo("m1");
        assertThat(third.unixClient().get("/1.0").metadata().path("environment").path("server_name").asString()).isEqualTo("m3");
        assertThat(fingerprints).containsOnly(first.serverFingerprint());
        assertThat(first.unixClient().get("/1.0/cluster").metadata().path("enabled").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void writesThroughAnyMemberReachEveryMember()
    {
        second.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("from-second", "written on m2", List.of()));
        third.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("from-third", "", List.of()));
        first.unixClient().delete("/1.0/auth/groups/from-third");
        for (TestDaemon member : List.of(first, second, third)) {
            await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(groupNames(member)).contains("before-clustering", "from-second").doesNotContain("from-third"));
        }
        // A name taken on one member is taken everywhere
        assertThatThrownBy(() -> first.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("from-second", "", List.of())))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(409));
    }

    @Test
    @Order(4)
    void trustTokensListEveryMemberAddress()
    {
        ApiResponse response = third.unixClient().post("/1.0/auth/identities/tls", new IdentitiesTlsPost("browser", null, true, null, List.of()));
        CertificateAddToken token = response.metadataAs(CertificateAddToken.class);
        assertThat(token.addresses()).containsExactlyInAnyOrder(first.address(), second.address(), third.address());
        assertThat(token.addresses().getFirst()).isEqualTo(third.address());
        assertThat(token.fingerprint()).isEqualTo(first.serverFingerprint());
    }

    @Test
    @Order(5)
    void targetForwardsTheRequestToTheNamedMember()
    {
        JsonNode answered = first.unixClient().get("/1.0?target=m2").metadata();
        assertThat(answered.path("environment").path("server_name").asString()).isEqualTo("m2");
        assertThatThrownBy(() -> first.unixClient().get("/1.0?target=nowhere"))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(404));
    }

    @Test
    @Order(6)
    void aJoinTokenWorksOnceAndARefusedJoinWritesNothing()
    {
        String token = joinToken(first, "m4");
        TestDaemon fourth = TestDaemon.join(token);
        extra.add(fourth);
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(first)).extracting(ClusterMember::serverName).contains("m4"));

        Path reuseDirectory = TestDaemon.newStateDirectoryPath();
        assertThatThrownBy(() -> TestDaemon.join(token)).hasMessageContaining("Invalid, expired or already used cluster join token");
        assertThat(reuseDirectory).doesNotExist();

        ClusterMemberJoinToken genuine = ClusterJoinTokens.decode(joinToken(first, "m5"));
        String forged = ClusterJoinTokens.encode(new ClusterMemberJoinToken(genuine.serverName(), "0".repeat(64), genuine.fingerprint(), genuine.addresses(), genuine.expiresAt()));
        assertThatThrownBy(() -> TestDaemon.join(forged)).hasMessageContaining("Invalid, expired or already used cluster join token");
        assertThat(members(first)).extracting(ClusterMember::serverName).doesNotContain("m5");
    }

    @Test
    @Order(7)
    void anExpiredJoinTokenIsRefused()
    {
        String token = joinToken(first, "m6");
        ClusterMemberJoinToken decoded = ClusterJoinTokens.decode(token);
        // Present it to the member whose clock has moved past the expiry
        first.clock().advance(Duration.ofHours(4));
        try {
            String onlyFirst = ClusterJoinTokens.encode(new ClusterMemberJoinToken(decoded.serverName(), decoded.secret(), decoded.fingerprint(),
                    List.of(first.address()), decoded.expiresAt()));
            assertThatThrownBy(() -> TestDaemon.join(onlyFirst)).hasMessageContaining("Invalid, expired or already used cluster join token");
        }
        finally {
            first.clock().advance(Duration.ofHours(-4));
        }
    }

    @Test
    @Order(8)
    void aJoinToAnUnreachableClusterSaysSo()
    {
        ClusterMemberJoinToken genuine = ClusterJoinTokens.decode(joinToken(first, "m7"));
        String unreachable = ClusterJoinTokens.encode(new ClusterMemberJoinToken(genuine.serverName(), genuine.secret(), genuine.fingerprint(),
                List.of("127.0.0.1:" + TestDaemon.freePort()), genuine.expiresAt()));
        assertThatThrownBy(() -> TestDaemon.join(unreachable)).hasMessageContaining("no member could be reached");
    }

    @Test
    @Order(9)
    void membersCanBeRenamedAndDescribed()
    {
        first.unixClient().post("/1.0/cluster/members/m4", new ClusterMemberPost("m4-renamed"));
        String etag = first.unixClient().getEtag("/1.0/cluster/members/m4-renamed");
        first.unixClient().patch("/1.0/cluster/members/m4-renamed", Map.of("description", "the fourth"), etag);
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode member = second.unixClient().get("/1.0/cluster/members/m4-renamed").metadata();
            assertThat(member.path("description").asString()).isEqualTo("the fourth");
        });
        assertThatThrownBy(() -> first.unixClient().patch("/1.0/cluster/members/m4-renamed", Map.of("description", "stale"), etag))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(412));
    }

    @Test
    @Order(10)
    void aRestartedMemberCatchesUp()
    {
        third.stop();
        first.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("while-third-was-down", "", List.of()));
        third = third.restart();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(groupNames(third)).contains("while-third-was-down", "from-second"));
        assertThat(third.unixClient().get("/1.0").metadata().path("environment").path("server_name").asString()).isEqualTo("m3");
    }

    @Test
    @Order(11)
    void removingAMemberTakesItOutOfTheCluster()
    {
        TestDaemon fourth = extra.getFirst();
        assertThat(serverName(fourth)).isEqualTo("m4-renamed");
        first.unixClient().delete("/1.0/cluster/members/m4-renamed");
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(second)).extracting(ClusterMember::serverName).containsExactly("m1", "m2", "m3"));
        assertThatThrownBy(() -> first.unixClient().delete("/1.0/cluster/members/m4-renamed"))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(404));

        // The leader told the removed member, which stopped and forgot the cluster: its key, its state, and the
        // certificate the cluster gave it
        await().atMost(CONVERGENCE).until(() -> fourth.daemon().leftCluster().isDone());
        assertThat(fourth.daemon().leftCluster().join()).isEqualTo(fourth.address());
        for (String file : List.of("cluster.crt", "cluster.key", "cluster.yaml", "server.crt", "database")) {
            assertThat(fourth.stateDirectory().resolve(file)).doesNotExist();
        }
        // Started again, it is a new standalone server on the same address that holds none of the cluster's state
        TestDaemon standalone = fourth.restart();
        extra.set(0, standalone);
        assertThat(standalone.unixClient().get("/1.0/cluster").metadata().path("enabled").asBoolean()).isFalse();
        assertThat(groupNames(standalone)).doesNotContain("while-third-was-down", "from-second");
        assertThat(standalone.serverFingerprint()).isNotEqualTo(first.serverFingerprint());
        assertThat(standalone.httpsClient(null).get("/1.0").metadata().path("auth").asString()).isEqualTo("untrusted");
        assertThat(groupNames(second)).contains("while-third-was-down");
    }

    @Test
    @Order(12)
    void onlyAnotherMemberMayTellAMemberItWasRemovedAndOnlyWithItsRaftId()
    {
        assertThatThrownBy(() -> second.unixClient().post("/internal/cluster/leave", new LeaveNotice("raft-m2")))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(403);
                    assertThat(exception.getMessage()).isEqualTo("Only a member of this cluster can tell this member it was removed");
                });
        assertThatThrownBy(() -> second.httpsClient(first.clusterCertificate()).post("/internal/cluster/leave", new LeaveNotice("someone-else")))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).startsWith("The removed member is someone-else, not this member");
                });
        assertThatThrownBy(() -> second.httpsClient(TestDaemon.newClientCertificate("stranger")).post("/internal/cluster/leave", new LeaveNotice("someone-else")))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
        assertThat(second.daemon().leftCluster()).isNotDone();
        assertThat(members(second)).extracting(ClusterMember::serverName).contains("m2");
    }

    @Test
    @Order(13)
    void aRemovalThatWouldLoseQuorumIsRefused()
    {
        third.stop();
        try {
            await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(first))
                    .filteredOn(member -> member.serverName().equals("m3"))
                    .extracting(ClusterMember::status)
                    .containsExactly(ClusterMember.STATUS_OFFLINE));
            // Liveness comes from the leader's heartbeats: a follower answers with the leader's view, and passes
            // on the ETag of a single member
            for (TestDaemon member : List.of(first, second)) {
                assertThat(members(member)).filteredOn(each -> each.serverName().equals("m3"))
                        .extracting(ClusterMember::status)
                        .containsExactly(ClusterMember.STATUS_OFFLINE);
                ApiResponse single = member.unixClient().get("/1.0/cluster/members/m3");
                assertThat(single.metadataAs(ClusterMember.class).status()).isEqualTo(ClusterMember.STATUS_OFFLINE);
                assertThat(single.etag()).isEqualTo(first.unixClient().get("/1.0/cluster/members/m3").etag()).isNotEmpty();
            }
            // Sent to a follower or the leader alike: membership changes run on the leader
            for (TestDaemon member : List.of(first, second)) {
                assertThatThrownBy(() -> member.unixClient().delete("/1.0/cluster/members/m2"))
                        .isInstanceOfSatisfying(ApiException.class, exception -> {
                            assertThat(exception.statusCode()).isEqualTo(400);
                            assertThat(exception.getMessage()).contains("would lose database quorum").contains("m2").contains("--force");
                        });
            }
            assertThat(members(first)).extracting(ClusterMember::serverName).containsExactly("m1", "m2", "m3");
        }
        finally {
            third = third.restart();
        }
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(first)).allSatisfy(member -> assertThat(member.status()).isEqualTo(ClusterMember.STATUS_ONLINE)));
    }

    @Test
    @Order(14)
    void eventsFromEveryMemberReachSubscribersOfAnyMember()
            throws Exception
    {
        BlockingQueue<Event> received = new LinkedBlockingQueue<>();
        try (EventSubscription subscription = first.unixClient().events("lifecycle", received::add)) {
            second.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("announced-by-second", "", List.of()));
            Event event = null;
            long deadline = System.nanoTime() + CONVERGENCE.toNanos();
            while (System.nanoTime() < deadline) {
                Event candidate = received.poll(1, TimeUnit.SECONDS);
                if (candidate != null && candidate.metadata().path("source").asString().equals("/1.0/auth/groups/announced-by-second")) {
                    event = candidate;
                    break;
                }
            }
            assertThat(event).as("the lifecycle event of a write on m2, seen on m1").isNotNull();
            assertThat(event.metadata().path("action").asString()).isEqualTo("auth-group-created");
            assertThat(event.location()).isEqualTo("m2");
        }
    }

    @Test
    @Order(15)
    void aMalformedJoinRequestIsRefusedBeforeItSpendsTheToken()
    {
        ClusterMemberJoinToken token = ClusterJoinTokens.decode(joinToken(first, "m8"));
        JoinRequest malformed = new JoinRequest("m8", token.secret(), "raft-m8", "not an address", "127.0.0.1:1", "x86_64", Schema.latestVersion());
        assertThatThrownBy(() -> first.httpsClient(null).post("/1.0/cluster/join", malformed))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(400);
                    assertThat(exception.getMessage()).contains("Invalid address");
                });
        JoinRequest otherSchema = new JoinRequest("m8", token.secret(), "raft-m8", "127.0.0.1:2", "127.0.0.1:1", "x86_64", Schema.latestVersion() + 1);
        assertThatThrownBy(() -> first.httpsClient(null).post("/1.0/cluster/join", otherSchema))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(400));
        // Neither spent the token: it still admits the member
        extra.add(TestDaemon.join(ClusterJoinTokens.encode(token)));
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(first)).extracting(ClusterMember::serverName).contains("m8"));
    }

    @Test
    @Order(16)
    void aMemberRemovedWhileItWasDownLeavesWhenItReturnsWithoutDisturbingTheCluster()
    {
        TestDaemon eighth = extra.getLast();
        assertThat(serverName(eighth)).isEqualTo("m8");
        eighth.stop();
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(members(first)).filteredOn(member -> member.serverName().equals("m8"))
                .extracting(ClusterMember::status).containsExactly(ClusterMember.STATUS_OFFLINE));
        first.unixClient().delete("/1.0/cluster/members/m8");
        assertThat(members(first)).extracting(ClusterMember::serverName).doesNotContain("m8");
        String leader = leaderName();

        // Nobody told it, so it starts as a member, hears from no leader, asks the others and learns it was removed;
        // meanwhile the cluster keeps its leader and takes writes
        TestDaemon returned = eighth.restart();
        extra.set(extra.size() - 1, returned);
        int write = 0;
        while (!returned.daemon().leftCluster().isDone() && write < 60) {
            second.unixClient().post("/1.0/auth/groups", new AuthGroupsPost("after-m8-returned-" + write++, "", List.of()));
            assertThat(leaderName()).isEqualTo(leader);
            sleepQuietly(Duration.ofMillis(500));
        }
        assertThat(returned.daemon().leftCluster()).isCompleted();
        assertThat(returned.stateDirectory().resolve("cluster.crt")).doesNotExist();
        TestDaemon standalone = returned.restart();
        extra.set(extra.size() - 1, standalone);
        assertThat(standalone.unixClient().get("/1.0/cluster").metadata().path("enabled").asBoolean()).isFalse();
        assertThat(members(first)).extracting(ClusterMember::serverName).doesNotContain("m8");
    }

    @Test
    @Order(17)
    void onlyAMemberMayAskWhetherAMemberStillBelongsAndOnlyTheLeaderAnswers()
    {
        String leader = leaderName();
        TestDaemon leaderDaemon = List.of(first, second, third).stream().filter(member -> serverName(member).equals(leader)).findFirst().orElseThrow();
        TestDaemon follower = List.of(first, second, third).stream().filter(member -> member != leaderDaemon).findFirst().orElseThrow();
        String followerRaftId = follower.daemon().store().read(ClusterStore::members).stream()
                .filter(row -> row.name().equals(serverName(follower))).findFirst().orElseThrow().raftId();

        leaderDaemon.httpsClient(first.clusterCertificate()).get("/internal/cluster/membership/" + followerRaftId);
        assertThatThrownBy(() -> leaderDaemon.httpsClient(first.clusterCertificate()).get("/internal/cluster/membership/raft-nobody"))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> follower.httpsClient(first.clusterCertificate()).get("/internal/cluster/membership/" + followerRaftId))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(503));
        assertThatThrownBy(() -> leaderDaemon.unixClient().get("/internal/cluster/membership/" + followerRaftId))
                .isInstanceOfSatisfying(ApiException.class, exception -> assertThat(exception.statusCode()).isEqualTo(403));
    }

    private String leaderName()
    {
        return members(first).stream()
                .filter(member -> member.roles().contains(ClusterMember.ROLE_DATABASE_LEADER))
                .map(ClusterMember::serverName)
                .findFirst()
                .orElseThrow();
    }

    private static void sleepQuietly(Duration duration)
    {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    @Test
    @Order(18)
    void aFollowerThatCannotAskTheLeaderAnswersItself()
    {
        // Last: it leaves one member running
        List<TestDaemon> running = new ArrayList<>(List.of(first, second, third));
        running.addAll(extra);
        List<String> names = members(first).stream().map(ClusterMember::serverName).toList();
        String leader = members(first).stream()
                .filter(member -> member.roles().contains(ClusterMember.ROLE_DATABASE_LEADER))
                .map(ClusterMember::serverName)
                .findFirst()
                .orElseThrow();
        TestDaemon survivor = running.stream().filter(member -> !serverName(member).equals(leader)).findFirst().orElseThrow();
        for (TestDaemon member : running) {
            if (member != survivor) {
                member.close();
            }
        }
        first = survivor;
        second = null;
        third = null;
        extra.clear();

        // The leader it would ask is gone and no new one can be elected: the member answers itself, and reading
        // the members needs quorum, so it says that rather than passing on a failure to reach the leader
        assertThatThrownBy(() -> members(survivor))
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(503);
                    assertThat(exception.getMessage()).contains("Cluster database unavailable");
                });
        assertThat(names).contains(serverName(survivor));
    }

    private static String serverName(TestDaemon member)
    {
        return member.unixClient().get("/1.0").metadata().path("environment").path("server_name").asString();
    }

    private static List<String> groupNames(TestDaemon member)
    {
        List<String> names = new ArrayList<>();
        for (JsonNode url : member.unixClient().get("/1.0/auth/groups").metadata()) {
            names.add(url.asString().substring("/1.0/auth/groups/".length()));
        }
        return names;
    }
}
