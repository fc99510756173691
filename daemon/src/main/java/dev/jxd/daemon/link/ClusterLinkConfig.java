package dev.jxd.daemon.link;

import dev.jxd.api.cert.CertificateParseException;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.validate.NetworkAddresses;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.daemon.http.HttpStatusException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The configuration keys of a cluster link (spec §4.4) and the rules for changing them.
 *
 * <p>Unlike LXD, an invalid key or value is the caller's mistake and gets 400, not 500, and callers can never
 * set {@code volatile.*} keys: LXD accepts them on most creation paths, so a pending link created with
 * {@code volatile.addresses} looks active (spec §9.2 item 15).
 */
final class ClusterLinkConfig
{
    static final String ADDRESSES = "volatile.addresses";
    static final String PENDING_CERTIFICATE = "volatile.pending_certificate";
    static final String PENDING_ADDRESS = "volatile.pending_address";
    static final String VOLATILE_PREFIX = "volatile.";
    static final String USER_PREFIX = "user.";
    static final String VOLATILE_UNMODIFIABLE = "Volatile configuration keys cannot be modified";
    static final String VOLATILE_NOT_SETTABLE = "Volatile configuration keys cannot be set";

    private ClusterLinkConfig() {}

    /** A copy without empty values: setting a key to {@code ""} deletes it (spec §4.2). */
    static Map<String, String> normalize(Map<String, String> config)
    {
        Map<String, String> normalized = new TreeMap<>();
        if (config != null) {
            config.forEach((key, value) -> {
                if (value != null && !value.isEmpty()) {
                    normalized.put(key, value);
                }
            });
        }
        return normalized;
    }

    /** Checks every key and value; 400 naming the first bad one. */
    static void validate(Map<String, String> config)
    {
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue();
            try {
                switch (key) {
                    case ADDRESSES -> NetworkAddresses.validateAddressList(value);
                    case PENDING_ADDRESS -> {
                        if (!value.isEmpty()) {
                            NetworkAddresses.validateHostPort(value);
                        }
                    }
                    case PENDING_CERTIFICATE -> {
                        if (!value.isEmpty()) {
                            Certificates.parsePem(value);
                        }
                    }
                    default -> {
                        if (!key.startsWith(USER_PREFIX) || key.length() == USER_PREFIX.length()) {
                            throw HttpStatusException.badRequest("Invalid cluster link configuration key \"" + key + "\"");
                        }
                    }
                }
            }
            catch (ValidationException | CertificateParseException exception) {
                throw HttpStatusException.badRequest("Invalid cluster link configuration key \"" + key + "\" value: " + exception.getMessage());
            }
        }
    }

    /** The configuration a user supplies when creating a link: valid, and without {@code volatile.*} keys. */
    static Map<String, String> userSupplied(Map<String, String> config)
    {
        Map<String, String> normalized = normalize(config);
        if (config != null && config.keySet().stream().anyMatch(key -> key.startsWith(VOLATILE_PREFIX))) {
            throw HttpStatusException.badRequest(VOLATILE_NOT_SETTABLE);
        }
        validate(normalized);
        return normalized;
    }

    /**
     * The configuration a PUT or PATCH stores (spec §4.10): volatile keys must be unchanged (PUT: the same set; PATCH:
     * any given must equal the current value) and are carried over; PATCH keeps keys it does not mention.
     */
    static Map<String, String> merge(Map<String, String> current, Map<String, String> requested, boolean patch)
    {
        Map<String, String> request = requested == null ? Map.of() : requested;
        Map<String, String> currentVolatile = volatileOf(current);
        Map<String, String> requestedVolatile = new TreeMap<>();
        request.forEach((key, value) -> {
            if (key.startsWith(VOLATILE_PREFIX)) {
                requestedVolatile.put(key, value == null ? "" : value);
            }
        });
        if (patch) {
            for (Map.Entry<String, String> entry : requestedVolatile.entrySet()) {
                if (!Objects.equals(currentVolatile.getOrDefault(entry.getKey(), ""), entry.getValue())) {
                    throw HttpStatusException.badRequest(VOLATILE_UNMODIFIABLE);
                }
            }
        }
        else if (!normalize(requestedVolatile).equals(currentVolatile)) {
            throw HttpStatusException.badRequest(VOLATILE_UNMODIFIABLE);
        }
        Map<String, String> merged = new TreeMap<>();
        if (patch) {
            merged.putAll(current);
        }
        request.forEach((key, value) -> merged.put(key, value == null ? "" : value));
        merged.putAll(currentVolatile);
        Map<String, String> result = normalize(merged);
        validate(result);
        return result;
    }

    static Map<String, String> volatileOf(Map<String, String> config)
    {
        Map<String, String> result = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(VOLATILE_PREFIX)) {
                result.put(key, value);
            }
        });
        return result;
    }

    static List<String> addresses(Map<String, String> config)
    {
        return NetworkAddresses.parseAddressList(config.getOrDefault(ADDRESSES, ""));
    }
}
