package dev.jxd.daemon.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.READ;

/**
 * Keeps sqlite-jdbc's native library extracted in a directory of the daemon's own, so that starting
 * does not repeat sqlite-jdbc's default loading: spawning {@code uname} to detect the platform and
 * extracting a fresh copy of the library into the temporary directory every time, which together cost
 * about a second of start-up.
 *
 * <p>Only the common platforms (glibc Linux on x86_64 or aarch64) are handled here. Anywhere else, or
 * when the copy cannot be made or loaded, nothing is set and sqlite-jdbc loads its library as usual.
 */
public final class SqliteNativeLibrary
{
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final String LIBRARY_NAME = "libsqlitejdbc.so";
    private static final String CHECKSUM_SUFFIX = ".crc32";

    private SqliteNativeLibrary() {}

    /**
     * Points sqlite-jdbc at a copy of its native library under {@code directory}, extracting it first
     * when the copy is missing or differs from the library in sqlite-jdbc's jar. Must run before the
     * first SQLite connection is opened; does nothing if {@code org.sqlite.lib.path} is already set.
     */
    public static void install(Path directory)
    {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        Optional<String> resource = resourcePath(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), System.getProperty("java.runtime.name", ""));
        if (resource.isEmpty() || isMusl()) {
            return;
        }
        try {
            Optional<Path> library = extract(resource.get(), directory.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()));
            library.ifPresent(path -> {
                System.setProperty(PATH_PROPERTY, path.getParent().toString());
                System.setProperty(NAME_PROPERTY, path.getFileName().toString());
            });
        }
        catch (IOException | UncheckedIOException exception) {
            LOG.debug("Cannot keep SQLite's native library in {}; sqlite-jdbc will extract it itself", directory, exception);
        }
    }

    /** The class-path resource of the library for the platform, when it is one handled here. */
    static Optional<String> resourcePath(String osName, String osArch, String runtimeName)
    {
        if (!osName.equals("Linux") || runtimeName.toLowerCase(Locale.ROOT).contains("android")) {
            return Optional.empty();
        }
        String folder = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> null;
        };
        return Optional.ofNullable(folder).map(name -> "/org/sqlite/native/Linux/" + name + "/" + LIBRARY_NAME);
    }

    /**
     * Copies the library resource to {@code directory} unless an intact copy is already there, and returns
     * the copy. A copy is written with its CRC-32 beside it ({@code libsqlitejdbc.so.crc32}); checking a copy
     * against that costs a millisecond (the JDK's CRC-32 is a CPU instruction), where inflating the library
     * from the jar to compare costs tens of milliseconds of start-up. The directory is named after
     * sqlite-jdbc's version, so another version never finds this copy; a damaged or partly written copy
     * fails the check and is replaced.
     */
    static Optional<Path> extract(String resource, Path directory)
            throws IOException
    {
        Path target = directory.resolve(LIBRARY_NAME);
        Path checksum = directory.resolve(LIBRARY_NAME + CHECKSUM_SUFFIX);
        if (Files.isRegularFile(target) && Files.isRegularFile(checksum) && storedChecksum(checksum).equals(Optional.of(crc32(target)))) {
            return Optional.of(target);
        }
        byte[] library;
        try (InputStream input = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (input == null) {
                return Optional.empty();
            }
            library = input.readAllBytes();
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        // Written aside and renamed into place, so that a concurrent or interrupted start never loads half a
        // library; the checksum goes last, so a copy without one is never trusted
        Files.deleteIfExists(checksum);
        writeAtomically(directory, target, library, "rwx------");
        writeAtomically(directory, checksum, Long.toHexString(crc32(library)).getBytes(StandardCharsets.US_ASCII), "rw-------");
        return Optional.of(target);
    }

    private static void writeAtomically(Path directory, Path target, byte[] content, String permissions)
            throws IOException
    {
        // Named after this process rather than with Files.createTempFile, whose random names would load and
        // seed a SecureRandom on the main thread while another thread is busy loading the security providers
        Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            Files.write(temporary, content);
            Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Optional<Long> storedChecksum(Path file)
            throws IOException
    {
        try {
            return Optional.of(Long.parseUnsignedLong(Files.readString(file, StandardCharsets.US_ASCII).strip(), 16));
        }
        catch (NumberFormatException _) {
            return Optional.empty();
        }
    }

    static long crc32(byte[] data)
    {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    static long crc32(Path file)
            throws IOException
    {
        CRC32 crc = new CRC32();
        try (FileChannel channel = FileChannel.open(file, READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }

    private static boolean isMusl()
    {
        // sqlite-jdbc ships separate musl builds; leave such systems to its own detection
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return entries.iterator().hasNext();
        }
        catch (IOException | UncheckedIOException _) {
            return false;
        }
    }
}
