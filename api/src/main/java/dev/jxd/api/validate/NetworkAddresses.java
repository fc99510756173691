package dev.jxd.api.validate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Network address syntax as LXD checks it: {@code host:port} lists, listen addresses and IP literals. */
public final class NetworkAddresses
{
    /** LXD's default HTTPS port. */
    public static final int DEFAULT_PORT = 8443;

    private static final int MAXIMUM_PORT = 65535;
    private static final long MAXIMUM_UINT32 = 0xFFFF_FFFFL;
    private static final int MAXIMUM_DOMAIN_NAME_LENGTH = 253;
    private static final int MAXIMUM_LABEL_LENGTH = 63;
    private static final Set<String> WILDCARD_HOSTS = Set.of("", "::", "[::]", "0.0.0.0");

    private NetworkAddresses() {}

    /**
     * LXD's {@code CanonicalNetworkAddress}: {@code address} as {@code host:port}, with {@code defaultPort}
     * added when it has none and bare IPv6 addresses bracketed ({@code ::1} becomes {@code [::1]:8443}).
     * An address that already has a port is returned unchanged.
     */
    public static String canonicalize(String address, int defaultPort)
    {
        requireNonNull(address, "address is null");
        Optional<HostPort> hostPort = HostPort.tryParse(address);
        if (hostPort.isPresent()) {
            if (hostPort.get().port().isEmpty() && address.endsWith(":")) {
                return new HostPort(hostPort.get().host(), String.valueOf(defaultPort)).join();
            }
            return address;
        }
        Optional<InetAddress> ip = parseIpLiteral(address);
        if (ip.isPresent()) {
            return new HostPort(formatIp(ip.get()), String.valueOf(defaultPort)).join();
        }
        // A host name, or a partial address such as "[::]"
        return address + ":" + defaultPort;
    }

    /**
     * One {@code volatile.addresses} entry (spec §4.4): splits into host and port, the host is an IP
     * address or a domain name, the port a number from 0 to 65535.
     *
     * @throws ValidationException with LXD's wording, naming the offending address, host or port
     */
    public static void validateHostPort(String address)
    {
        requireNonNull(address, "address is null");
        HostPort hostPort;
        try {
            hostPort = HostPort.parse(address);
        }
        catch (ValidationException exception) {
            throw new ValidationException("Invalid address format: " + exception.getMessage());
        }
        if (hostPort.host().isEmpty()) {
            throw new ValidationException("Invalid host: " + GoStrings.quote(hostPort.host()));
        }
        if (parseIpLiteral(hostPort.host()).isEmpty()) {
            validateDomainName(hostPort.host());
        }
        try {
            validatePort(hostPort.port());
        }
        catch (ValidationException exception) {
            throw new ValidationException("Invalid port: " + exception.getMessage());
        }
    }

    /**
     * Validates a comma-separated address list such as {@code volatile.addresses} and returns its entries,
     * trimmed. A blank list is valid and has no entries; an empty entry between commas is not.
     *
     * @throws ValidationException for the first invalid entry
     */
    public static List<String> parseAddressList(String commaSeparated)
    {
        requireNonNull(commaSeparated, "commaSeparated is null");
        if (commaSeparated.isBlank()) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        for (String entry : commaSeparated.split(",", -1)) {
            String address = entry.strip();
            validateHostPort(address);
            addresses.add(address);
        }
        return List.copyOf(addresses);
    }

    /** {@link #parseAddressList} without the result. */
    public static void validateAddressList(String commaSeparated)
    {
        parseAddressList(commaSeparated);
    }

    /**
     * A {@code core.https_address} value: empty (not listening), or a host with an optional port. The
     * host may be a wildcard ({@code ""}, {@code 0.0.0.0}, {@code ::}, {@code [::]}), an IP address
     * (IPv6 bracketed when a port follows) or a domain name; e.g. {@code :8443}, {@code 127.0.0.1:8443},
     * {@code [::1]:8443}, {@code 0.0.0.0}. A missing port means {@link #DEFAULT_PORT}.
     *
     * @throws ValidationException naming the address and what is wrong with it
     */
    public static void validateListenAddress(String address)
    {
        requireNonNull(address, "address is null");
        if (address.isEmpty()) {
            return;
        }
        String prefix = "Invalid listen address " + GoStrings.quote(address) + ": ";
        Optional<HostPort> hostPort = HostPort.tryParse(address);
        String host = hostPort.map(HostPort::host).orElse(address);
        if (hostPort.isPresent() && !hostPort.get().port().isEmpty()) {
            try {
                validatePort(hostPort.get().port());
            }
            catch (ValidationException exception) {
                throw new ValidationException(prefix + exception.getMessage());
            }
        }
        if (WILDCARD_HOSTS.contains(host)) {
            return;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            String inner = host.substring(1, host.length() - 1);
            if (inner.indexOf(':') < 0 || parseIpLiteral(inner).isEmpty()) {
                throw new ValidationException(prefix + "Not an IPv6 address " + GoStrings.quote(inner));
            }
            return;
        }
        if (parseIpLiteral(host).isPresent()) {
            return;
        }
        try {
            validateDomainName(host);
        }
        catch (ValidationException exception) {
            throw new ValidationException(prefix + exception.getMessage());
        }
    }

    /**
     * A port number as LXD's {@code IsNetworkPort} checks it: decimal digits only, at most 65535.
     *
     * @throws ValidationException {@code Invalid port number "<port>"} or
     *         {@code Out of port number range (0-65535) "<port>"}
     */
    public static int validatePort(String port)
    {
        requireNonNull(port, "port is null");
        if (port.isEmpty() || port.length() > 10 || !port.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw new ValidationException("Invalid port number " + GoStrings.quote(port));
        }
        long value = Long.parseLong(port);
        if (value > MAXIMUM_UINT32) {
            throw new ValidationException("Invalid port number " + GoStrings.quote(port));
        }
        if (value > MAXIMUM_PORT) {
            throw new ValidationException("Out of port number range (0-65535) " + GoStrings.quote(port));
        }
        return (int) value;
    }

    /**
     * A host name: at most 253 characters of dot-separated labels, each 1 to 63 letters, digits or
     * hyphens and neither starting nor ending with a hyphen. The last label must not be all digits
     * (RFC 3696 §2), which keeps malformed IPv4 addresses such as {@code 300.1.1.1} from passing as names.
     *
     * @throws ValidationException {@code Invalid domain name "<name>": <reason>}
     */
    public static void validateDomainName(String name)
    {
        requireNonNull(name, "name is null");
        String prefix = "Invalid domain name " + GoStrings.quote(name) + ": ";
        if (name.isEmpty()) {
            throw new ValidationException(prefix + "empty");
        }
        if (name.length() > MAXIMUM_DOMAIN_NAME_LENGTH) {
            throw new ValidationException(prefix + "longer than " + MAXIMUM_DOMAIN_NAME_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new ValidationException(prefix + "empty label");
            }
            if (label.length() > MAXIMUM_LABEL_LENGTH) {
                throw new ValidationException(prefix + "label " + GoStrings.quote(label) + " is longer than " + MAXIMUM_LABEL_LENGTH + " characters");
            }
            for (int index = 0; index < label.length(); ) {
                int codePoint = label.codePointAt(index);
                if (!isAsciiLetterOrDigit(codePoint) && codePoint != '-') {
                    throw new ValidationException(prefix + "label " + GoStrings.quote(label) + " contains invalid character " + GoStrings.quoteRune(codePoint));
                }
                index += Character.charCount(codePoint);
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new ValidationException(prefix + "label " + GoStrings.quote(label) + " starts or ends with a hyphen");
            }
        }
        String topLevel = labels[labels.length - 1];
        if (topLevel.chars().allMatch(character -> character >= '0' && character <= '9')) {
            throw new ValidationException(prefix + "label " + GoStrings.quote(topLevel) + " is all digits");
        }
    }

    /**
     * An IP address literal as Go's {@code net.ParseIP} accepts it: dotted-decimal IPv4 without leading
     * zeros, or IPv6 without brackets or zone. Never consults a name service.
     */
    public static Optional<InetAddress> parseIpLiteral(String text)
    {
        requireNonNull(text, "text is null");
        if (text.indexOf(':') < 0) {
            return parseIpv4(text).map(NetworkAddresses::ipv4Address);
        }
        // The JDK parser also takes brackets, zones and sloppy embedded IPv4; Go's does not
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (Character.digit(character, 16) < 0 && character != ':' && character != '.') {
                return Optional.empty();
            }
        }
        if (text.indexOf('.') >= 0 && parseIpv4(text.substring(text.lastIndexOf(':') + 1)).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.ofLiteral(text));
        }
        catch (IllegalArgumentException _) {
            return Optional.empty();
        }
    }

    /**
     * Go's {@code net.IP.String}: dotted decimal for IPv4 (and IPv4-mapped IPv6), otherwise RFC 5952
     * compressed lowercase hex ({@code ::1}, {@code 2001:db8::1}).
     */
    public static String formatIp(InetAddress address)
    {
        requireNonNull(address, "address is null");
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return address.getHostAddress();
        }
        if (isIpv4Mapped(bytes)) {
            return (bytes[12] & 0xFF) + "." + (bytes[13] & 0xFF) + "." + (bytes[14] & 0xFF) + "." + (bytes[15] & 0xFF);
        }
        int[] groups = new int[8];
        for (int group = 0; group < 8; group++) {
            groups[group] = ((bytes[2 * group] & 0xFF) << 8) | (bytes[2 * group + 1] & 0xFF);
        }
        // The first longest run of two or more zero groups becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; ) {
            if (groups[start] != 0) {
                start++;
                continue;
            }
            int end = start;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - start > bestLength) {
                bestStart = start;
                bestLength = end - start;
            }
            start = end;
        }
        StringBuilder text = new StringBuilder();
        for (int group = 0; group < 8; group++) {
            if (group == bestStart) {
                text.append("::");
                group += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[group]));
        }
        return text.toString();
    }

    private static Optional<byte[]> parseIpv4(String text)
    {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int index = 0; index < 4; index++) {
            String part = parts[index];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(character -> character >= '0' && character <= '9')) {
                return Optional.empty();
            }
            // Go rejects leading zeros, which other parsers read as octal
            if (part.length() > 1 && part.charAt(0) == '0') {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[index] = (byte) value;
        }
        return Optional.of(bytes);
    }

    private static InetAddress ipv4Address(byte[] bytes)
    {
        try {
            return Inet4Address.getByAddress(bytes);
        }
        catch (UnknownHostException exception) {
            throw new IllegalStateException("Four bytes are always a valid IPv4 address", exception);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes)
    {
        for (int index = 0; index < 10; index++) {
            if (bytes[index] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }

    private static boolean isAsciiLetterOrDigit(int codePoint)
    {
        return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z') || (codePoint >= '0' && codePoint <= '9');
    }
}
