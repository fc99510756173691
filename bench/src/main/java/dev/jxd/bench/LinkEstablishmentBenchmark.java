package dev.jxd.bench;

import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end set-up of a bidirectional cluster link between two real daemons on loopback, as an administrator runs
 * it: step 1 creates the pending link on A (over A's unix socket) and returns the token, step 2 creates the link on B
 * with that token (over B's unix socket), which verifies A's certificate at A's address, trusts A, and has A activate
 * its pending link with B's certificate. One sample is steps 1 and 2 together; the target is a median of at most
 * 50 ms.
 *
 * <p>A pair of clusters can be linked only once, so after each sample both links are deleted (which deletes their
 * identities too) and the next sample links the same pair again under new names. The deletes, the checks and a short
 * pause that lets each side's background address refresh finish are outside the timing. Relinking the same pair
 * resumes TLS sessions, as any two daemons that have talked before do; the pair's very first link (the first warm-up
 * sample: cold code paths, full handshakes) is printed on its own as {@code first_ms}.
 *
 * <p>Usage: {@code LinkEstablishmentBenchmark [iterations=50] [warmup-iterations=20]}
 */
public final class LinkEstablishmentBenchmark
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String GROUP = "clusters";
    // After each sample: the background refresh that creation and activation start takes a few milliseconds
    private static final long SETTLE_MILLIS = 100;

    private LinkEstablishmentBenchmark() {}

    public static void main(String[] arguments)
            throws Exception
    {
        int iterations = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 50;
        int warmup = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 20;
        if (iterations < 1 || warmup < 1) {
            throw new IllegalArgumentException("iterations and warm-up iterations must be at least 1");
        }
        try (BenchDaemon clusterA = BenchDaemon.start("cluster-a", "127.0.0.1");
                BenchDaemon clusterB = BenchDaemon.start("cluster-b", "127.0.0.1")) {
            clusterA.createGroup(GROUP);
            clusterB.createGroup(GROUP);
            JxdClient adminA = clusterA.admin();
            JxdClient adminB = clusterB.admin();

            // The very first link of the pair, with cold code paths and no TLS session to resume, shown on its own
            long first = establishAndDelete(adminA, adminB, "first").totalNanos();
            for (int iteration = 1; iteration < warmup; iteration++) {
                establishAndDelete(adminA, adminB, "warmup-" + iteration);
            }
            List<Long> totals = new ArrayList<>();
            List<Long> pendings = new ArrayList<>();
            List<Long> creations = new ArrayList<>();
            for (int iteration = 0; iteration < iterations; iteration++) {
                Sample sample = establishAndDelete(adminA, adminB, "run-" + iteration);
                totals.add(sample.totalNanos());
                pendings.add(sample.pendingNanos());
                creations.add(sample.creationNanos());
            }
            System.out.printf(Locale.ROOT, "link_establishment iterations=%d warmup=%d first_ms=%.1f %s %s %s%n",
                    iterations, warmup, first / 1e6, Samples.of(totals).summary(""), Samples.of(pendings).summary("step1_"), Samples.of(creations).summary("step2_"));
        }
    }

    private record Sample(long pendingNanos, long creationNanos)
    {
        long totalNanos()
        {
            return pendingNanos + creationNanos;
        }
    }

    private static Sample establishAndDelete(JxdClient adminA, JxdClient adminB, String suffix)
            throws InterruptedException
    {
        String nameOnA = "b-" + suffix;
        String nameOnB = "a-" + suffix;

        long start = System.nanoTime();
        ApiResponse pending = adminA.post(LINKS, Map.of("name", nameOnA, "type", "bidirectional", "auth_groups", List.of(GROUP)));
        String token = TrustTokens.encode(pending.metadataAs(CertificateAddToken.class));
        long pendingDone = System.nanoTime();
        ApiResponse created = adminB.post(LINKS, Map.of("name", nameOnB, "type", "bidirectional", "trust_token", token, "auth_groups", List.of(GROUP)));
        long end = System.nanoTime();

        check(pending.status() == 201, "step 1 answered " + pending.status());
        check(created.status() == 201, "step 2 answered " + created.status());
        // Both sides must hold an active link: A's was activated by B during step 2
        check(isActive(adminA, nameOnA), "the link on A was not activated");
        check(isActive(adminB, nameOnB), "the link on B has no addresses");

        adminA.delete(LINKS + "/" + nameOnA);
        adminB.delete(LINKS + "/" + nameOnB);
        // Deleting a bidirectional link deletes its identity, which is what lets the same pair link again
        check(count(adminA, LINKS) == 0 && count(adminA, "/1.0/auth/identities/tls") == 0, "A kept a link or an identity after the delete");
        check(count(adminB, LINKS) == 0 && count(adminB, "/1.0/auth/identities/tls") == 0, "B kept a link or an identity after the delete");
        Thread.sleep(SETTLE_MILLIS);
        return new Sample(pendingDone - start, end - pendingDone);
    }

    private static boolean isActive(JxdClient admin, String name)
    {
        JsonNode config = admin.get(LINKS + "/" + name).metadata().path("config");
        return !config.path("volatile.addresses").asString("").isEmpty();
    }

    private static int count(JxdClient admin, String path)
    {
        return admin.get(path).metadata().size();
    }

    private static void check(boolean condition, String failure)
    {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
