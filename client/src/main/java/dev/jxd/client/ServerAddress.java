package dev.jxd.client;

import java.net.URI;
import java.net.URISyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * The host and port of an HTTPS API endpoint, parsed from the forms users and trust tokens use:
 * {@code host}, {@code host:port}, {@code [v6]:port}, a bare IPv6 address, or {@code https://host[:port]}.
 * The port defaults to LXD's 8443.
 *
 * @param host a host name or IP address, IPv6 without brackets
 */
public record ServerAddress(String host, int port)
{
    public static final int DEFAULT_PORT = 8443;

    public ServerAddress
    {
        requireNonNull(host, "host is null");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid port " + port);
        }
    }

    /**
     * @throws IllegalArgumentException with a message fit for the user when the address cannot be parsed
     */
    public static ServerAddress parse(String address)
    {
        requireNonNull(address, "address is null");
        String trimmed = address.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Empty server address");
        }
        if (trimmed.contains("://")) {
            return parseUrl(address, trimmed);
        }
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid server address \"%s\"".formatted(address));
            }
            String host = trimmed.substring(1, close);
            String rest = trimmed.substring(close + 1);
            if (rest.isEmpty()) {
                return new ServerAddress(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("Invalid server address \"%s\"".formatted(address));
            }
            return new ServerAddress(host, parsePort(address, rest.substring(1)));
        }
        int firstColon = trimmed.indexOf(':');
        if (firstColon < 0) {
            return new ServerAddress(trimmed, DEFAULT_PORT);
        }
        if (trimmed.indexOf(':', firstColon + 1) >= 0) {
            // Several colons and no brackets: a bare IPv6 address
            return new ServerAddress(trimmed, DEFAULT_PORT);
        }
        return new ServerAddress(trimmed.substring(0, firstColon), parsePort(address, trimmed.substring(firstColon + 1)));
    }

    /** {@code host:port}, with brackets around IPv6 addresses. */
    public String hostAndPort()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The API base URL, {@code https://host:port}. */
    public String url()
    {
        return "https://" + hostAndPort();
    }

    @Override
    public String toString()
    {
        return hostAndPort();
    }

    private static ServerAddress parseUrl(String original, String url)
    {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid server address \"%s\": %s".formatted(original, e.getMessage()), e);
        }
        if (!"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Invalid URL scheme \"%s\" in \"%s\"".formatted(uri.getScheme(), original));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("Invalid server address \"%s\"".formatted(original));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("Server address \"%s\" must not have a path".formatted(original));
        }
        return new ServerAddress(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    private static int parsePort(String address, String port)
    {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Invalid port \"%s\" in server address \"%s\"".formatted(port, address));
    }
}
