package dev.jxd.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.ClientCertificate;
import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.client.JxdClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for the web UI's cluster links page to show every link: a running daemon (started by the script as
 * {@code bin/jxd} runs it) is given {@code links} pending bidirectional links and an administrator certificate
 * through the API; Debian's Chromium, presenting that certificate, then opens the links page {@code runs} times.
 * Each run is measured inside the page, from its navigation start ({@code performance.timeOrigin}) to the first
 * frame in which the links table holds all the rows, so Playwright's own round trips are not counted.
 * <p>
 * "Cold" runs use a new browser context each (no cache, new TLS session: a first visit); "warm" runs navigate
 * again in one context (scripts cached, as when coming back to the page). One run of each kind is done first and
 * discarded. Also prints the JavaScript bytes the browser received (compressed as sent) and, for each kind of run,
 * the median times at which the document, the last script and the last API answer had arrived.
 *
 * <p>Usage: {@code UiRenderBenchmark <state-dir> <links> <runs>}
 */
public final class UiRenderBenchmark
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String GROUP = "ui-bench-admins";
    private static final String ROWS_SHOWN = """
            count => {
              const table = document.querySelector('table[aria-label="Cluster links"]');
              const rows = table ? [...table.querySelectorAll('tr')].filter(row => row.querySelector('td')).length : 0;
              return rows >= count ? performance.now() : false;
            }""";

    /** Milliseconds from navigation start: document received, last script received, last API answer received. */
    private static final String PHASES = """
            () => {
              const resources = performance.getEntriesByType('resource');
              const end = entries => entries.reduce((latest, entry) => Math.max(latest, entry.responseEnd), 0);
              const api = resources.filter(entry => new URL(entry.name).pathname.startsWith('/1.0'));
              return {
                document: performance.getEntriesByType('navigation')[0].responseEnd,
                scripts: end(resources.filter(entry => entry.name.endsWith('.js'))),
                api: end(api),
                requests: api.length,
              };
            }""";

    private UiRenderBenchmark() {}

    public static void main(String[] arguments)
            throws Exception
    {
        if (arguments.length != 3) {
            System.err.println("usage: UiRenderBenchmark <state-dir> <links> <runs>");
            System.exit(2);
        }
        Path stateDirectory = Path.of(arguments[0]);
        int links = Integer.parseInt(arguments[1]);
        int runs = Integer.parseInt(arguments[2]);

        CertificateAndKey certificate = Certificates.generate("ui-bench", true, Duration.ofDays(1));
        String baseUrl;
        try (JxdClient admin = JxdClient.unixSocket(stateDirectory.resolve("unix.socket"))) {
            baseUrl = "https://" + admin.get("/1.0").metadata().path("environment").path("addresses").get(0).asString();
            admin.post("/1.0/auth/groups", Map.of("name", GROUP, "description", "",
                    "permissions", List.of(Map.of("entity_type", "server", "url", "/1.0", "entitlement", "admin"))));
            admin.post("/1.0/auth/identities/tls", Map.of("name", "ui-bench", "certificate", certificate.certificatePem(), "groups", List.of(GROUP)));
            for (int link = 0; link < links; link++) {
                admin.post("/1.0/cluster/links", Map.of(
                        "name", "link-%03d".formatted(link),
                        "type", "bidirectional",
                        "description", "Benchmark link " + link,
                        "auth_groups", List.of(GROUP)));
            }
        }
        Path certificateFile = stateDirectory.resolveSibling("ui-bench.crt");
        Path keyFile = stateDirectory.resolveSibling("ui-bench.key");
        Files.writeString(certificateFile, certificate.certificatePem());
        Files.writeString(keyFile, certificate.privateKeyPem());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        String page = baseUrl + "/ui/cluster/links";
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setChromiumSandbox(false))) {
            Browser.NewContextOptions options = new Browser.NewContextOptions()
                    .setIgnoreHTTPSErrors(true)
                    .setClientCertificates(List.of(new ClientCertificate(baseUrl).setCertPath(certificateFile).setKeyPath(keyFile)));

            List<Long> cold = new ArrayList<>();
            Phases coldPhases = new Phases();
            AtomicLong scriptBytes = new AtomicLong();
            for (int run = -1; run < runs; run++) {
                try (BrowserContext context = browser.newContext(options)) {
                    Page tab = context.newPage();
                    if (run == 0) {
                        tab.onResponse(response -> countScript(response, scriptBytes));
                    }
                    long nanos = render(tab, page, links, run >= 0 ? coldPhases : new Phases());
                    if (run >= 0) {
                        cold.add(nanos);
                    }
                }
            }

            List<Long> warm = new ArrayList<>();
            Phases warmPhases = new Phases();
            try (BrowserContext context = browser.newContext(options)) {
                Page tab = context.newPage();
                for (int run = -1; run < runs; run++) {
                    long nanos = render(tab, page, links, run >= 0 ? warmPhases : new Phases());
                    if (run >= 0) {
                        warm.add(nanos);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "ui_render links=%d runs=%d %s %s js_received_kib=%.1f%n", links, runs,
                    Samples.of(cold).summary("cold_"), Samples.of(warm).summary("warm_"), scriptBytes.get() / 1024.0);
            System.out.println("phases " + coldPhases.summary("cold_") + " " + warmPhases.summary("warm_"));
        }
    }

    /** Navigates to the links page and returns the time from navigation start until all rows were on screen. */
    private static long render(Page tab, String url, int links, Phases phases)
    {
        tab.navigate(url, new Page.NavigateOptions().setTimeout(30_000));
        double milliseconds = ((Number) tab.waitForFunction(ROWS_SHOWN, links, new Page.WaitForFunctionOptions().setTimeout(30_000)).jsonValue()).doubleValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) tab.evaluate(PHASES);
        phases.add(timing);
        return (long) (milliseconds * 1_000_000);
    }

    /** Where the time of a run went, from the page's resource timing: medians over the runs. */
    private static final class Phases
    {
        private final List<Long> document = new ArrayList<>();
        private final List<Long> scripts = new ArrayList<>();
        private final List<Long> api = new ArrayList<>();
        private final List<Long> requests = new ArrayList<>();

        void add(Map<String, Object> timing)
        {
            document.add(nanos(timing.get("document")));
            scripts.add(nanos(timing.get("scripts")));
            api.add(nanos(timing.get("api")));
            requests.add(((Number) timing.get("requests")).longValue());
        }

        String summary(String prefix)
        {
            return String.format(Locale.ROOT, "%1$sdocument_ms=%2$.0f %1$sscripts_ms=%3$.0f %1$sapi_done_ms=%4$.0f %1$sapi_requests=%5$d",
                    prefix, Samples.of(document).medianMillis(), Samples.of(scripts).medianMillis(), Samples.of(api).medianMillis(),
                    requests.stream().sorted().toList().get((requests.size() - 1) / 2));
        }

        private static long nanos(Object milliseconds)
        {
            return (long) (((Number) milliseconds).doubleValue() * 1_000_000);
        }
    }

    private static void countScript(Response response, AtomicLong bytes)
    {
        if (response.url().endsWith(".js")) {
            bytes.addAndGet(response.request().sizes().responseBodySize);
        }
    }
}
