package dev.jxd.client;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Connection settings of a {@link JxdClient}.
 *
 * @param connectTimeout how long to wait for a TCP or unix-socket connection (and its TLS handshake)
 * @param idleTimeout how long a request may wait for the next byte of its response; waits on operations extend it
 * @param userAgent the {@code User-Agent} header sent with every request
 */
public record ClientOptions(Duration connectTimeout, Duration idleTimeout, String userAgent)
{
    public static final ClientOptions DEFAULT = new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), "jxd-client");

    public ClientOptions
    {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(userAgent, "userAgent is null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    public ClientOptions withConnectTimeout(Duration connectTimeout)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent);
    }

    public ClientOptions withIdleTimeout(Duration idleTimeout)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent);
    }

    public ClientOptions withUserAgent(String userAgent)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent);
    }
}
