package dev.jxd.daemon.identity;

import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.cluster.StateCommandCatalog;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.StateCommandCodec;
import dev.jxd.daemon.identity.IdentityStore.UpdateIdentity.NewCertificate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands of restricted certificates and certificate tokens travel through a cluster's log unchanged. */
class TestCertificateCommandsReplicate
{
    private final StateCommandCodec codec = StateCommandCatalog.codec(List.of(IdentityStore.class, TrustTokenStore.class));

    @Test
    void commandsRoundTrip()
    {
        List<StateCommand<?>> commands = List.of(
                new TrustTokenStore.CreatePendingIdentity("00000000-0000-0000-0000-000000000001", "ci", IdentityType.CLIENT_CERTIFICATE_PENDING,
                        "{}", List.of(), List.of("default", "web")),
                new TrustTokenStore.WithdrawPendingIdentity(42),
                new IdentityStore.CreateCertificateIdentity("ci", "ab".repeat(32), "PEM", IdentityType.CLIENT_CERTIFICATE_RESTRICTED, List.of("web")),
                new IdentityStore.UpdateCertificateIdentity("ab".repeat(32), IdentityType.CLIENT_CERTIFICATE, "ci", IdentityType.METRICS_CERTIFICATE_RESTRICTED,
                        List.of("web"), Optional.of(new NewCertificate("cd".repeat(32), "PEM"))),
                new IdentityStore.UpdateCertificateIdentity("ab".repeat(32), IdentityType.CLIENT_CERTIFICATE, "ci", IdentityType.CLIENT_CERTIFICATE,
                        List.of(), Optional.empty()));
        for (StateCommand<?> command : commands) {
            assertThat(codec.decode(codec.encode(command))).isEqualTo(command);
        }
    }

    @Test
    void pendingIdentityCommandsWrittenBeforeProjectsExistedStillDecode()
    {
        String written = """
                {"type": "TrustTokenStore.CreatePendingIdentity", "command": {"identifier": "00000000-0000-0000-0000-000000000001",
                "name": "laptop", "type": "CLIENT_CERTIFICATE_PENDING", "metadata": "{}", "groups": ["ops"]}}""";
        StateCommand<?> decoded = codec.decode(written.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isEqualTo(new TrustTokenStore.CreatePendingIdentity("00000000-0000-0000-0000-000000000001", "laptop",
                IdentityType.CLIENT_CERTIFICATE_PENDING, "{}", List.of("ops")));
    }
}
