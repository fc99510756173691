package dev.jxd.bench;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.json.Json;
import dev.jxd.client.JxdClient;
import tools.jackson.databind.JsonNode;

import javax.net.ssl.SSLContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Listing many cluster links and many identities under load: a running daemon (started by the script as
 * {@code bin/jxd} runs it) is given {@code links} pending bidirectional links through the API, which creates as many
 * pending identities, then {@code clients} closed-loop HTTPS clients (as {@link HttpsGetLoad}) send
 * {@code GET /1.0/cluster/links?recursion=1}, then {@code GET /1.0/auth/identities?recursion=1}, each for a warm-up
 * period and then measured. The client certificate is generated here and trusted over the unix socket as a member
 * of {@code admins}.
 *
 * <p>Usage: {@code LinkListLoad <state-dir> <links> <clients> <warmup-seconds> <seconds>}
 */
public final class LinkListLoad
{
    private static final String LINKS = "/1.0/cluster/links";
    private static final String IDENTITIES = "/1.0/auth/identities";
    private static final char[] KEY_PASSWORD = "bench".toCharArray();

    private LinkListLoad() {}

    public static void main(String[] arguments)
            throws Exception
    {
        if (arguments.length != 5) {
            System.err.println("usage: LinkListLoad <state-dir> <links> <clients> <warmup-seconds> <seconds>");
            System.exit(2);
        }
        Path stateDirectory = Path.of(arguments[0]);
        int links = Integer.parseInt(arguments[1]);
        int clients = Integer.parseInt(arguments[2]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(arguments[3]));
        Duration measured = Duration.ofSeconds(Long.parseLong(arguments[4]));

        CertificateAndKey clientCertificate = Certificates.generate("bench", true, Duration.ofDays(30));
        String baseUrl;
        try (JxdClient admin = JxdClient.unixSocket(stateDirectory.resolve("unix.socket"))) {
            baseUrl = "https://" + admin.get("/1.0").metadata().path("environment").path("addresses").get(0).asString();
            admin.post(IDENTITIES + "/tls", Map.of("name", "bench", "certificate", clientCertificate.certificatePem(), "groups", List.of("admins")));
            long start = System.nanoTime();
            for (int link = 0; link < links; link++) {
                admin.post(LINKS, Map.of(
                        "name", "link-%05d".formatted(link),
                        "type", "bidirectional",
                        "description", "Benchmark link " + link,
                        "config", Map.of("user.owner", "team-" + link % 10),
                        "auth_groups", List.of("admins")));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "seeded links=%d seconds=%.1f links_per_second=%.0f%n", links, seconds, links / seconds);
        }

        SSLContext context = ClosedLoopLoad.clientContext(keyStore(clientCertificate), KEY_PASSWORD);
        // Pending links each come with a pending identity; the benchmark's own certificate is one more identity
        String linksLine = measure(context, URI.create(baseUrl + LINKS + "?recursion=1"), links, clients, warmup, measured);
        String identitiesLine = measure(context, URI.create(baseUrl + IDENTITIES + "?recursion=1"), links + 1, clients, warmup, measured);
        System.out.println(linksLine);
        System.out.println(identitiesLine);
    }

    private static String measure(SSLContext context, URI uri, int expectedEntries, int clients, Duration warmup, Duration measured)
            throws Exception
    {
        // The listed rows do not change during the run, so every correct answer has the length of the first one
        int expectedLength = firstAnswer(context, uri, expectedEntries).length;
        ClosedLoopLoad.run(uri, context, clients, warmup, response -> response.statusCode() == 200 && response.body().length == expectedLength);
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(uri, context, clients, measured,
                response -> response.statusCode() == 200 && response.body().length == expectedLength);
        return String.format(Locale.ROOT, "url=%s entries=%d response_bytes=%d clients=%d %s", uri, expectedEntries, expectedLength, clients, result.summary());
    }

    private static byte[] firstAnswer(SSLContext context, URI uri, int expectedEntries)
            throws Exception
    {
        try (HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + new String(response.body()));
            }
            int entries = Json.lenient().readTree(response.body()).path("metadata").size();
            if (entries != expectedEntries) {
                throw new IllegalStateException("GET " + uri + " listed " + entries + " entries, expected " + expectedEntries);
            }
            return response.body();
        }
    }

    private static KeyStore keyStore(CertificateAndKey certificate)
            throws Exception
    {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("client", certificate.privateKey(), KEY_PASSWORD, new Certificate[] {certificate.certificate()});
        return keyStore;
    }
}
