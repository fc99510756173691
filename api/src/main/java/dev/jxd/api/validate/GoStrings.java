package dev.jxd.api.validate;

/**
 * Go's {@code %q} quoting, so messages that embed user input read exactly as LXD's do
 * ({@code Invalid name "a\\b", ...}).
 */
final class GoStrings
{
    private GoStrings() {}

    /** {@code strconv.Quote}: double quotes, backslash escapes, printable Unicode kept as is. */
    static String quote(String value)
    {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(codePoint -> appendEscaped(quoted, codePoint, '"'));
        return quoted.append('"').toString();
    }

    /** {@code %q} of a rune: single quotes. */
    static String quoteRune(int codePoint)
    {
        StringBuilder quoted = new StringBuilder("'");
        appendEscaped(quoted, codePoint, '\'');
        return quoted.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder builder, int codePoint, char quote)
    {
        if (codePoint == quote || codePoint == '\\') {
            builder.append('\\').appendCodePoint(codePoint);
            return;
        }
        if (isPrintable(codePoint)) {
            builder.appendCodePoint(codePoint);
            return;
        }
        switch (codePoint) {
            case 0x07 -> builder.append("\\a");
            case '\b' -> builder.append("\\b");
            case '\f' -> builder.append("\\f");
            case '\n' -> builder.append("\\n");
            case '\r' -> builder.append("\\r");
            case '\t' -> builder.append("\\t");
            case 0x0B -> builder.append("\\v");
            default -> {
                if (codePoint < 0x20 || codePoint == 0x7F) {
                    builder.append(String.format("\\x%02x", codePoint));
                }
                else if (codePoint < 0x10000) {
                    builder.append(String.format("\\u%04x", codePoint));
                }
                else {
                    builder.append(String.format("\\U%08x", codePoint));
                }
            }
        }
    }

    // Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
    private static boolean isPrintable(int codePoint)
    {
        if (codePoint == ' ') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
