package dev.jxd.cli;

import dev.jxd.api.ResponseEnvelope;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The plain JSON of everyday API responses, read and written without Jackson, for {@code jxc query}: building
 * Jackson's mapper, and even initializing its tree node classes (which set up {@code BigDecimal}), costs more
 * than the rest of the command once picocli and Jetty are out of the way.
 *
 * <p>A document is read into plain values: {@code Map<String, Object>} (insertion-ordered) for objects,
 * {@code List<Object>} for arrays, {@link String}, {@link Long} and {@link Boolean}, and Java {@code null} for
 * JSON null. Only a subset of JSON is read, the one on which the result means exactly what
 * {@code Json.lenient().readTree} returns: strictly UTF-8, no duplicate keys, integers of at most 18 digits, no
 * fractions or exponents, no unpaired surrogates, and sizes far below Jackson's read limits. For anything else,
 * valid or not, {@link #read} answers {@link #OUTSIDE_SUBSET} and the caller asks Jackson.
 *
 * <p>The writers produce byte for byte what the Jackson-based code produces for the same document:
 * {@link #write} what {@code Json.writeBytes} writes, {@link #indent} what {@link GoJson#indent} prints.
 */
final class PlainJson
{
    /** What {@link #read} returns for a document it leaves to Jackson; distinct from JSON {@code null}. */
    static final Object OUTSIDE_SUBSET = new Object();

    private static final int MAX_LENGTH = 1024 * 1024;
    private static final int MAX_DEPTH = 100;
    private static final int MAX_NAME_LENGTH = 10_000;
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final char[] UPPER_HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    // The document as an array rather than a String: reading runs mostly in the interpreter, where each
    // charAt call costs more than an array access
    private final char[] text;
    private final int length;
    private int position;

    private PlainJson(char[] text, int length)
    {
        this.text = requireNonNull(text, "text is null");
        this.length = length;
    }

    /** The value of a UTF-8 document, or {@link #OUTSIDE_SUBSET}. */
    static Object read(byte[] utf8)
    {
        if (utf8.length > MAX_LENGTH) {
            return OUTSIDE_SUBSET;
        }
        try {
            // Jackson rejects malformed UTF-8 and skips a byte order mark; the decoder reports both as errors
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8));
            return read(decoded.array(), decoded.limit());
        }
        catch (CharacterCodingException e) {
            return OUTSIDE_SUBSET;
        }
    }

    /** The value of a document, or {@link #OUTSIDE_SUBSET}. */
    static Object read(String text)
    {
        if (text.length() > MAX_LENGTH) {
            return OUTSIDE_SUBSET;
        }
        return read(text.toCharArray(), text.length());
    }

    private static Object read(char[] text, int length)
    {
        PlainJson reader = new PlainJson(text, length);
        try {
            Object value = reader.readValue(0);
            reader.skipWhitespace();
            return reader.position == length ? value : OUTSIDE_SUBSET;
        }
        catch (OutsideSubsetException e) {
            return OUTSIDE_SUBSET;
        }
    }

    /** Whether the value is an LXD response envelope: an object with a {@code type} member, whatever its value. */
    static boolean isEnvelope(Object value)
    {
        return value instanceof Map<?, ?> object && object.containsKey("type");
    }

    /**
     * The envelope {@code Json.convert(tree, ResponseEnvelope.class)} gives for an envelope {@link #read} returned,
     * or {@code null} when a member has a type Jackson would coerce or reject: the text members must be strings
     * or null, the codes integers in {@code int} range or null. The metadata is left out ({@code null}); it is
     * printed from the value itself.
     */
    static ResponseEnvelope envelope(Object value)
    {
        if (!(value instanceof Map<?, ?> object)) {
            return null;
        }
        Object type = object.get("type");
        Object status = object.get("status");
        Object statusCode = object.get("status_code");
        Object operation = object.get("operation");
        Object errorCode = object.get("error_code");
        Object error = object.get("error");
        if (!isTextOrNull(type) || !isTextOrNull(status) || !isTextOrNull(operation) || !isTextOrNull(error)
                || !isIntOrNull(statusCode) || !isIntOrNull(errorCode)) {
            return null;
        }
        return new ResponseEnvelope(
                (String) type,
                (String) status,
                statusCode == null ? 0 : ((Long) statusCode).intValue(),
                (String) operation,
                errorCode == null ? 0 : ((Long) errorCode).intValue(),
                (String) error,
                null);
    }

    /** Compact JSON, as {@code Json.writeBytes} writes the tree Jackson reads from the same document. */
    static byte[] write(Object value)
    {
        StringBuilder builder = new StringBuilder();
        write(builder, value);
        return builder.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Indented JSON, as {@link GoJson#indent} prints the tree Jackson reads from the same document.
     *
     * @param sortKeys true to sort object keys, as Go does after decoding into a map; false to keep the order received
     */
    static String indent(Object value, boolean sortKeys)
    {
        StringBuilder builder = new StringBuilder();
        indent(builder, value, sortKeys, 0);
        return builder.toString();
    }

    private static boolean isTextOrNull(Object value)
    {
        return value == null || value instanceof String;
    }

    private static boolean isIntOrNull(Object value)
    {
        return value == null || (value instanceof Long number && number == number.intValue());
    }

    private Object readValue(int depth)
            throws OutsideSubsetException
    {
        if (depth > MAX_DEPTH) {
            throw OutsideSubsetException.INSTANCE;
        }
        skipWhitespace();
        return switch (peek()) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> readInteger();
        };
    }

    private Map<String, Object> readObject(int depth)
            throws OutsideSubsetException
    {
        Map<String, Object> object = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw OutsideSubsetException.INSTANCE;
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth + 1);
            // Jackson keeps the last value of a repeated key at the first one's place; rare enough to leave to it
            if (name.length() > MAX_NAME_LENGTH || object.containsKey(name)) {
                throw OutsideSubsetException.INSTANCE;
            }
            object.put(name, value);
            skipWhitespace();
            if (peek() == '}') {
                position++;
                return object;
            }
            expect(',');
        }
    }

    private List<Object> readArray(int depth)
            throws OutsideSubsetException
    {
        List<Object> array = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return array;
        }
        while (true) {
            array.add(readValue(depth + 1));
            skipWhitespace();
            if (peek() == ']') {
                position++;
                return array;
            }
            expect(',');
        }
    }

    private String readString()
            throws OutsideSubsetException
    {
        position++;
        int start = position;
        boolean surrogates = false;
        // Most strings have no escapes: take them as they are
        while (position < length) {
            char c = text[position];
            if (c == '"') {
                position++;
                String value = new String(text, start, position - 1 - start);
                return surrogates ? requirePairedSurrogates(value) : value;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            surrogates |= c >= Character.MIN_SURROGATE;
            position++;
        }
        StringBuilder value = new StringBuilder(position - start + 16).append(text, start, position - start);
        while (position < length) {
            char c = text[position++];
            if (c == '"') {
                return requirePairedSurrogates(value.toString());
            }
            if (c < 0x20) {
                throw OutsideSubsetException.INSTANCE;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = position < length ? text[position++] : 0;
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(readHexCharacter());
                default -> throw OutsideSubsetException.INSTANCE;
            }
        }
        throw OutsideSubsetException.INSTANCE;
    }

    private char readHexCharacter()
            throws OutsideSubsetException
    {
        if (position + 4 > length) {
            throw OutsideSubsetException.INSTANCE;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            // ASCII digits only, as JSON has them (Character.digit would take other scripts' digits too)
            char c = text[position++];
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            }
            else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            }
            else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            }
            else {
                throw OutsideSubsetException.INSTANCE;
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private static String requirePairedSurrogates(String value)
            throws OutsideSubsetException
    {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                throw OutsideSubsetException.INSTANCE;
            }
        }
        return value;
    }

    private Object readLiteral(String literal, Boolean value)
            throws OutsideSubsetException
    {
        for (int i = 0; i < literal.length(); i++) {
            if (position == length || text[position++] != literal.charAt(i)) {
                throw OutsideSubsetException.INSTANCE;
            }
        }
        return value;
    }

    // Fractions and exponents (Jackson's doubles) are left to Jackson; so are integers near the long range
    private Long readInteger()
            throws OutsideSubsetException
    {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        int digitsStart = position;
        while (position < length && text[position] >= '0' && text[position] <= '9') {
            position++;
        }
        int digits = position - digitsStart;
        if (digits == 0 || digits > MAX_INTEGER_DIGITS || (digits > 1 && text[digitsStart] == '0')) {
            throw OutsideSubsetException.INSTANCE;
        }
        char next = peek();
        if (next == '.' || next == 'e' || next == 'E') {
            throw OutsideSubsetException.INSTANCE;
        }
        return Long.parseLong(new String(text, start, position - start));
    }

    private void skipWhitespace()
    {
        while (position < length) {
            char c = text[position];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            position++;
        }
    }

    private char peek()
    {
        return position < length ? text[position] : 0;
    }

    private void expect(char expected)
            throws OutsideSubsetException
    {
        if (peek() != expected) {
            throw OutsideSubsetException.INSTANCE;
        }
        position++;
    }

    private static void write(StringBuilder builder, Object value)
    {
        if (value instanceof Map<?, ?> object) {
            builder.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : object.entrySet()) {
                if (!first) {
                    builder.append(',');
                }
                first = false;
                appendJacksonString(builder, (String) member.getKey());
                builder.append(':');
                write(builder, member.getValue());
            }
            builder.append('}');
        }
        else if (value instanceof List<?> array) {
            builder.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    builder.append(',');
                }
                write(builder, array.get(i));
            }
            builder.append(']');
        }
        else if (value instanceof String string) {
            appendJacksonString(builder, string);
        }
        else {
            // Long, Boolean and null print as Jackson prints them
            builder.append(value);
        }
    }

    // Jackson's default escaping: quote, backslash and control characters, with the short forms JSON has
    private static void appendJacksonString(StringBuilder builder, String value)
    {
        builder.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> builder.append("\\\"");
                case '\\' -> builder.append("\\\\");
                case '\b' -> builder.append("\\b");
                case '\f' -> builder.append("\\f");
                case '\n' -> builder.append("\\n");
                case '\r' -> builder.append("\\r");
                case '\t' -> builder.append("\\t");
                default -> {
                    if (c < 0x20) {
                        builder.append("\\u00").append(UPPER_HEX_DIGITS[c >> 4]).append(UPPER_HEX_DIGITS[c & 0xf]);
                    }
                    else {
                        builder.append(c);
                    }
                }
            }
        }
        builder.append('"');
    }

    private static void indent(StringBuilder builder, Object value, boolean sortKeys, int depth)
    {
        if (value instanceof Map<?, ?> object) {
            if (object.isEmpty()) {
                builder.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>(object.size());
            for (Object key : object.keySet()) {
                keys.add((String) key);
            }
            if (sortKeys) {
                keys.sort(null);
            }
            builder.append("{\n");
            for (int i = 0; i < keys.size(); i++) {
                builder.repeat('\t', depth + 1);
                GoJson.appendString(builder, keys.get(i));
                builder.append(": ");
                indent(builder, object.get(keys.get(i)), sortKeys, depth + 1);
                builder.append(i + 1 < keys.size() ? ",\n" : "\n");
            }
            builder.repeat('\t', depth).append('}');
        }
        else if (value instanceof List<?> array) {
            if (array.isEmpty()) {
                builder.append("[]");
                return;
            }
            builder.append("[\n");
            for (int i = 0; i < array.size(); i++) {
                builder.repeat('\t', depth + 1);
                indent(builder, array.get(i), sortKeys, depth + 1);
                builder.append(i + 1 < array.size() ? ",\n" : "\n");
            }
            builder.repeat('\t', depth).append(']');
        }
        else if (value instanceof String string) {
            GoJson.appendString(builder, string);
        }
        else {
            builder.append(value);
        }
    }


    /** The document is outside the subset; thrown without a stack trace, as a plain transfer of control. */
    private static final class OutsideSubsetException
            extends Exception
    {
        static final OutsideSubsetException INSTANCE = new OutsideSubsetException();

        private OutsideSubsetException()
        {
            super("outside the subset PlainJson reads", null, false, false);
        }
    }
}
