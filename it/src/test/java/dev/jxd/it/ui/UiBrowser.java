package dev.jxd.it.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import dev.jxd.client.RawResponse;
import dev.jxd.daemon.testing.TestDaemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Debian's Chromium driven by Playwright; Playwright never downloads a browser of its own. One per test class;
 * each scenario opens isolated {@link UiSession}s on it.
 */
final class UiBrowser
        implements AutoCloseable
{
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private UiBrowser(Playwright playwright, Browser browser)
    {
        this.playwright = requireNonNull(playwright, "playwright is null");
        this.browser = requireNonNull(browser, "browser is null");
    }

    static UiBrowser launch()
    {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(CHROMIUM + " is missing: apt-get install chromium (bin/test installs it)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    // Containers run the tests as root without user namespaces
                    .setChromiumSandbox(false)
                    .setArgs(List.of("--disable-dev-shm-usage")));
            return new UiBrowser(playwright, browser);
        }
        catch (RuntimeException exception) {
            playwright.close();
            throw exception;
        }
    }

    /**
     * A fresh browser context on {@code daemon}'s HTTPS address, presenting {@code identity}'s certificate when
     * there is one; screenshots go to {@code target/ui-screenshots/<scenario>/}.
     */
    UiSession open(String scenario, TestDaemon daemon, Optional<BrowserIdentity> identity)
    {
        requireUi(daemon);
        return UiSession.open(browser, scenario, daemon, identity);
    }

    /** The e2e tests need the UI the daemon bundles: a build with -Djxd.ui.skip=true has none. */
    private static void requireUi(TestDaemon daemon)
    {
        RawResponse response = daemon.unixClient().rawRequest("GET", "/ui/", null, null, Map.of());
        if (response.status() != 200) {
            throw new AssertionError("The daemon does not serve the web UI (GET /ui/ answered " + response.status()
                    + "): build the ui module (mvn -pl ui install) without -Djxd.ui.skip=true, or set JXD_UI to a built ui/dist");
        }
    }

    @Override
    public void close()
    {
        try {
            browser.close();
        }
        finally {
            playwright.close();
        }
    }
}
