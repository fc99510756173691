package dev.jxd.client;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * Builds request paths the way LXD's Go client does: path segments escaped like {@code url.PathEscape},
 * query values like {@code url.QueryEscape}.
 */
public final class ApiPaths
{
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private ApiPaths() {}

    /** Joins {@code base} and the escaped segments with {@code /}, e.g. {@code path("/1.0/auth/groups", "a b")}. */
    public static String path(String base, String... segments)
    {
        requireNonNull(base, "base is null");
        StringBuilder builder = new StringBuilder(base);
        for (String segment : segments) {
            builder.append('/').append(escapeSegment(segment));
        }
        return builder.toString();
    }

    /** Appends {@code name=value} to the path's query string; a {@code null} value leaves the path unchanged. */
    public static String withQuery(String path, String name, String value)
    {
        requireNonNull(path, "path is null");
        requireNonNull(name, "name is null");
        if (value == null) {
            return path;
        }
        return path + (path.indexOf('?') >= 0 ? '&' : '?') + escapeQuery(name) + '=' + escapeQuery(value);
    }

    public static String escapeSegment(String segment)
    {
        requireNonNull(segment, "segment is null");
        return escape(segment, false);
    }

    public static String escapeQuery(String value)
    {
        requireNonNull(value, "value is null");
        return escape(value, true);
    }

    private static String escape(String text, boolean query)
    {
        StringBuilder builder = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c) || (!query && isAllowedInSegment(c))) {
                builder.append((char) c);
            }
            else if (query && c == ' ') {
                builder.append('+');
            }
            else {
                builder.append('%').append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
            }
        }
        return builder.toString();
    }

    private static boolean isUnreserved(int c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    // Go keeps these reserved characters in a path segment; '/', ';', ',' and '?' are escaped
    private static boolean isAllowedInSegment(int c)
    {
        return c == '$' || c == '&' || c == '+' || c == ':' || c == '=' || c == '@';
    }
}
