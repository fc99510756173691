package dev.jxd.daemon.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

final class TestSqliteNativeLibrary
{
    private static final String X86_64 = "/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so";

    @Test
    void testHandlesOnlyTheCommonLinuxPlatforms()
    {
        assertThat(SqliteNativeLibrary.resourcePath("Linux", "amd64", "OpenJDK Runtime Environment")).contains(X86_64);
        assertThat(SqliteNativeLibrary.resourcePath("Linux", "aarch64", "OpenJDK Runtime Environment")).contains("/org/sqlite/native/Linux/aarch64/libsqlitejdbc.so");
        assertThat(SqliteNativeLibrary.resourcePath("Linux", "arm", "OpenJDK Runtime Environment")).isEmpty();
        assertThat(SqliteNativeLibrary.resourcePath("Mac OS X", "aarch64", "OpenJDK Runtime Environment")).isEmpty();
        assertThat(SqliteNativeLibrary.resourcePath("Linux", "aarch64", "Android Runtime")).isEmpty();
    }

    @Test
    void testExtractsOnceAndRepairsADamagedCopy(@TempDir Path directory)
            throws IOException
    {
        byte[] expected = resource(X86_64);

        Path library = SqliteNativeLibrary.extract(X86_64, directory).orElseThrow();
        assertThat(library).isEqualTo(directory.resolve("libsqlitejdbc.so"));
        assertThat(Files.readAllBytes(library)).isEqualTo(expected);
        Object firstFile = Files.readAttributes(library, BasicFileAttributes.class).fileKey();

        // An intact copy is kept as it is
        assertThat(SqliteNativeLibrary.extract(X86_64, directory)).contains(library);
        assertThat(Files.readAttributes(library, BasicFileAttributes.class).fileKey()).isEqualTo(firstFile);

        // A copy of the same size with other content is replaced
        byte[] damaged = expected.clone();
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(library, damaged);
        assertThat(SqliteNativeLibrary.extract(X86_64, directory)).contains(library);
        assertThat(Files.readAllBytes(library)).isEqualTo(expected);
        Path checksum = directory.resolve("libsqlitejdbc.so.crc32");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactlyInAnyOrder(library, checksum);
        }

        // So is a copy whose checksum is missing or unreadable (an extraction interrupted before it finished)
        for (String storedChecksum : new String[] {null, "not a checksum"}) {
            Files.write(library, damaged);
            if (storedChecksum == null) {
                Files.delete(checksum);
            }
            else {
                Files.writeString(checksum, storedChecksum);
            }
            assertThat(SqliteNativeLibrary.extract(X86_64, directory)).contains(library);
            assertThat(Files.readAllBytes(library)).isEqualTo(expected);
            assertThat(Files.readString(checksum)).isEqualTo(Long.toHexString(SqliteNativeLibrary.crc32(expected)));
        }
    }

    @Test
    void testMissingResource(@TempDir Path directory)
            throws IOException
    {
        assertThat(SqliteNativeLibrary.extract("/org/sqlite/native/Nowhere/libsqlitejdbc.so", directory)).isEqualTo(Optional.empty());
    }

    @Test
    void testCrcOfFileAndBytesAgree(@TempDir Path directory)
            throws IOException
    {
        byte[] data = new byte[200_000];
        for (int index = 0; index < data.length; index++) {
            data[index] = (byte) (index * 31);
        }
        Path file = directory.resolve("data");
        Files.write(file, data);

        assertThat(SqliteNativeLibrary.crc32(file)).isEqualTo(SqliteNativeLibrary.crc32(data));
    }

    private static byte[] resource(String path)
            throws IOException
    {
        try (InputStream input = SQLiteJDBCLoader.class.getResourceAsStream(path)) {
            assertThat(input).isNotNull();
            return input.readAllBytes();
        }
    }
}
