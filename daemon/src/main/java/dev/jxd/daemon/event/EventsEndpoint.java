package dev.jxd.daemon.event;

import dev.jxd.api.event.Event;
import dev.jxd.api.json.Json;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * One {@code /1.0/events} websocket. Events are queued and sent by one virtual thread per session, so a
 * slow client never blocks the publisher and frames never interleave. Must be a public named class:
 * Jetty instantiates listeners reflectively.
 *
 * <p>The endpoint subscribes when it is created, during the upgrade request, not when the socket opens:
 * Jetty sends the 101 answer before it opens the session, so a client that acts as soon as its upgrade
 * is answered would otherwise miss the events its first actions cause. Events queue until the session opens.
 */
public final class EventsEndpoint
        implements Session.Listener.AutoDemanding
{
    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);
    private static final int MAX_QUEUED = 10_000;

    private final EventBus bus;
    private final Predicate<Event> visible;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private volatile EventBus.Subscription subscription;
    private volatile Session session;
    private volatile Thread sender;

    private EventsEndpoint(EventBus bus, Predicate<Event> visible)
    {
        this.bus = requireNonNull(bus, "bus is null");
        this.visible = requireNonNull(visible, "visible is null");
    }

    /** Subscribes at once; call while answering the upgrade request. */
    public static EventsEndpoint subscribe(EventBus bus, Set<String> types, Predicate<Event> visible)
    {
        EventsEndpoint endpoint = new EventsEndpoint(bus, visible);
        endpoint.subscription = bus.subscribe(types, endpoint::offer);
        return endpoint;
    }

    private void offer(Event event)
    {
        if (visible.test(event) && !queue.offer(event)) {
            // A client that cannot keep up loses its connection rather than the daemon its memory;
            // an upgrade that never opened a session ends here too, after at most MAX_QUEUED events
            Session current = session;
            if (current != null) {
                current.close(1008, "Event queue overflow", Callback.NOOP);
            }
            else {
                stop();
            }
        }
    }

    @Override
    public void onWebSocketOpen(Session session)
    {
        this.session = session;
        sender = Thread.ofVirtual().name("events-sender").start(() -> send(session));
    }

    private void send(Session session)
    {
        try {
            while (session.isOpen()) {
                Event event = queue.take();
                Callback.Completable done = new Callback.Completable();
                session.sendText(Json.write(event), done);
                done.get();
            }
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
        catch (Exception exception) {
            LOG.debug("Events websocket send failed", exception);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback)
    {
        stop();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause)
    {
        stop();
    }

    private void stop()
    {
        EventBus.Subscription current = subscription;
        if (current != null) {
            bus.unsubscribe(current);
        }
        if (sender != null) {
            sender.interrupt();
        }
    }
}
