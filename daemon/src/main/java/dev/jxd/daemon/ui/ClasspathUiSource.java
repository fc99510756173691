package dev.jxd.daemon.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Serves the UI packaged in a jar. The jar cannot change while the daemon runs, so each file is read once and
 * kept (with its gzip variant once computed). Only files that exist are kept: misses are deep links of the
 * single-page app, with arbitrary names, and caching them would let any caller grow the cache.
 */
final class ClasspathUiSource
        implements UiSource
{
    private final ClassLoader classLoader;
    private final String prefix;
    private final Map<String, UiFile> files = new ConcurrentHashMap<>();

    ClasspathUiSource(ClassLoader classLoader, String prefix)
    {
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
        requireNonNull(prefix, "prefix is null");
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    @Override
    public Optional<UiFile> file(String path)
    {
        if (!UiPaths.isSafe(path)) {
            return Optional.empty();
        }
        UiFile cached = files.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UiFile> loaded = load(path);
        loaded.ifPresent(file -> files.putIfAbsent(path, file));
        return loaded;
    }

    private Optional<UiFile> load(String path)
    {
        URL resource = classLoader.getResource(prefix + path);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = resource.openConnection();
            // A directory ("webui/assets") resolves too: a jar's directory entry, or a directory of an exploded
            // classpath that would open as a listing of its names
            if (connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory()) {
                return Optional.empty();
            }
            if (resource.getProtocol().equals("file") && !Files.isRegularFile(Path.of(resource.toURI()))) {
                return Optional.empty();
            }
            try (InputStream input = connection.getInputStream()) {
                return Optional.of(new UiFile(path, input.readAllBytes()));
            }
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot read " + resource, exception);
        }
        catch (URISyntaxException exception) {
            throw new IllegalStateException("Unexpected resource URL " + resource, exception);
        }
    }

    @Override
    public String toString()
    {
        return "classpath " + prefix;
    }
}
