package dev.jxd.daemon.ui;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content types of the files a Vite build produces. An explicit table rather than the platform's guesses, so
 * that a JavaScript module is always served as JavaScript (browsers refuse modules with another type under
 * {@code nosniff}).
 */
final class MediaTypes
{
    static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"));

    private static final Set<String> COMPRESSIBLE = Set.of("html", "js", "mjs", "css", "json", "map", "webmanifest", "svg", "txt", "ico", "ttf", "wasm");

    private MediaTypes() {}

    static String of(String path)
    {
        return BY_EXTENSION.getOrDefault(extension(path), DEFAULT);
    }

    static boolean isCompressible(String path)
    {
        return COMPRESSIBLE.contains(extension(path));
    }

    private static String extension(String path)
    {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return "";
        }
        return path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
