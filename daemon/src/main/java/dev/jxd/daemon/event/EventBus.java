package dev.jxd.daemon.event;

import dev.jxd.api.event.Event;
import dev.jxd.api.event.LifecycleEvent;
import dev.jxd.api.event.SecurityEvent;
import dev.jxd.api.json.Json;
import dev.jxd.api.operation.Requestor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Fan-out of lifecycle and security events to {@code /1.0/events} subscribers and to the log.
 * Delivery to a subscriber must not block the publisher: subscribers queue and send on their own.
 */
public final class EventBus
{
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    public static final String TYPE_LIFECYCLE = "lifecycle";
    public static final String TYPE_SECURITY = "security";
    public static final String TYPE_LOGGING = "logging";
    public static final Set<String> TYPES = Set.of(TYPE_LIFECYCLE, TYPE_SECURITY, TYPE_LOGGING);

    private final InstantSource clock;
    private final Supplier<String> location;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Consumer<Event>> relays = new CopyOnWriteArrayList<>();

    public EventBus(InstantSource clock, String location)
    {
        this(clock, () -> location);
        requireNonNull(location, "location is null");
    }

    /** @param location the member name events carry; it changes when clustering is enabled or the member renamed */
    public EventBus(InstantSource clock, Supplier<String> location)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.location = requireNonNull(location, "location is null");
    }

    /**
     * Receives every lifecycle and security event that happens on this member, to pass it on to the other
     * members of a cluster (LXD's full-mesh event mode). Events received from other members are not relayed.
     */
    public void addRelay(Consumer<Event> relay)
    {
        relays.add(requireNonNull(relay, "relay is null"));
    }

    /** Publishes an event that happened on another member to this member's subscribers. */
    public void publishFromMember(Event event)
    {
        publish(event);
    }

    /** A subscriber; {@code types} empty means every type. */
    public record Subscription(Set<String> types, Consumer<Event> listener) {}

    public Subscription subscribe(Set<String> types, Consumer<Event> listener)
    {
        Subscription subscription = new Subscription(Set.copyOf(types), requireNonNull(listener, "listener is null"));
        subscriptions.add(subscription);
        return subscription;
    }

    public void unsubscribe(Subscription subscription)
    {
        subscriptions.remove(subscription);
    }

    public void lifecycle(String action, String source, Map<String, Object> context, Requestor requestor, String project)
    {
        LifecycleEvent metadata = new LifecycleEvent(action, source, context, requestor, null, null);
        LOG.info("Lifecycle event {} {}", action, source);
        publishLocal(new Event(TYPE_LIFECYCLE, clock.instant(), Json.lenient().valueToTree(metadata), location.get(), project));
    }

    /** A security event, e.g. {@code user_created:tls:<fingerprint>} (spec §1.7). Never put a secret in it. */
    public void security(String name, String description, String level, Map<String, String> context, Requestor requestor)
    {
        SecurityEvent metadata = new SecurityEvent(name, description, level, context, requestor);
        LOG.info("Security event {} ({})", name, description);
        publishLocal(new Event(TYPE_SECURITY, clock.instant(), Json.lenient().valueToTree(metadata), location.get(), ""));
    }

    private void publishLocal(Event event)
    {
        publish(event);
        for (Consumer<Event> relay : relays) {
            try {
                relay.accept(event);
            }
            catch (RuntimeException exception) {
                LOG.debug("Event relay failed", exception);
            }
        }
    }

    public void publish(Event event)
    {
        for (Subscription subscription : subscriptions) {
            if (subscription.types().isEmpty() || subscription.types().contains(event.type())) {
                try {
                    subscription.listener().accept(event);
                }
                catch (RuntimeException exception) {
                    LOG.debug("Event subscriber failed; dropping it", exception);
                    subscriptions.remove(subscription);
                }
            }
        }
    }
}
