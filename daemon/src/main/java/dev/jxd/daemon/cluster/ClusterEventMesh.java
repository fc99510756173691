package dev.jxd.daemon.cluster;

import dev.jxd.api.event.Event;
import dev.jxd.client.ClientOptions;
import dev.jxd.client.JxdClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * LXD's full-mesh event mode: every lifecycle and security event that happens on this member is sent to
 * every other member, so {@code /1.0/events} on any member shows what happened anywhere in the cluster
 * (a link activated through one member turns active in a UI connected to another). Delivery is best
 * effort and never delays the request that caused the event: a bounded queue drops events when a member
 * is too slow, and an unreachable member misses the events of its absence, as in LXD.
 */
final class ClusterEventMesh
        implements Consumer<Event>, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventMesh.class);
    static final String PATH = "/internal/cluster/events";
    private static final int QUEUE_CAPACITY = 1024;
    private static final ClientOptions CLIENT_OPTIONS = new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(60), "jxd-events", Optional.of(Duration.ofSeconds(5)));

    private final ClusterContext context;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final MemberClients clients;
    private final Thread sender;

    ClusterEventMesh(ClusterFeature cluster)
    {
        requireNonNull(cluster, "cluster is null");
        this.context = cluster.context();
        this.clients = new MemberClients(cluster::servedCertificate, CLIENT_OPTIONS);
        this.sender = Thread.ofVirtual().name("cluster-event-mesh").start(this::sendLoop);
    }

    @Override
    public void accept(Event event)
    {
        if (context.clustered() && !queue.offer(event)) {
            LOG.debug("Dropping event {} for other members: the queue is full", event.type());
        }
    }

    private void sendLoop()
    {
        while (!Thread.currentThread().isInterrupted()) {
            Event event;
            try {
                event = queue.take();
            }
            catch (InterruptedException exception) {
                return;
            }
            String self = context.localMember().map(LocalMember::raftId).orElse("");
            for (ClusterStore.MemberRow member : context.members()) {
                if (member.raftId().equals(self)) {
                    continue;
                }
                try {
                    clients.forAddress(member.address()).post(PATH, event);
                }
                catch (JxdClientException exception) {
                    LOG.debug("Member {} missed event {}: {}", member.name(), event.type(), exception.getMessage());
                }
            }
        }
    }

    @Override
    public void close()
    {
        sender.interrupt();
        clients.close();
    }
}
