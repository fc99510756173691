package dev.jxd.client;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Connection settings of a {@link JxdClient}.
 *
 * @param connectTimeout how long to wait for a TCP or unix-socket connection (the TLS handshake is bounded by the idle
 * and request timeouts, not by this one)
 * @param idleTimeout how long a request may wait for the next byte of its response; waits on operations extend it
 * @param userAgent the {@code User-Agent} header sent with every request
 * @param requestTimeout when present, bounds each request as a whole: connecting, the TLS handshake and the complete
 * response (operation waits get at least their own timeout); server-to-server calls use it so that an address that
 * accepts TCP but never answers costs at most this long
 */
public record ClientOptions(Duration connectTimeout, Duration idleTimeout, String userAgent, Optional<Duration> requestTimeout)
{
    public static final ClientOptions DEFAULT = new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), "jxd-client");

    public ClientOptions
    {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requestTimeout.ifPresent(timeout -> requirePositive(timeout, "requestTimeout"));
    }

    public ClientOptions(Duration connectTimeout, Duration idleTimeout, String userAgent)
    {
        this(connectTimeout, idleTimeout, userAgent, Optional.empty());
    }

    public ClientOptions withConnectTimeout(Duration connectTimeout)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent, requestTimeout);
    }

    public ClientOptions withIdleTimeout(Duration idleTimeout)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent, requestTimeout);
    }

    public ClientOptions withUserAgent(String userAgent)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent, requestTimeout);
    }

    public ClientOptions withRequestTimeout(Duration requestTimeout)
    {
        return new ClientOptions(connectTimeout, idleTimeout, userAgent, Optional.of(requireNonNull(requestTimeout, "requestTimeout is null")));
    }

    private static void requirePositive(Duration duration, String name)
    {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
