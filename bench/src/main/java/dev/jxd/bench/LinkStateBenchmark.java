package dev.jxd.bench;

import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /1.0/cluster/links/<name>/state} of a link whose remote has three addresses, one of them dead in the
 * worst way: a port that completes TCP handshakes (the kernel does, into the listen backlog) but never answers, so
 * only the prober's own timeout ends the attempt. The other two reach the remote daemon, which listens on
 * {@code 0.0.0.0} so that {@code 127.0.0.2} reaches it too. The target is a median of at most 2 s: the addresses are
 * probed in parallel, so the dead one should cost one per-address timeout (1.5 s), not more.
 *
 * <p>The addresses are written into the link's {@code volatile.addresses} in A's database, as an address refresh
 * would, before every sample (outside the timing), because the daemon's own refresh would put back the addresses
 * the remote reports.
 *
 * <p>Usage: {@code LinkStateBenchmark [iterations=20] [warmup-iterations=3]}
 */
public final class LinkStateBenchmark
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String GROUP = "clusters";
    private static final String LINK = "cluster_b";
    // Large enough that the backlog never fills: a full backlog drops SYNs, a different (connect) failure
    private static final int BLACKHOLE_BACKLOG = 1024;
    // The refresh that link creation starts in the background must have finished before the addresses are overwritten
    private static final long SETTLE_MILLIS = 2_000;

    private LinkStateBenchmark() {}

    public static void main(String[] arguments)
            throws Exception
    {
        int iterations = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 20;
        int warmup = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 3;
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("iterations must be at least 1 and warm-up iterations at least 0");
        }
        try (BenchDaemon clusterA = BenchDaemon.start("cluster-a", "127.0.0.1");
                BenchDaemon clusterB = BenchDaemon.start("cluster-b", "0.0.0.0");
                ServerSocket blackhole = new ServerSocket(0, BLACKHOLE_BACKLOG, InetAddress.getByName("127.0.0.1"))) {
            clusterA.createGroup(GROUP);
            clusterB.createGroup(GROUP);
            JxdClient adminA = clusterA.admin();
            CertificateAddToken token = adminA.post(LINKS, Map.of("name", LINK, "type", "bidirectional", "auth_groups", List.of(GROUP)))
                    .metadataAs(CertificateAddToken.class);
            clusterB.admin().post(LINKS, Map.of("name", "cluster_a", "type", "bidirectional", "trust_token", TrustTokens.encode(token), "auth_groups", List.of(GROUP)));
            Thread.sleep(SETTLE_MILLIS);

            List<String> addresses = List.of(
                    "127.0.0.1:" + clusterB.port(),
                    "127.0.0.1:" + blackhole.getLocalPort(),
                    "127.0.0.2:" + clusterB.port());
            List<String> expected = List.of(addresses.get(0) + " Active", addresses.get(1) + " Unreachable", addresses.get(2) + " Active");
            StateCommand<Void> setAddresses = transaction -> {
                Sql.update(transaction, """
                        UPDATE cluster_links_config SET value = ?
                        WHERE key = 'volatile.addresses' AND cluster_link_id = (SELECT id FROM cluster_links WHERE name = ?)""",
                        String.join(",", addresses), LINK);
                return null;
            };

            JsonNode last = null;
            List<Long> samples = new ArrayList<>();
            for (int iteration = 0; iteration < warmup + iterations; iteration++) {
                clusterA.daemon().store().execute(setAddresses);
                long start = System.nanoTime();
                JsonNode state = adminA.get(LINKS + "/" + LINK + "/state").metadata();
                long elapsed = System.nanoTime() - start;
                List<String> statuses = statuses(state);
                if (!statuses.equals(expected)) {
                    throw new IllegalStateException("expected members " + expected + ", got " + statuses + ": " + state);
                }
                if (iteration >= warmup) {
                    samples.add(elapsed);
                }
                last = state;
            }
            System.out.printf(Locale.ROOT, "link_state iterations=%d warmup=%d %s members=%s%n", iterations, warmup, Samples.of(samples).summary(""), describe(last));
        }
    }

    private static List<String> statuses(JsonNode state)
    {
        List<String> statuses = new ArrayList<>();
        for (JsonNode member : state.path("cluster_link_members")) {
            statuses.add(member.path("address").asString("") + " " + member.path("status").asString(""));
        }
        return statuses;
    }

    /** {@code address:status[:error]} of each member, comma-separated, as the last sample saw them. */
    private static String describe(JsonNode state)
    {
        List<String> members = new ArrayList<>();
        for (JsonNode member : state.path("cluster_link_members")) {
            String error = member.path("error").asString("");
            members.add(member.path("address").asString("") + "=" + member.path("status").asString("") + (error.isEmpty() ? "" : "(" + error + ")"));
        }
        return String.join(",", members);
    }
}
