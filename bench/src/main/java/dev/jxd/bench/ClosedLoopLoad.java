package dev.jxd.bench;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Closed-loop HTTPS load shared by the load tools: {@code clients} workers, each with its own keep-alive connection,
 * send {@code GET <uri>} back to back for a given time, presenting a client certificate; every response is checked.
 */
final class ClosedLoopLoad
{
    // Per worker; a worker that sends more keeps counting but stops recording latencies
    private static final int MAXIMUM_RECORDED = 2_000_000;

    private ClosedLoopLoad() {}

    record Result(long requests, long errors, double seconds, long[] sortedLatenciesNanos)
    {
        double requestsPerSecond()
        {
            return requests / seconds;
        }

        double percentileMillis(double fraction)
        {
            if (sortedLatenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedLatenciesNanos.length - 1, Math.ceil(fraction * sortedLatenciesNanos.length) - 1);
            return sortedLatenciesNanos[Math.max(index, 0)] / 1_000_000.0;
        }

        /** {@code requests=… errors=… seconds=… requests_per_second=… p50_ms=… p99_ms=…} */
        String summary()
        {
            return String.format(Locale.ROOT, "requests=%d errors=%d seconds=%.1f requests_per_second=%.0f p50_ms=%.3f p99_ms=%.3f",
                    requests, errors, seconds, requestsPerSecond(), percentileMillis(0.50), percentileMillis(0.99));
        }
    }

    /**
     * @param accepted whether a response counts as a success; a refused response or an exception is an error, and its
     * latency is recorded all the same
     */
    static Result run(URI uri, SSLContext context, int clients, Duration duration, Predicate<HttpResponse<byte[]>> accepted)
            throws InterruptedException
    {
        requireNonNull(uri, "uri is null");
        requireNonNull(context, "context is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(accepted, "accepted is null");
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            long[] latencies = new long[MAXIMUM_RECORDED];
            perClient.add(latencies);
            int index = client;
            Thread.ofPlatform().start(() -> {
                // One HttpClient per worker: one connection each, as independent clients would have
                try (HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        long before = System.nanoTime();
                        try {
                            if (!accepted.test(http.send(request, HttpResponse.BodyHandlers.ofByteArray()))) {
                                errors.incrementAndGet();
                            }
                        }
                        catch (Exception exception) {
                            errors.incrementAndGet();
                        }
                        if (count < latencies.length) {
                            latencies[count++] = System.nanoTime() - before;
                        }
                    }
                    counts[index] = count;
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int offset = 0;
        for (int client = 0; client < clients; client++) {
            System.arraycopy(perClient.get(client), 0, all, offset, counts[client]);
            offset += counts[client];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), seconds, all);
    }

    /** A TLS context presenting the key entry of {@code keyStore} and trusting any server certificate. */
    static SSLContext clientContext(KeyStore keyStore, char[] password)
            throws Exception
    {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        // Benchmark only: the servers use self-signed certificates on loopback; pinning is not under test
        TrustManager trustAll = new X509TrustManager()
        {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers()
            {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {trustAll}, null);
        return context;
    }
}
