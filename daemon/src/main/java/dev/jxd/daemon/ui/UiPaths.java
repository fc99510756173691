package dev.jxd.daemon.ui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns the raw path of a {@code /ui/...} request into a path relative to the UI root, refusing anything that
 * could name a file outside it. Each segment is decoded on its own, so an encoded separator ({@code %2F},
 * {@code %5C}) or dot segment ({@code %2e%2e}) cannot appear after the checks have run.
 */
final class UiPaths
{
    private UiPaths() {}

    /**
     * The path below {@code /ui/} of {@code rawPath}, decoded: {@code ""} for the root itself, and a trailing
     * {@code /} kept (a directory, which is never a file). Empty when the path is not acceptable: an empty,
     * {@code .} or {@code ..} segment, a segment starting with a dot (hidden files are never part of a build),
     * a separator, backslash or control character inside a segment, or malformed percent-encoding.
     */
    static Optional<String> relative(String rawPath, String prefix)
    {
        if (!rawPath.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = rawPath.substring(prefix.length());
        if (rest.isEmpty()) {
            return Optional.of("");
        }
        boolean directory = rest.endsWith("/");
        String[] segments = (directory ? rest.substring(0, rest.length() - 1) : rest).split("/", -1);
        StringBuilder path = new StringBuilder(rest.length());
        for (String raw : segments) {
            Optional<String> segment = decode(raw);
            if (segment.isEmpty() || !acceptable(segment.get())) {
                return Optional.empty();
            }
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(segment.get());
        }
        if (directory) {
            path.append('/');
        }
        return Optional.of(path.toString());
    }

    /** Whether {@code path} is one that {@link #relative} can return for a file (no trailing {@code /}). */
    static boolean isSafe(String path)
    {
        if (path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!acceptable(segment)) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptable(String segment)
    {
        if (segment.isEmpty() || segment.startsWith(".")) {
            return false;
        }
        for (int index = 0; index < segment.length(); index++) {
            char character = segment.charAt(index);
            if (character == '/' || character == '\\' || character < 0x20 || character == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding to UTF-8; {@code +} stays a plus, as in any path. */
    private static Optional<String> decode(String raw)
    {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int index = 0; index < raw.length(); index++) {
            char character = raw.charAt(index);
            if (character != '%') {
                if (character > 0x7f) {
                    return Optional.empty();
                }
                bytes.write(character);
                continue;
            }
            if (index + 2 >= raw.length() || !HexFormat.isHexDigit(raw.charAt(index + 1)) || !HexFormat.isHexDigit(raw.charAt(index + 2))) {
                return Optional.empty();
            }
            bytes.write(HexFormat.fromHexDigits(raw, index + 1, index + 3));
            index += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        }
        catch (CharacterCodingException _) {
            return Optional.empty();
        }
    }
}
