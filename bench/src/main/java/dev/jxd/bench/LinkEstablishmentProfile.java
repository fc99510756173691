package dev.jxd.bench;

import dev.jxd.api.cert.Certificates;
import dev.jxd.api.link.ClusterLinksPost;
import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.link.peer.PeerConnector;

import java.nio.file.Files;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where step 2 of {@link LinkEstablishmentBenchmark} spends its time, measured from outside the daemons with the
 * same public building blocks they use (no daemon is instrumented). Each part is timed on its own, median of N:
 *
 * <ul>
 * <li>{@code handshake}: fetching the certificate served at an address (a new TCP connection and TLS handshake);
 * <li>{@code verify}: {@link PeerConnector#verifyCertificate} of one address, what B does with the token's addresses
 * and A does with B's at activation (the handshake, then {@code GET /1.0} pinned, on a reused connection pool);
 * <li>{@code get}: {@code GET /1.0} over a kept-alive HTTPS connection, which precedes every peer call;
 * <li>{@code activation}: the server-to-server {@code POST /1.0/cluster/links} to A exactly as B sends it (A redeems
 * the token, verifies B's addresses and activates its pending link), after a fresh step 1;
 * <li>{@code step2}: a real step 2, for comparison in the same run.
 * </ul>
 *
 * <p>Usage: {@code LinkEstablishmentProfile [iterations=30] [warmup-iterations=20]}
 */
public final class LinkEstablishmentProfile
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String GROUP = "clusters";
    private static final Duration PEER_TIMEOUT = Duration.ofMillis(1500);
    private static final long SETTLE_MILLIS = 100;

    private LinkEstablishmentProfile() {}

    public static void main(String[] arguments)
            throws Exception
    {
        int iterations = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 30;
        int warmup = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 20;
        try (BenchDaemon clusterA = BenchDaemon.start("cluster-a", "127.0.0.1");
                BenchDaemon clusterB = BenchDaemon.start("cluster-b", "127.0.0.1");
                PeerConnector connector = new PeerConnector(PEER_TIMEOUT, InstantSource.system())) {
            clusterA.createGroup(GROUP);
            clusterB.createGroup(GROUP);
            String addressA = "127.0.0.1:" + clusterA.port();
            String addressB = "127.0.0.1:" + clusterB.port();
            String pemA = Files.readString(clusterA.daemon().stateDirectory().resolve("server.crt"));
            String pemB = Files.readString(clusterB.daemon().stateDirectory().resolve("server.crt"));
            String fingerprintA = Certificates.fingerprint(Certificates.parsePem(pemA));
            String fingerprintB = Certificates.fingerprint(Certificates.parsePem(pemB));

            try (JxdClient anonymousToA = JxdClient.https("https://" + addressA, pemA, null)) {
                Map<String, LongSupplier> parts = new LinkedHashMap<>();
                parts.put("handshake", () -> time(() -> JxdClient.fetchServerCertificate(addressA, PEER_TIMEOUT)));
                parts.put("verify_a", () -> time(() -> connector.verifyCertificate(List.of(addressA), fingerprintA)));
                parts.put("verify_b", () -> time(() -> connector.verifyCertificate(List.of(addressB), fingerprintB)));
                parts.put("get", () -> time(() -> anonymousToA.get("/1.0")));
                parts.put("activation", () -> activation(clusterA, anonymousToA, addressB, pemB));
                parts.put("step2", () -> step2(clusterA, clusterB));

                Map<String, List<Long>> samples = new LinkedHashMap<>();
                parts.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
                for (int iteration = 0; iteration < warmup + iterations; iteration++) {
                    // Untimed: the parts that pause afterwards would otherwise make the first part pay for waking up
                    anonymousToA.get("/1.0");
                    for (Map.Entry<String, LongSupplier> part : parts.entrySet()) {
                        long nanos = part.getValue().getAsLong();
                        if (iteration >= warmup) {
                            samples.get(part.getKey()).add(nanos);
                        }
                    }
                }
                List<String> line = new ArrayList<>();
                samples.forEach((name, nanos) -> line.add(String.format(Locale.ROOT, "%s_median_ms=%.1f", name, Samples.of(nanos).medianMillis())));
                System.out.printf(Locale.ROOT, "link_establishment_profile iterations=%d warmup=%d %s%n", iterations, warmup, String.join(" ", line));
            }
        }
    }

    /** B's server-to-server call, made from here: a fresh pending link on A, then its activation with B's certificate. */
    private static long activation(BenchDaemon clusterA, JxdClient anonymousToA, String addressB, String pemB)
    {
        String name = "profile-" + System.nanoTime();
        CertificateAddToken token = clusterA.admin().post(LINKS, Map.of("name", name, "type", "bidirectional", "auth_groups", List.of(GROUP)))
                .metadataAs(CertificateAddToken.class);
        ClusterLinksPost activation = new ClusterLinksPost("", "bidirectional", "", Map.of("volatile.addresses", addressB), TrustTokens.encode(token), null, pemB, null);
        long nanos = time(() -> anonymousToA.post(LINKS, activation));
        clusterA.admin().delete(LINKS + "/" + name);
        pause();
        return nanos;
    }

    private static long step2(BenchDaemon clusterA, BenchDaemon clusterB)
    {
        String suffix = Long.toString(System.nanoTime());
        CertificateAddToken token = clusterA.admin().post(LINKS, Map.of("name", "b-" + suffix, "type", "bidirectional", "auth_groups", List.of(GROUP)))
                .metadataAs(CertificateAddToken.class);
        long nanos = time(() -> clusterB.admin().post(LINKS,
                Map.of("name", "a-" + suffix, "type", "bidirectional", "trust_token", TrustTokens.encode(token), "auth_groups", List.of(GROUP))));
        clusterA.admin().delete(LINKS + "/b-" + suffix);
        clusterB.admin().delete(LINKS + "/a-" + suffix);
        pause();
        return nanos;
    }

    private static long time(Runnable work)
    {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static void pause()
    {
        try {
            Thread.sleep(SETTLE_MILLIS);
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
