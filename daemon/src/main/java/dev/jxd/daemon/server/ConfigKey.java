package dev.jxd.daemon.server;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * One server configuration key.
 *
 * @param memberScoped true for keys that belong to one member of a cluster (like LXD's node config)
 * @param validator throws {@link IllegalArgumentException} or a {@code ValidationException} with the reason when a value is invalid
 * @param publicKey visible to untrusted callers of {@code GET /1.0}
 */
public record ConfigKey(String name, String defaultValue, boolean memberScoped, boolean publicKey, Consumer<String> validator)
{
    public ConfigKey
    {
        requireNonNull(name, "name is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(validator, "validator is null");
    }
}
