package dev.jxd.api.validate;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A {@code host:port} pair split and joined exactly as Go's {@code net.SplitHostPort} and
 * {@code net.JoinHostPort} do, which is how LXD reads every address it is given. Neither part is
 * validated here: the port may be empty or non-numeric (see {@link NetworkAddresses}).
 *
 * @param host without brackets, e.g. {@code ::1}
 */
public record HostPort(String host, String port)
{
    public HostPort
    {
        requireNonNull(host, "host is null");
        requireNonNull(port, "port is null");
    }

    /**
     * Splits {@code address}, e.g. {@code 10.0.0.1:8443}, {@code [::1]:8443} or {@code example.com:443}.
     *
     * @throws ValidationException with Go's message, e.g. {@code address 10.0.0.1: missing port in address}
     */
    public static HostPort parse(String address)
    {
        requireNonNull(address, "address is null");
        Result result = split(address);
        if (result.failure() != null) {
            throw new ValidationException("address " + address + ": " + result.failure());
        }
        return result.hostPort();
    }

    /** Like {@link #parse} but empty instead of an error. */
    public static Optional<HostPort> tryParse(String address)
    {
        requireNonNull(address, "address is null");
        return Optional.ofNullable(split(address).hostPort());
    }

    /** {@code host:port}, with the host bracketed when it contains a colon (an IPv6 address). */
    public String join()
    {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public String toString()
    {
        return join();
    }

    private record Result(HostPort hostPort, String failure) {}

    private static Result split(String address)
    {
        String missingPort = "missing port in address";
        String tooManyColons = "too many colons in address";

        int lastColon = address.lastIndexOf(':');
        if (lastColon < 0) {
            return new Result(null, missingPort);
        }
        String host;
        int hostStart = 0;
        int hostEnd = 0;
        if (address.charAt(0) == '[') {
            int closing = address.indexOf(']');
            if (closing < 0) {
                return new Result(null, "missing ']' in address");
            }
            if (closing + 1 == address.length()) {
                return new Result(null, missingPort);
            }
            if (closing + 1 != lastColon) {
                // Either "[host]x..." or more colons after the bracket
                return new Result(null, address.charAt(closing + 1) == ':' ? tooManyColons : missingPort);
            }
            host = address.substring(1, closing);
            hostStart = 1;
            hostEnd = closing + 1;
        }
        else {
            host = address.substring(0, lastColon);
            if (host.indexOf(':') >= 0) {
                return new Result(null, tooManyColons);
            }
        }
        if (address.indexOf('[', hostStart) >= 0) {
            return new Result(null, "unexpected '[' in address");
        }
        if (address.indexOf(']', hostEnd) >= 0) {
            return new Result(null, "unexpected ']' in address");
        }
        return new Result(new HostPort(host, address.substring(lastColon + 1)), null);
    }
}
