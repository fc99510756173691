package dev.jxd.daemon.link.peer;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.metrics.PrometheusWriter;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

final class TestPeerHealthMonitor
{
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final SettableClock clock = new SettableClock();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<HealthTarget>> targets = new AtomicReference<>(List.of());
    private TestDaemon remote;
    private X509Certificate remoteCertificate;
    private CertificateAndKey linkCertificate;
    private PeerConnector connector;
    private PeerHealthMonitor monitor;

    @BeforeEach
    void setUp()
    {
        remote = TestDaemon.start("remote-member");
        remoteCertificate = Certificates.parsePem(remote.serverCertificatePem());
        linkCertificate = TestDaemon.newClientCertificate("local-cluster");
        remote.unixClient().post("/1.0/auth/identities/tls", Map.of("name", "local-cluster", "certificate", linkCertificate.certificatePem()));
        connector = new PeerConnector(TIMEOUT, clock);
        monitor = new PeerHealthMonitor(connector, targets::get, clock, (previous, current) -> changes.add("%s %s: %s -> %s".formatted(
                current.link(),
                current.address(),
                previous.map(member -> member.status().apiName()).orElse("(new)"),
                current.status().apiName())));
    }

    @AfterEach
    void tearDown()
    {
        monitor.close();
        connector.close();
        remote.close();
    }

    @Test
    void recordsEveryMemberAndAnnouncesOnlyBrokenNewcomers()
    {
        String refused = "127.0.0.1:" + TestDaemon.freePort();
        targets.set(List.of(new HealthTarget("lxd_b", List.of(remote.address(), refused), PeerCredentials.authenticated(remoteCertificate, linkCertificate))));
        Instant firstRound = clock.instant();

        monitor.probeAll();

        List<MemberHealth> health = monitor.health("lxd_b");
        assertThat(health).extracting(MemberHealth::address).containsExactly(remote.address(), refused);
        MemberHealth active = health.get(0);
        assertThat(active.link()).isEqualTo("lxd_b");
        assertThat(active.status()).isEqualTo(ProbeStatus.ACTIVE);
        assertThat(active.serverName()).isEqualTo("remote-member");
        assertThat(active.lastContact()).contains(firstRound);
        assertThat(active.roundTrip()).isPresent();
        assertThat(active.certificateExpiresAt()).contains(remoteCertificate.getNotAfter().toInstant());
        assertThat(active.checkedAt()).isEqualTo(firstRound);
        MemberHealth unreachable = health.get(1);
        assertThat(unreachable.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(unreachable.lastContact()).isEmpty();
        assertThat(unreachable.failure()).contains(PeerFailure.of(refused, PeerFailureKind.REFUSED, "connection refused"));
        assertThat(changes).containsExactly("lxd_b %s: (new) -> Unreachable".formatted(refused));
    }

    @Test
    void keepsLastContactWhenTheMemberGoesDown()
    {
        targets.set(List.of(new HealthTarget("lxd_b", List.of(remote.address()), PeerCredentials.authenticated(remoteCertificate, linkCertificate))));
        Instant firstRound = clock.instant();
        monitor.probeAll();
        MemberHealth before = monitor.health("lxd_b").getFirst();

        remote.close();
        clock.advance(Duration.ofMinutes(1));
        monitor.probeAll();

        MemberHealth after = monitor.health("lxd_b").getFirst();
        assertThat(after.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(after.failure()).isPresent();
        assertThat(after.checkedAt()).isEqualTo(firstRound.plus(Duration.ofMinutes(1)));
        assertThat(after.lastContact()).contains(firstRound);
        assertThat(after.roundTrip()).isEqualTo(before.roundTrip());
        assertThat(after.certificateExpiresAt()).isEqualTo(before.certificateExpiresAt());
        assertThat(changes).containsExactly("lxd_b %s: Active -> Unreachable".formatted(remote.address()));
    }

    @Test
    void announcesLossOfTrust()
    {
        HealthTarget target = new HealthTarget("lxd_b", List.of(remote.address()), PeerCredentials.authenticated(remoteCertificate, linkCertificate));
        assertThat(monitor.probe(target)).extracting(MemberHealth::status).containsExactly(ProbeStatus.ACTIVE);

        // The remote deletes its identity for us (spec §4.14): we still reach it, untrusted
        remote.unixClient().delete("/1.0/auth/identities/tls/" + linkCertificate.fingerprint());
        clock.advance(Duration.ofSeconds(30));
        List<MemberHealth> health = monitor.probe(target);

        assertThat(health).singleElement().satisfies(member -> {
            assertThat(member.status()).isEqualTo(ProbeStatus.UNAUTHENTICATED);
            assertThat(member.serverName()).isEmpty();
            assertThat(member.lastContact()).contains(clock.instant());
        });
        assertThat(monitor.health("lxd_b")).isEqualTo(health);
        assertThat(changes).containsExactly("lxd_b %s: Active -> Unauthenticated".formatted(remote.address()));
    }

    @Test
    void forgetsLinks()
    {
        HealthTarget kept = new HealthTarget("kept", List.of(remote.address()), PeerCredentials.anonymous(remoteCertificate));
        HealthTarget removed = new HealthTarget("removed", List.of(remote.address()), PeerCredentials.anonymous(remoteCertificate));
        HealthTarget forgotten = new HealthTarget("forgotten", List.of(remote.address()), PeerCredentials.anonymous(remoteCertificate));
        targets.set(List.of(kept, removed, forgotten));
        monitor.probeAll();
        assertThat(monitor.health("removed")).hasSize(1);
        assertThat(monitor.health("forgotten")).hasSize(1);

        monitor.forget("forgotten");
        assertThat(monitor.health("forgotten")).isEmpty();

        targets.set(List.of(kept));
        monitor.probeAll();
        assertThat(monitor.health("kept")).hasSize(1);
        assertThat(monitor.health("removed")).isEmpty();
        assertThat(monitor.health("never-probed")).isEmpty();
    }

    @Test
    void followsTheTargetsAddresses()
    {
        String refused = "127.0.0.1:" + TestDaemon.freePort();
        PeerCredentials credentials = PeerCredentials.anonymous(remoteCertificate);
        monitor.probe(new HealthTarget("lxd_b", List.of(refused, remote.address()), credentials));

        List<MemberHealth> health = monitor.probe(new HealthTarget("lxd_b", List.of(remote.address()), credentials));

        assertThat(health).extracting(MemberHealth::address).containsExactly(remote.address());
        assertThat(monitor.health("lxd_b")).extracting(MemberHealth::address).containsExactly(remote.address());
    }

    @Test
    void listenerFailuresDoNotStopTheMonitor()
    {
        List<MemberHealth> seen = new ArrayList<>();
        try (PeerHealthMonitor failing = new PeerHealthMonitor(connector, targets::get, clock, (_, current) -> {
            seen.add(current);
            throw new IllegalStateException("listener bug");
        })) {
            String refused = "127.0.0.1:" + TestDaemon.freePort();
            List<MemberHealth> health = failing.probe(new HealthTarget("lxd_b", List.of(refused), PeerCredentials.anonymous(remoteCertificate)));

            assertThat(seen).isEqualTo(health);
            assertThat(failing.health("lxd_b")).isEqualTo(health);
        }
    }

    @Test
    void exportsMetrics()
    {
        String refused = "127.0.0.1:" + TestDaemon.freePort();
        targets.set(List.of(new HealthTarget("lxd_b", List.of(remote.address(), refused), PeerCredentials.authenticated(remoteCertificate, linkCertificate))));
        monitor.probeAll();

        PrometheusWriter writer = new PrometheusWriter();
        monitor.write(writer);
        String text = writer.render();

        String active = "link=\"lxd_b\",address=\"%s\"".formatted(remote.address());
        String down = "link=\"lxd_b\",address=\"%s\"".formatted(refused);
        double seconds = clock.instant().toEpochMilli() / 1e3;
        assertThat(text.lines().toList()).contains(
                "# TYPE jxd_cluster_link_member_up gauge",
                "jxd_cluster_link_member_up{%s,server_name=\"remote-member\"} 1".formatted(active),
                "jxd_cluster_link_member_up{%s,server_name=\"\"} 0".formatted(down),
                "jxd_cluster_link_member_status{%s,status=\"Active\"} 1".formatted(active),
                "jxd_cluster_link_member_status{%s,status=\"Unreachable\"} 0".formatted(active),
                "jxd_cluster_link_member_status{%s,status=\"Unreachable\"} 1".formatted(down),
                "jxd_cluster_link_member_last_contact_timestamp_seconds{%s} %s".formatted(active, PrometheusWriter.formatValue(seconds)),
                "jxd_cluster_link_member_certificate_expiry_timestamp_seconds{%s} %d".formatted(active, remoteCertificate.getNotAfter().toInstant().getEpochSecond()),
                "jxd_cluster_link_health_last_round_timestamp_seconds " + PrometheusWriter.formatValue(seconds));
        assertThat(text).contains("jxd_cluster_link_member_round_trip_seconds{%s} ".formatted(active));
        assertThat(text).doesNotContain("jxd_cluster_link_member_round_trip_seconds{%s}".formatted(down));
        assertThat(text).doesNotContain("jxd_cluster_link_member_last_contact_timestamp_seconds{%s}".formatted(down));
        assertThat(Optional.of(text.lines().filter(line -> line.startsWith("# TYPE jxd_cluster_link_member_status ")).count())).contains(1L);
    }
}
