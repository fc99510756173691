package dev.jxd.daemon.server;

import dev.jxd.api.operation.Requestor;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.http.HttpStatusException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Reads, validates and changes the server configuration, and tells interested parts when it changed. */
public final class ServerConfigService
{
    public static final int DEFAULT_PORT = 8443;

    private final StateStore store;
    private final EventBus events;
    private final MembershipView membership;
    private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile int boundHttpsPort;
    /**
     * The stored configuration, reloaded after each change so reads on hot routes skip the database. The
     * generation is read before loading, so a load that races a write is reloaded rather than kept.
     */
    private final AtomicLong generation = new AtomicLong(1);
    private volatile Cached cached = new Cached(0, Map.of());

    private record Cached(long generation, Map<String, String> config) {}

    public ServerConfigService(StateStore store, EventBus events)
    {
        this(store, events, MembershipView.standalone());
    }

    public ServerConfigService(StateStore store, EventBus events, MembershipView membership)
    {
        this.store = requireNonNull(store, "store is null");
        this.events = requireNonNull(events, "events is null");
        this.membership = requireNonNull(membership, "membership is null");
        store.addListener(command -> {
            if (command instanceof ServerConfigStore.ReplaceServerConfig replace) {
                generation.incrementAndGet();
                listeners.forEach(listener -> listener.accept(replace.config()));
            }
            else if (this.membership.clustered()) {
                // A member's address comes from the member rows, which other commands change
                generation.incrementAndGet();
            }
        });
    }

    /** Called with the new configuration after every change (also changes applied from other members). */
    public void addListener(Consumer<Map<String, String>> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Tells which port HTTPS actually bound, so that a configured port 0 is reported as the real one. */
    public void boundHttpsPort(int port)
    {
        this.boundHttpsPort = port;
    }

    /**
     * The explicitly set keys. On a cluster member, {@code core.https_address} is the member's own address:
     * the stored configuration is shared by all members and cannot hold it.
     */
    public Map<String, String> config()
    {
        Cached current = cached;
        long wanted = generation.get();
        if (current.generation() != wanted) {
            Map<String, String> loaded = store.read(ServerConfigStore::read);
            if (membership.clustered()) {
                loaded.remove(ServerConfigKeys.HTTPS_ADDRESS);
                membership.memberAddress().ifPresent(address -> loaded.put(ServerConfigKeys.HTTPS_ADDRESS, address));
            }
            current = new Cached(wanted, Collections.unmodifiableMap(loaded));
            cached = current;
        }
        return current.config();
    }

    /** Drops the cached configuration, for changes that are not configuration commands (cluster membership). */
    public void invalidate()
    {
        generation.incrementAndGet();
    }

    /** A key's value, falling back to its default. */
    public String value(String key)
    {
        String value = config().get(key);
        if (value != null) {
            return value;
        }
        return ServerConfigKeys.find(key).map(ConfigKey::defaultValue).orElse("");
    }

    /**
     * Applies a PUT (replace) or PATCH (merge) of the configuration. Every key is validated first, so an
     * invalid request changes nothing.
     */
    public void update(Map<String, Object> requested, boolean merge, Requestor requestor)
    {
        Map<String, String> next = merge ? new TreeMap<>(config()) : new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> entry : (requested == null ? Map.<String, Object>of() : requested).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : String.valueOf(entry.getValue());
            ConfigKey definition = ServerConfigKeys.find(key).orElse(null);
            if (definition == null) {
                errors.add("Unknown configuration key \"" + key + "\"");
                continue;
            }
            if (key.equals(ServerConfigKeys.HTTPS_ADDRESS) && membership.clustered()) {
                // A member's address is how the others reach it; it is fixed when the member joins
                if (!value.equals(membership.memberAddress().orElse(""))) {
                    errors.add("Cannot change \"" + key + "\" on a cluster member (its address is " + membership.memberAddress().orElse("") + ")");
                }
                continue;
            }
            if (!value.isEmpty()) {
                try {
                    definition.validator().accept(value);
                }
                catch (IllegalArgumentException | ValidationException exception) {
                    errors.add("Invalid value for configuration key \"" + key + "\": " + exception.getMessage());
                    continue;
                }
            }
            next.put(key, value);
        }
        if (!errors.isEmpty()) {
            throw HttpStatusException.badRequest(String.join("; ", errors));
        }
        next.values().removeIf(String::isEmpty);
        if (membership.clustered()) {
            next.remove(ServerConfigKeys.HTTPS_ADDRESS);
        }
        store.execute(new ServerConfigStore.ReplaceServerConfig(next));
        events.lifecycle("config-updated", "/1.0", Map.of(), requestor, null);
    }

    /**
     * The addresses this member can be reached on, as trust tokens carry them (spec §3.1): the configured
     * host, or every global unicast address for a wildcard host.
     */
    public List<String> listenAddresses()
    {
        if (membership.clustered()) {
            return membership.memberAddresses();
        }
        String configured = value(ServerConfigKeys.HTTPS_ADDRESS);
        if (configured.isEmpty()) {
            return List.of();
        }
        ListenAddress hostPort = ListenAddress.parse(configured, DEFAULT_PORT);
        String host = hostPort.host();
        int port = hostPort.port() == 0 && boundHttpsPort > 0 ? boundHttpsPort : hostPort.port();
        if (!hostPort.wildcard()) {
            return List.of(ListenAddress.join(host, port));
        }
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
                        continue;
                    }
                    if (host.equals("0.0.0.0") && !(address instanceof Inet4Address)) {
                        continue;
                    }
                    addresses.add(ListenAddress.join(address.getHostAddress().replaceAll("%.*$", ""), port));
                }
            }
        }
        catch (SocketException exception) {
            throw new IllegalStateException("Cannot list network interfaces", exception);
        }
        Collections.sort(addresses);
        return addresses;
    }
}
