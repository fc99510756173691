package dev.jxd.daemon.server;

/**
 * A parsed {@code core.https_address}: host may be empty or a wildcard ({@code 0.0.0.0}, {@code ::}),
 * the port defaults to 8443.
 */
public record ListenAddress(String host, int port)
{
    public static ListenAddress parse(String value, int defaultPort)
    {
        String text = value.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid address \"" + value + "\"");
            }
            String host = text.substring(1, close);
            String rest = text.substring(close + 1);
            return new ListenAddress(host, rest.startsWith(":") ? parsePort(rest.substring(1), value) : defaultPort);
        }
        int colon = text.lastIndexOf(':');
        if (colon >= 0 && text.indexOf(':') == colon) {
            return new ListenAddress(text.substring(0, colon), parsePort(text.substring(colon + 1), value));
        }
        // no colon, or a bare IPv6 address
        return new ListenAddress(text, defaultPort);
    }

    /** {@code host:port}, bracketing IPv6 hosts. */
    public static String join(String host, int port)
    {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean wildcard()
    {
        return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
    }

    private static int parsePort(String text, String value)
    {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port in \"" + value + "\"");
            }
            return port;
        }
        catch (NumberFormatException exception) {
            throw new IllegalArgumentException("Invalid port in \"" + value + "\"");
        }
    }
}
