package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.raft.MiniCluster.Member;
import dev.jxd.daemon.db.raft.TestCommands.Increment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** A member killed with SIGKILL in the middle of writing recovers from its storage. */
final class TestMemberCrash
{
    private static final int ACKNOWLEDGED_BEFORE_KILL = 20;

    @Test
    void testKilledMemberRecoversFromItsStorage(@TempDir Path directory)
            throws Exception
    {
        try (MiniCluster cluster = new MiniCluster(directory, MiniCluster.QUICK)) {
            List<Member> members = List.of(cluster.reserve("m1"), cluster.reserve("m2"));
            Member crashing = cluster.reserve("m3");
            Path certificate = directory.resolve("cluster.crt");
            Path key = directory.resolve("cluster.key");
            Files.writeString(certificate, cluster.certificate().certificatePem());
            Files.writeString(key, cluster.certificate().privateKeyPem());

            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow",
                    // A short-lived process on a small machine: quick compilation only
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-DJXD_LOG=error",
                    "-cp", System.getProperty("java.class.path"),
                    CrashingMember.class.getName(),
                    crashing.name(),
                    crashing.address().address(),
                    crashing.directory().toString(),
                    certificate.toString(),
                    key.toString()));
            for (Member member : members) {
                command.add(member.name() + "=" + member.address().address());
            }
            // The other process starts (slowly, from cold) while this one forms the cluster it is to join
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int acknowledged = 0;
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                cluster.bootstrap("m1", database -> {});
                cluster.join("m2", PeerRole.VOTER);
                assertThat(output.readLine()).isEqualTo("READY");
                cluster.leader().store().addPeer(crashing.address(), PeerRole.VOTER);
                while (acknowledged < ACKNOWLEDGED_BEFORE_KILL) {
                    assertThat(output.readLine()).isEqualTo("ACK");
                    acknowledged++;
                }
                // SIGKILL while it keeps writing: no close, no flush, maybe an entry in flight
                process.destroyForcibly();
                process.waitFor();
                while (readLine(output).isPresent()) {
                    acknowledged++;
                }
            }
            finally {
                process.destroyForcibly();
            }

            for (int write = 0; write < 5; write++) {
                cluster.leader().store().execute(new Increment("counter"));
            }
            crashing.restart();
            cluster.awaitConvergence();

            long counter = Long.parseLong(TestReplicatedStateStore.config(crashing, "counter").orElseThrow());
            // The write in flight at the kill may or may not have been committed; none was applied twice
            assertThat(counter).isBetween(acknowledged + 5L, acknowledged + 6L);
            for (Member member : cluster.running()) {
                assertThat(cluster.contents(member)).isEqualTo(cluster.contents(crashing));
            }
        }
    }

    private static Optional<String> readLine(BufferedReader reader)
    {
        try {
            return Optional.ofNullable(reader.readLine());
        }
        catch (IOException exception) {
            return Optional.empty();
        }
    }
}
