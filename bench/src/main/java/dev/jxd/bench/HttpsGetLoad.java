package dev.jxd.bench;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import java.io.FileInputStream;
import java.io.InputStream;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTPS load: {@code clients} workers, each with its own keep-alive connection, send
 * {@code GET <url>} back to back with a client certificate, first for a warm-up period, then measured.
 * The same tool measures jxd and LXD so the comparison is like for like.
 *
 * <p>Usage: {@code HttpsGetLoad <url> <client.p12> <password> <clients> <warmup-seconds> <seconds>}
 */
public final class HttpsGetLoad
{
    private HttpsGetLoad() {}

    public static void main(String[] arguments)
            throws Exception
    {
        if (arguments.length != 6) {
            System.err.println("usage: HttpsGetLoad <url> <client.p12> <password> <clients> <warmup-seconds> <seconds>");
            System.exit(2);
        }
        URI uri = URI.create(arguments[0]);
        SSLContext context = clientContext(arguments[1], arguments[2].toCharArray());
        int clients = Integer.parseInt(arguments[3]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(arguments[4]));
        Duration measured = Duration.ofSeconds(Long.parseLong(arguments[5]));

        run(uri, context, clients, warmup, false);
        Result result = run(uri, context, clients, measured, true);
        System.out.printf("url=%s clients=%d requests=%d errors=%d seconds=%.1f requests_per_second=%.0f p50_ms=%.3f p99_ms=%.3f%n",
                uri, clients, result.requests, result.errors, result.seconds, result.requests / result.seconds,
                result.percentile(0.50), result.percentile(0.99));
    }

    record Result(long requests, long errors, double seconds, long[] latenciesNanos)
    {
        double percentile(double fraction)
        {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(fraction * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(index, 0)] / 1_000_000.0;
        }
    }

    private static Result run(URI uri, SSLContext context, int clients, Duration duration, boolean record)
            throws InterruptedException
    {
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int client = 0; client < clients; client++) {
            long[] latencies = new long[2_000_000];
            perClient.add(latencies);
            int index = client;
            Thread.ofPlatform().start(() -> {
                // One HttpClient per worker: one connection each, as 8 independent clients would have
                try (HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                    int count = 0;
                    while (System.nanoTime() < deadline) {
                        long before = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200 || !new String(response.body()).contains("\"auth\":\"trusted\"")) {
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
        if (!record) {
            return new Result(0, 0, seconds, new long[0]);
        }
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

    private static SSLContext clientContext(String keyStorePath, char[] password)
            throws Exception
    {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream input = new FileInputStream(keyStorePath)) {
            keyStore.load(input, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        // Benchmark only: both servers use self-signed certificates and loopback; pinning is not under test
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
