package dev.jxd.daemon.ui;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Serves the web UI at {@code /ui/} in front of the API, as LXD does (spec ui-flows §1.6): {@code /ui} redirects
 * to {@code /ui/}, a browser asking for {@code /} is sent to {@code /ui/}, files are served from the
 * {@link UiSource}, and any other path below {@code /ui/} is a deep link of the single-page app and gets
 * {@code index.html}. Everything else goes to the API untouched.
 * <p>
 * The files are public: the login page must load for a caller the API does not trust yet, and the files hold
 * nothing that the API would protect. What the app then shows comes from the API, under the API's rules.
 */
public final class UiHandler
        extends Handler.Wrapper
{
    private static final Logger LOG = LoggerFactory.getLogger(UiHandler.class);

    static final String ROOT = "/ui/";
    static final String NOT_ENABLED_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>jxd</title></head>
            <body>
            <h1>The UI is not enabled</h1>
            <p>This jxd was built without its web UI. Set the JXD_UI environment variable to a directory holding a built UI \
            (index.html and assets/) and restart jxd, or use a build that bundles it.</p>
            </body>
            </html>
            """;
    /** Vite names the files under assets/ after a hash of their content: a name never changes meaning. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";
    private static final String ASSETS = "assets/";
    /** A host name, IPv4 address, or bracketed IPv6 literal: anything else is not echoed into a header. */
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final UiSource source;

    /** Serves the UI named by {@code JXD_UI}, or the one bundled on the classpath. */
    public UiHandler(Handler api)
    {
        this(api, UiSource.fromEnvironment(System.getenv()));
    }

    public UiHandler(Handler api, UiSource source)
    {
        super(requireNonNull(api, "api is null"));
        this.source = requireNonNull(source, "source is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
            throws Exception
    {
        String path = request.getHttpURI().getPath();
        if (path == null) {
            return super.handle(request, response, callback);
        }
        if (path.equals("/ui")) {
            securityHeaders(request, response);
            redirect(request, response, callback);
            return true;
        }
        if (path.startsWith(ROOT)) {
            securityHeaders(request, response);
            serve(request, response, callback, path);
            return true;
        }
        // LXD: browsers visiting the server's address land on the UI; API clients keep the API's answer for "/"
        if (path.equals("/") && readOnly(request) && isBrowser(request) && source.available()) {
            securityHeaders(request, response);
            response.getHeaders().put(HttpHeader.VARY, "User-Agent");
            redirect(request, response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private void serve(Request request, Response response, Callback callback, String path)
    {
        if (!readOnly(request)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            writeText(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "Method Not Allowed");
            return;
        }
        Optional<String> relative = UiPaths.relative(path, ROOT);
        if (relative.isEmpty()) {
            writeText(request, response, callback, HttpStatus.BAD_REQUEST_400, "Bad Request");
            return;
        }
        Optional<UiFile> file;
        try {
            file = find(relative.get());
        }
        catch (UncheckedIOException exception) {
            LOG.error("Cannot read the UI file for {}", path, exception);
            writeText(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "Internal Server Error");
            return;
        }
        if (file.isEmpty()) {
            if (relative.get().startsWith(ASSETS) && source.available()) {
                // A missing script or stylesheet must fail as such, not arrive as index.html under its name
                writeText(request, response, callback, HttpStatus.NOT_FOUND_404, "Not Found");
                return;
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            write(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "text/html; charset=utf-8", NOT_ENABLED_PAGE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        serveFile(request, response, callback, file.get());
    }

    /**
     * The file at {@code relative}, or index.html for any other path (the app's own routes). Empty for a missing
     * file under assets/, and when there is no UI at all.
     */
    private Optional<UiFile> find(String relative)
    {
        Optional<UiFile> file = relative.isEmpty() || relative.endsWith("/") ? Optional.empty() : source.file(relative);
        if (file.isPresent() || relative.startsWith(ASSETS)) {
            return file;
        }
        return source.file(UiSource.INDEX);
    }

    private void serveFile(Request request, Response response, Callback callback, UiFile file)
    {
        boolean gzip = file.compressible() && acceptsGzip(request);
        String etag = gzip ? file.etag().substring(0, file.etag().length() - 1) + "-gzip\"" : file.etag();
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, file.path().startsWith(ASSETS) ? IMMUTABLE : REVALIDATE);
        if (file.compressible()) {
            response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
        }
        if (matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            return;
        }
        if (gzip) {
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
        }
        write(request, response, callback, HttpStatus.OK_200, MediaTypes.of(file.path()), gzip ? file.gzipped() : file.content());
    }

    private static void redirect(Request request, Response response, Callback callback)
    {
        response.getHeaders().put(HttpHeader.LOCATION, ROOT);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        writeText(request, response, callback, HttpStatus.MOVED_PERMANENTLY_301, "");
    }

    private static void writeText(Request request, Response response, Callback callback, int status, String text)
    {
        write(request, response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Request request, Response response, Callback callback, int status, String contentType, byte[] body)
    {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }

    /**
     * LXD's headers for the UI, with the events websocket of the same origin allowed explicitly: {@code 'self'}
     * covers {@code wss:} only in browsers that implement CSP level 3's scheme upgrade.
     */
    private static void securityHeaders(Request request, Response response)
    {
        String connect = "'self'";
        String host = Request.getServerName(request);
        if (host != null && SAFE_HOST.matcher(host).matches()) {
            connect += " " + (request.isSecure() ? "wss://" : "ws://") + host + ":" + Request.getServerPort(request);
        }
        response.getHeaders().put("Content-Security-Policy",
                "default-src 'self' data:; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src " + connect
                        + "; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'");
        response.getHeaders().put("X-Frame-Options", "SAMEORIGIN");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // LXD's interest-cohort=() opts out of FLoC, which browsers dropped; browsing-topics is its successor, and the
        // UI has no use for the devices
        response.getHeaders().put("Permissions-Policy", "interest-cohort=(), browsing-topics=(), camera=(), microphone=(), geolocation=()");
        response.getHeaders().put("Referrer-Policy", "same-origin");
    }

    private static boolean readOnly(Request request)
    {
        return HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    }

    private static boolean isBrowser(Request request)
    {
        String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
        return userAgent != null && userAgent.contains("Gecko");
    }

    private static boolean acceptsGzip(Request request)
    {
        for (HttpField field : request.getHeaders().getFields(HttpHeader.ACCEPT_ENCODING)) {
            for (String coding : field.getValue().split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].strip().toLowerCase(Locale.ROOT);
                if ((name.equals("gzip") || name.equals("*")) && !refused(parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code gzip;q=0} is an explicit refusal. */
    private static boolean refused(String[] parameters)
    {
        for (int index = 1; index < parameters.length; index++) {
            String parameter = parameters[index].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                }
                catch (NumberFormatException _) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag)
    {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("*") || value.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
