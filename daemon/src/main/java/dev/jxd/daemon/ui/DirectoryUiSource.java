package dev.jxd.daemon.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Serves the UI from a directory, reading each file when asked, so that a UI rebuilt in place (a developer's
 * {@code vite build --watch}) is served without restarting the daemon.
 */
final class DirectoryUiSource
        implements UiSource
{
    private final Path root;

    DirectoryUiSource(Path root)
    {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    @Override
    public Optional<UiFile> file(String path)
    {
        if (!UiPaths.isSafe(path)) {
            return Optional.empty();
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UiFile(path, Files.readAllBytes(file)));
        }
        catch (NoSuchFileException _) {
            // Removed between the check and the read (a rebuild in progress)
            return Optional.empty();
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot read " + file, exception);
        }
    }

    @Override
    public String toString()
    {
        return "directory " + root;
    }
}
