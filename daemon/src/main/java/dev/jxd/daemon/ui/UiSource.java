package dev.jxd.daemon.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the built web UI comes from: a directory holding {@code index.html} and {@code assets/}, or the same
 * layout under a classpath prefix (the {@code jxd-ui} jar's {@code webui/}).
 */
public interface UiSource
{
    /** Names a directory to serve the UI from instead of the bundled one, as {@code LXD_UI} does for LXD. */
    String ENVIRONMENT_VARIABLE = "JXD_UI";
    String CLASSPATH_PREFIX = "webui/";
    String INDEX = "index.html";

    /**
     * The regular file at {@code path}, relative to the UI root with {@code /} separators; empty for a directory,
     * a missing file, and any path with an empty, {@code .} or {@code ..} segment.
     */
    Optional<UiFile> file(String path);

    /** Whether there is a UI at all: a build without one has no {@code index.html}. */
    default boolean available()
    {
        return file(INDEX).isPresent();
    }

    static UiSource directory(Path root)
    {
        return new DirectoryUiSource(root);
    }

    static UiSource classpath(ClassLoader classLoader, String prefix)
    {
        return new ClasspathUiSource(classLoader, prefix);
    }

    /** {@code JXD_UI} when it names a directory, the UI bundled on the classpath otherwise. */
    static UiSource fromEnvironment(Map<String, String> environment)
    {
        String configured = environment.getOrDefault(ENVIRONMENT_VARIABLE, "");
        if (!configured.isEmpty()) {
            Path directory = Path.of(configured);
            if (Files.isDirectory(directory)) {
                return directory(directory);
            }
            Logger log = LoggerFactory.getLogger(UiSource.class);
            log.warn("{}={} is not a directory; serving the bundled UI", ENVIRONMENT_VARIABLE, configured);
        }
        return classpath(UiSource.class.getClassLoader(), CLASSPATH_PREFIX);
    }
}
