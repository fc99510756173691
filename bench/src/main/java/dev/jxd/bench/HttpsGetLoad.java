package dev.jxd.bench;

import javax.net.ssl.SSLContext;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;

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
        char[] password = arguments[2].toCharArray();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream input = new FileInputStream(arguments[1])) {
            keyStore.load(input, password);
        }
        SSLContext context = ClosedLoopLoad.clientContext(keyStore, password);
        int clients = Integer.parseInt(arguments[3]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(arguments[4]));
        Duration measured = Duration.ofSeconds(Long.parseLong(arguments[5]));

        // A trusted client is told so in every answer; anything else means the certificate was not accepted
        ClosedLoopLoad.run(uri, context, clients, warmup, HttpsGetLoad::trusted);
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(uri, context, clients, measured, HttpsGetLoad::trusted);
        System.out.printf("url=%s clients=%d %s%n", uri, clients, result.summary());
    }

    private static boolean trusted(HttpResponse<byte[]> response)
    {
        return response.statusCode() == 200 && new String(response.body()).contains("\"auth\":\"trusted\"");
    }
}
