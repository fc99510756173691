package dev.jxd.daemon.db.raft;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.raft.TestCommands.Increment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster member in a process of its own, for the crash test: it joins the cluster, says {@code READY},
 * then increments the counter as fast as it can and says {@code ACK} after each acknowledged write, until
 * it is killed.
 *
 * <p>Arguments: member name, Raft address, member directory, certificate PEM, key PEM, then the current
 * members as {@code name=host:port}.
 */
final class CrashingMember
{
    private CrashingMember() {}

    static void main(String[] arguments)
            throws Exception
    {
        String name = arguments[0];
        String address = arguments[1];
        Path directory = Path.of(arguments[2]);
        CertificateAndKey certificate = new CertificateAndKey(
                Certificates.parsePem(Files.readString(Path.of(arguments[3]))),
                Certificates.parsePrivateKeyPem(Files.readString(Path.of(arguments[4]))));
        List<RaftPeerAddress> peers = new ArrayList<>();
        for (int index = 5; index < arguments.length; index++) {
            String[] peer = arguments[index].split("=", 2);
            peers.add(new RaftPeerAddress(peer[0], peer[1]));
        }
        Files.createDirectories(directory);
        Database database = Database.open(directory.resolve("local.db"));
        RaftSettings settings = RaftSettings.defaults(name, address, directory.resolve("raft"), certificate);
        ReplicatedStateStore store = ReplicatedStateStore.join(settings, database, TestCommands.codec(), peers);
        System.out.println("READY");
        System.out.flush();
        while (true) {
            store.execute(new Increment("counter"));
            System.out.println("ACK");
            System.out.flush();
        }
    }
}
