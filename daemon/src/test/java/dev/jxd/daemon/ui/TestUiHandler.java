package dev.jxd.daemon.ui;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler on a real Jetty server in front of a stand-in API that answers {@code api <path>}, serving a
 * UI directory made by each test.
 */
class TestUiHandler
{
    private static final String INDEX = "<!doctype html><html><head><title>jxd</title></head><body><div id=\"root\"></div></body></html>";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    @TempDir
    Path temporary;

    private Path root;
    private Server server;
    private HttpClient client;

    @BeforeEach
    void start()
            throws Exception
    {
        root = Files.createDirectories(temporary.resolve("ui"));
        // A file next to the UI root that no request may reach
        Files.writeString(temporary.resolve("secret.txt"), "top secret");
        server = new Server();
        // The daemon's listeners accept what LXD accepts (ApiServer): ambiguous paths reach the handler
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new UiHandler(new EchoApi(), UiSource.directory(root)));
        server.start();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop()
            throws Exception
    {
        client.close();
        server.stop();
    }

    @Test
    void servesEachFileWithItsContentType()
            throws Exception
    {
        writeIndex();
        Map<String, String> types = Map.of(
                "assets/index-Dk3x9.js", "text/javascript; charset=utf-8",
                "assets/index-Dk3x9.css", "text/css; charset=utf-8",
                "assets/logo-a1.svg", "image/svg+xml",
                "assets/icon-b2.png", "image/png",
                "favicon.ico", "image/x-icon",
                "manifest.json", "application/json",
                "assets/font-c3.woff2", "font/woff2",
                "assets/index-Dk3x9.js.map", "application/json",
                "other.html", "text/html; charset=utf-8",
                "assets/data-d4.bin", "application/octet-stream");
        for (Map.Entry<String, String> entry : types.entrySet()) {
            write(entry.getKey(), "content of " + entry.getKey());
        }
        for (Map.Entry<String, String> entry : types.entrySet()) {
            HttpResponse<String> response = get("/ui/" + entry.getKey());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(entry.getKey()).contains(entry.getValue());
            assertThat(response.body()).isEqualTo("content of " + entry.getKey());
        }
    }

    @Test
    void rootAndDeepLinksServeTheIndexWithoutCaching()
            throws Exception
    {
        writeIndex();
        for (String path : new String[] {"/ui/", "/ui/index.html", "/ui/cluster/links", "/ui/cluster/links/my%20link", "/ui/permissions/groups/", "/ui/login"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(INDEX);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("text/html; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
            assertThat(response.headers().firstValue("ETag")).as(path).isPresent();
        }
    }

    @Test
    void hashedAssetsAreCachedForeverAndMissingOnesAreNotFound()
            throws Exception
    {
        writeIndex();
        write("assets/index-Dk3x9.js", "console.log('app');");
        HttpResponse<String> asset = get("/ui/assets/index-Dk3x9.js");
        assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        // An old tab asking for the previous build's script must not get index.html as JavaScript
        HttpResponse<String> missing = get("/ui/assets/index-OLD.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("<html");
        // Nor is the directory itself a file, or a page of the app
        assertThat(get("/ui/assets/").statusCode()).isEqualTo(404);
    }

    @Test
    void securityHeadersOnEveryUiResponse()
            throws Exception
    {
        writeIndex();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        for (String path : new String[] {"/ui/", "/ui/cluster/links", "/ui", "/ui/assets/missing.js", "/ui/.hidden"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(policy -> assertThat(policy)
                    .contains("default-src 'self' data:")
                    .contains("script-src 'self' 'unsafe-inline'")
                    .contains("style-src 'self' 'unsafe-inline'")
                    .contains("connect-src 'self' ws://127.0.0.1:" + port)
                    .contains("frame-ancestors 'self'"));
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("SAMEORIGIN");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Permissions-Policy")).as(path).hasValueSatisfying(policy -> assertThat(policy).contains("interest-cohort=()", "browsing-topics=()"));
        }
        // The API's own responses are not the UI's business
        assertThat(get("/1.0").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void aHostHeaderThatIsNotAHostIsNotEchoedIntoThePolicy()
            throws Exception
    {
        writeIndex();
        String response = raw("GET /ui/ HTTP/1.1\r\nHost: evil;script-src*\r\nConnection: close\r\n\r\n");
        assertThat(response).doesNotContain("evil");
    }

    @Test
    void redirects()
            throws Exception
    {
        writeIndex();
        HttpResponse<String> ui = get("/ui");
        assertThat(ui.statusCode()).isEqualTo(301);
        assertThat(ui.headers().firstValue("Location")).contains("/ui/");

        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(uri("/")).header("User-Agent", FIREFOX).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(301);
        assertThat(browser.headers().firstValue("Location")).contains("/ui/");

        // Any other client gets the API's answer for "/"
        HttpResponse<String> apiClient = get("/");
        assertThat(apiClient.statusCode()).isEqualTo(200);
        assertThat(apiClient.body()).isEqualTo("api GET /");
        HttpResponse<String> browserPost = client.send(HttpRequest.newBuilder(uri("/")).header("User-Agent", FIREFOX).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browserPost.body()).isEqualTo("api POST /");
        assertThat(get("/1.0/cluster/links").body()).isEqualTo("api GET /1.0/cluster/links");
        assertThat(get("/uix").body()).isEqualTo("api GET /uix");
    }

    @Test
    void withoutAUiTheUiPathsSayItIsNotEnabled()
            throws Exception
    {
        for (String path : new String[] {"/ui/", "/ui/cluster/links", "/ui/index.html", "/ui/assets/index.js"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).as(path).contains("text/html; charset=utf-8");
            assertThat(response.body()).as(path).contains("<h1>The UI is not enabled</h1>");
        }
        // and browsers asking for "/" stay on the API
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(uri("/")).header("User-Agent", FIREFOX).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.body()).isEqualTo("api GET /");
    }

    @Test
    void pathsLeavingTheRootAreRefused()
            throws Exception
    {
        writeIndex();
        for (String path : new String[] {"/ui/../secret.txt", "/ui/%2e%2e/secret.txt", "/ui/..%2fsecret.txt", "/ui/assets/..%2f..%2fsecret.txt",
                "/ui/..%5csecret.txt", "/ui//" + temporary.resolve("secret.txt"), "/ui/%2F" + temporary.resolve("secret.txt").toString().substring(1),
                "/ui/.hidden"}) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).startsWith("HTTP/1.1 400 ");
            assertThat(response).as(path).doesNotContain("top secret");
        }
    }

    @Test
    void onlyReadsAreServed()
            throws Exception
    {
        writeIndex();
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/ui/index.html")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(uri("/ui/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(INDEX.length()));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void compressesTextForClientsThatAcceptGzip()
            throws Exception
    {
        writeIndex();
        String script = "export const message = 'hello';\n".repeat(200);
        write("assets/index-Dk3x9.js", script);

        HttpResponse<byte[]> compressed = client.send(HttpRequest.newBuilder(uri("/ui/assets/index-Dk3x9.js")).header("Accept-Encoding", "br, gzip;q=0.8").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(compressed.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(compressed.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(compressed.body().length).isLessThan(script.length());
        try (InputStream input = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
            assertThat(new String(input.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(script);
        }

        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri("/ui/assets/index-Dk3x9.js")).header("Accept-Encoding", "gzip;q=0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(script);
        // Each encoding is its own representation
        assertThat(refused.headers().firstValue("ETag")).isNotEqualTo(compressed.headers().firstValue("ETag"));
    }

    @Test
    void revalidationWithTheEntityTag()
            throws Exception
    {
        writeIndex();
        String etag = get("/ui/").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> unchanged = client.send(HttpRequest.newBuilder(uri("/ui/")).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        // A rebuild in place is served at once, under a new tag
        Files.writeString(root.resolve("index.html"), INDEX.replace("jxd", "jxd rebuilt"));
        HttpResponse<String> changed = client.send(HttpRequest.newBuilder(uri("/ui/")).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("jxd rebuilt");
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    }

    private void writeIndex()
            throws IOException
    {
        write("index.html", INDEX);
    }

    private void write(String path, String content)
            throws IOException
    {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private URI uri(String path)
    {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    private HttpResponse<String> get(String path)
            throws Exception
    {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request exactly as written: HTTP clients normalize the paths these tests need to send. */
    private String raw(String request)
            throws IOException
    {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(StandardCharsets.ISO_8859_1));
            output.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Stands in for the API: answers every request with its method and path. */
    private static final class EchoApi
            extends Handler.Abstract
    {
        @Override
        public boolean handle(Request request, Response response, Callback callback)
        {
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(("api " + request.getMethod() + " " + request.getHttpURI().getPath()).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
