package dev.jxd.daemon.link.peer;

import dev.jxd.daemon.metrics.MetricsSource;
import dev.jxd.daemon.metrics.PrometheusWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Probes the remote members of every link and remembers what it saw, so that {@code GET /state} can report when a
 * member last answered and the metrics endpoint can export link health. The daemon schedules {@link #probeAll()}.
 */
public final class PeerHealthMonitor
        implements MetricsSource, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(PeerHealthMonitor.class);

    private final PeerConnector connector;
    private final Supplier<List<HealthTarget>> targets;
    private final InstantSource clock;
    private final HealthListener listener;
    // link -> address -> health, in the target's address order; replaced whole under the monitor's lock
    private final Map<String, Map<String, MemberHealth>> links = new HashMap<>();
    private Optional<Instant> lastRound = Optional.empty();

    public PeerHealthMonitor(PeerConnector connector, Supplier<List<HealthTarget>> targets, InstantSource clock, HealthListener listener)
    {
        this.connector = requireNonNull(connector, "connector is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Probes every target once, all links and addresses in parallel, so a round costs about one per-address timeout.
     * Forgets links that are no longer targets, records the results and tells the listener of every status change.
     */
    public void probeAll()
    {
        Instant started = clock.instant();
        List<HealthTarget> current = List.copyOf(targets.get());
        Set<String> names = current.stream().map(HealthTarget::link).collect(Collectors.toSet());
        synchronized (this) {
            links.keySet().retainAll(names);
        }
        // One task per link; each link's addresses are probed in parallel by the connector
        List<Supplier<List<MemberHealth>>> tasks = current.stream().<Supplier<List<MemberHealth>>>map(target -> () -> probe(target)).toList();
        long deadline = System.nanoTime() + 2 * connector.perAddressTimeout().toNanos();
        connector.runUntil(tasks, deadline, _ -> List.of());
        synchronized (this) {
            lastRound = Optional.of(started);
        }
    }

    /** Probes one target now (for {@code GET /state}), records the results and returns the members in address order. */
    public List<MemberHealth> probe(HealthTarget target)
    {
        requireNonNull(target, "target is null");
        List<ProbeResult> results = connector.probeAll(target.addresses(), target.credentials());
        List<MemberHealth> merged = new ArrayList<>(results.size());
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            Map<String, MemberHealth> known = links.getOrDefault(target.link(), Map.of());
            Map<String, MemberHealth> updated = new LinkedHashMap<>();
            for (ProbeResult result : results) {
                Optional<MemberHealth> previous = Optional.ofNullable(known.get(result.address()));
                if (previous.isPresent() && previous.get().checkedAt().isAfter(result.probedAt())) {
                    // A concurrent, later probe already recorded this member
                    updated.put(result.address(), previous.get());
                    merged.add(previous.get());
                    continue;
                }
                MemberHealth health = MemberHealth.merge(target.link(), previous, result);
                updated.put(result.address(), health);
                merged.add(health);
                if (previous.map(before -> before.status() != health.status()).orElse(health.status() != ProbeStatus.ACTIVE)) {
                    changes.add(new Change(previous, health));
                }
            }
            links.put(target.link(), updated);
        }
        // Outside the lock: the listener emits events and logs
        for (Change change : changes) {
            try {
                listener.statusChanged(change.previous(), change.current());
            }
            catch (RuntimeException e) {
                LOG.warn("Health listener failed for cluster link \"{}\" member {}", change.current().link(), change.current().address(), e);
            }
        }
        return List.copyOf(merged);
    }

    /** The last known health of the link's members, in address order; empty when never probed. */
    public synchronized List<MemberHealth> health(String link)
    {
        requireNonNull(link, "link is null");
        return List.copyOf(links.getOrDefault(link, Map.of()).values());
    }

    /** Drops what is known about a deleted or renamed link. */
    public synchronized void forget(String link)
    {
        requireNonNull(link, "link is null");
        links.remove(link);
    }

    @Override
    public void write(PrometheusWriter writer)
    {
        Map<String, List<MemberHealth>> snapshot = new TreeMap<>();
        Optional<Instant> round;
        synchronized (this) {
            links.forEach((link, members) -> snapshot.put(link, List.copyOf(members.values())));
            round = lastRound;
        }
        round.ifPresent(started -> writer.gauge("jxd_cluster_link_health_last_round_timestamp_seconds",
                "When the last periodic probe of all cluster links started, in seconds since the epoch.",
                started.toEpochMilli() / 1e3));
        for (List<MemberHealth> members : snapshot.values()) {
            for (MemberHealth member : members) {
                writeMember(writer, member);
            }
        }
    }

    @Override
    public void close()
    {
        synchronized (this) {
            links.clear();
        }
    }

    private static void writeMember(PrometheusWriter writer, MemberHealth member)
    {
        String link = member.link();
        String address = member.address();
        writer.gauge("jxd_cluster_link_member_up", "Whether the remote member answered the last probe and trusts this server (1) or not (0).",
                member.status() == ProbeStatus.ACTIVE ? 1 : 0,
                "link", link, "address", address, "server_name", member.serverName());
        for (ProbeStatus status : ProbeStatus.values()) {
            writer.gauge("jxd_cluster_link_member_status", "The remote member's status at the last probe (1 for the current status).",
                    member.status() == status ? 1 : 0,
                    "link", link, "address", address, "status", status.apiName());
        }
        member.roundTrip().ifPresent(roundTrip -> writer.gauge("jxd_cluster_link_member_round_trip_seconds",
                "Round trip of GET /1.0 at the last probe the remote member answered.",
                roundTrip.toNanos() / 1e9,
                "link", link, "address", address));
        member.lastContact().ifPresent(lastContact -> writer.gauge("jxd_cluster_link_member_last_contact_timestamp_seconds",
                "When the remote member last answered a probe, in seconds since the epoch.",
                lastContact.toEpochMilli() / 1e3,
                "link", link, "address", address));
        member.certificateExpiresAt().ifPresent(expiry -> writer.gauge("jxd_cluster_link_member_certificate_expiry_timestamp_seconds",
                "NotAfter of the certificate the remote member serves, in seconds since the epoch.",
                expiry.getEpochSecond(),
                "link", link, "address", address));
        writer.gauge("jxd_cluster_link_member_last_check_timestamp_seconds", "When the remote member was last probed, in seconds since the epoch.",
                member.checkedAt().toEpochMilli() / 1e3,
                "link", link, "address", address);
    }

    private record Change(Optional<MemberHealth> previous, MemberHealth current) {}
}
