package dev.jxd.daemon;

import dev.jxd.api.cert.CertificateParseException;
import dev.jxd.api.server.ServerInfo;
import dev.jxd.daemon.testing.MutableClock;
import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up loads the server certificate on a thread of its own while the database opens, and builds the
 * HTTPS side before it has the certificate: what it loads must still be what it serves, and a failure on
 * that thread must stop the start as it did on the main thread.
 */
final class TestDaemonStart
{
    @Test
    void testServesTheCertificateItCreatedAndKeepsItAcrossRestarts()
            throws Exception
    {
        TestDaemon server = TestDaemon.start();
        try {
            String created = Files.readString(server.stateDirectory().resolve("server.crt"));
            assertThat(server.unixClient().getAs("/1.0", ServerInfo.class).environment().certificate()).isEqualTo(created);

            server = server.restart();
            assertThat(Files.readString(server.stateDirectory().resolve("server.crt"))).isEqualTo(created);
            ServerInfo info = server.unixClient().getAs("/1.0", ServerInfo.class);
            assertThat(info.environment().certificate()).isEqualTo(created);
            assertThat(info.environment().certificateFingerprint()).isEqualTo(server.serverFingerprint());
            // The HTTPS listener, whose TLS context is made after the certificate arrived, presents it: the
            // client pins the certificate in server.crt and would fail the handshake on any other
            assertThat(server.httpsClient(null).getAs("/1.0", ServerInfo.class).auth()).isEqualTo("untrusted");
        }
        finally {
            server.close();
        }
    }

    @Test
    void testDamagedKeyStopsTheStartWithItsOwnError()
            throws Exception
    {
        TestDaemon server = TestDaemon.start();
        Path directory = server.stateDirectory();
        server.stop();
        Files.writeString(directory.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        DaemonOptions options = new DaemonOptions(directory, Optional.of("127.0.0.1:" + TestDaemon.freePort()), new MutableClock(), "damaged");

        // The certificate thread's exception itself, not a wrapper around it
        assertThatThrownBy(() -> Daemon.start(options)).isInstanceOf(CertificateParseException.class);

        // Without the damaged pair the same directory starts again, with a new certificate and its old database
        Files.delete(directory.resolve("server.key"));
        Files.delete(directory.resolve("server.crt"));
        try (Daemon daemon = Daemon.start(options)) {
            assertThat(directory.resolve("server.key")).exists();
            assertThat(daemon.socketPath()).exists();
        }
        finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
