package dev.jxd.daemon.server;

import dev.jxd.api.validate.ExpiryExpression;
import dev.jxd.api.validate.NetworkAddresses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every server configuration key jxd knows. Unknown keys are refused with 400; later features add
 * their keys here so that {@code PUT /1.0} validation stays in one table.
 */
public final class ServerConfigKeys
{
    public static final String HTTPS_ADDRESS = "core.https_address";
    public static final String CLUSTER_JOIN_TOKEN_EXPIRY = "cluster.join_token_expiry";
    public static final String REMOTE_TOKEN_EXPIRY = "core.remote_token_expiry";
    public static final String TRUST_FAILURE_LIMIT = "core.trust_failure_limit";
    public static final String CLUSTER_LINK_TOKEN_EXPIRY = "core.cluster_link_token_expiry";
    public static final String CLUSTER_LINK_HEALTH_INTERVAL = "core.cluster_link_health_interval";

    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();

    static {
        add(new ConfigKey(HTTPS_ADDRESS, "", true, false, NetworkAddresses::validateListenAddress));
        // LXD's default for client trust tokens
        add(new ConfigKey(REMOTE_TOKEN_EXPIRY, "15d", false, false, ExpiryExpression::validate));
        add(new ConfigKey(TRUST_FAILURE_LIMIT, "10", false, false, ServerConfigKeys::validatePositiveInteger));
        // Link tokens grant a whole cluster access, so they live hours, not LXD's 15 days (spec beyond.md §4.3)
        add(new ConfigKey(CLUSTER_LINK_TOKEN_EXPIRY, "1H", false, false, ExpiryExpression::validate));
        // LXD's default: a join token is valid for three hours
        add(new ConfigKey(CLUSTER_JOIN_TOKEN_EXPIRY, "3H", false, false, ExpiryExpression::validate));
        // Seconds between two health probes of every linked cluster member
        add(new ConfigKey(CLUSTER_LINK_HEALTH_INTERVAL, "30", false, false, ServerConfigKeys::validatePositiveInteger));
    }

    private ServerConfigKeys() {}

    private static void add(ConfigKey key)
    {
        KEYS.put(key.name(), key);
    }

    public static Optional<ConfigKey> find(String name)
    {
        ConfigKey key = KEYS.get(name);
        if (key != null) {
            return Optional.of(key);
        }
        if (name.startsWith("user.") && name.length() > "user.".length()) {
            return Optional.of(new ConfigKey(name, "", false, false, value -> {}));
        }
        return Optional.empty();
    }

    public static Map<String, ConfigKey> all()
    {
        return Map.copyOf(KEYS);
    }

    private static void validatePositiveInteger(String value)
    {
        try {
            if (Integer.parseInt(value) < 1) {
                throw new IllegalArgumentException("Must be a positive integer");
            }
        }
        catch (NumberFormatException exception) {
            throw new IllegalArgumentException("Must be a positive integer");
        }
    }
}
