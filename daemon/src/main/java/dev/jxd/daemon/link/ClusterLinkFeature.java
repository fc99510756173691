package dev.jxd.daemon.link;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.group.EntitySource;
import dev.jxd.daemon.http.RouteProvider;
import dev.jxd.daemon.identity.IdentityEvents;
import dev.jxd.daemon.identity.TrustTokenService;
import dev.jxd.daemon.link.peer.HealthTarget;
import dev.jxd.daemon.link.peer.MemberHealth;
import dev.jxd.daemon.link.peer.PeerConnector;
import dev.jxd.daemon.link.peer.PeerHealthMonitor;
import dev.jxd.daemon.metrics.MetricsSource;
import dev.jxd.daemon.server.ServerConfigKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Cluster links (spec §4): the API, the entity source that lets permissions name links, the health prober and its
 * metrics, and the periodic address refresh.
 */
public final class ClusterLinkFeature
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLinkFeature.class);

    /**
     * How long one address may take to connect, shake hands and answer. Every address is tried in parallel, so a
     * dead address costs this once, not once per address (LXD stalls over 10 s per dead address, its issue #18848).
     */
    public static final Duration PEER_TIMEOUT = Duration.ofMillis(1500);
    /**
     * LXD refreshes link addresses daily; remote clusters gain and lose members more often than that, and one
     * GET per link every few minutes costs little.
     */
    private static final Duration ADDRESS_REFRESH_INTERVAL = Duration.ofMinutes(5);
    /** How often the health task wakes up to see whether {@code core.cluster_link_health_interval} has passed. */
    private static final Duration HEALTH_TICK = Duration.ofSeconds(1);
    private static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);

    private final DaemonServices services;
    private final PeerConnector peers;
    private final PeerHealthMonitor health;
    private final ClusterLinkService links;
    private final ClusterLinkHandler handler;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Instant lastHealthRound = Instant.MIN;

    public ClusterLinkFeature(DaemonServices services, TrustTokenService tokens)
    {
        this.services = requireNonNull(services, "services is null");
        requireNonNull(tokens, "tokens is null");
        ClusterLinkEvents events = new ClusterLinkEvents(services.events());
        IdentityEvents identityEvents = new IdentityEvents(services.events());
        this.peers = new PeerConnector(PEER_TIMEOUT, services.clock());
        LinkHealthListener listener = new LinkHealthListener(events);
        // The monitor asks the service for its targets and the service probes through the monitor, so the monitor gets them through this
        this.health = new PeerHealthMonitor(peers, this::healthTargets, services.clock(), listener::statusChanged);
        this.links = new ClusterLinkService(
                services.store(),
                services.authorization(),
                events,
                identityEvents,
                peers,
                health,
                services.identity().networkCertificate());
        ClusterLinkCreation creation = new ClusterLinkCreation(
                services.store(),
                services.authorization(),
                tokens,
                links,
                events,
                identityEvents,
                peers,
                services.config(),
                Certificates.toPem(services.identity().networkCertificate().certificate()),
                services.clock(),
                background);
        this.handler = new ClusterLinkHandler(links, creation, services.authorization());
        services.tasks().every("cluster-link-health", HEALTH_TICK, HEALTH_TICK, this::probeWhenDue);
        services.tasks().every("cluster-link-address-refresh", Duration.ofMinutes(1), ADDRESS_REFRESH_INTERVAL, links::refreshAllAddresses);
    }

    public List<RouteProvider> routes()
    {
        return List.of(handler);
    }

    /** Lets permissions name cluster links ({@code Could not resolve permission URLs} otherwise). */
    public EntitySource entitySource()
    {
        return new EntitySource()
        {
            @Override
            public EntityType type()
            {
                return EntityType.CLUSTER_LINK;
            }

            @Override
            public List<EntityUrl> entities(Connection connection, Optional<String> project)
            {
                // Cluster links belong to no project
                return project.isPresent() ? List.of() : ClusterLinkStore.names(connection).stream().map(EntityUrl::clusterLink).toList();
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                return ClusterLinkStore.exists(connection, entity.pathArguments().getFirst());
            }
        };
    }

    public MetricsSource metricsSource()
    {
        return health;
    }

    private List<HealthTarget> healthTargets()
    {
        return links.healthTargets();
    }

    private void probeWhenDue()
    {
        Instant now = services.clock().instant();
        if (now.isBefore(lastHealthRound.plus(healthInterval()))) {
            return;
        }
        lastHealthRound = now;
        health.probeAll();
    }

    private Duration healthInterval()
    {
        try {
            return Duration.ofSeconds(Long.parseLong(services.config().value(ServerConfigKeys.CLUSTER_LINK_HEALTH_INTERVAL)));
        }
        catch (NumberFormatException exception) {
            return DEFAULT_HEALTH_INTERVAL;
        }
    }

    @Override
    public void close()
    {
        background.shutdownNow();
        health.close();
        peers.close();
    }

    /** Turns the monitor's status changes into lifecycle events and log lines. */
    private record LinkHealthListener(ClusterLinkEvents events)
    {
        void statusChanged(Optional<MemberHealth> previous, MemberHealth current)
        {
            String before = previous.map(member -> member.status().apiName()).orElse("");
            String error = current.failure().map(failure -> failure.describe()).orElse("");
            LOG.info("Cluster link \"{}\": member {} is now {}{}", current.link(), current.address(), current.status().apiName(), error.isEmpty() ? "" : " (" + error + ")");
            events.memberStatusChanged(current.link(), current.address(), current.serverName(), before, current.status().apiName(), error);
        }
    }

    /** The class whose nested records are this feature's state commands, for the replication codec. */
    public static Class<?> stateCommandHolder()
    {
        return ClusterLinkStore.class;
    }
}
