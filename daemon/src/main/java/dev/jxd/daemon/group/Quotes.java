package dev.jxd.daemon.group;

/** Go's {@code %q} for the user input this package puts into messages, so they read as LXD's do. */
final class Quotes
{
    private Quotes() {}

    static String quote(String value)
    {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(codePoint -> {
            switch (codePoint) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(codePoint)) {
                        quoted.append(codePoint < 0x80 ? "\\x%02x".formatted(codePoint) : "\\u%04x".formatted(codePoint));
                    }
                    else {
                        quoted.appendCodePoint(codePoint);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }
}
