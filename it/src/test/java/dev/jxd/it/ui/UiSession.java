package dev.jxd.it.ui;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PageAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ClientCertificate;
import dev.jxd.daemon.testing.TestDaemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser context on one daemon: the page, what the browser reported as errors, and numbered screenshots
 * of each step. Elements are found by role and accessible name, the names of the UI contract.
 */
final class UiSession
        implements AutoCloseable
{
    /** Generous: the first page load compiles the app's JavaScript, and links are checked across two daemons. */
    static final double TIMEOUT_MILLISECONDS = 20_000;

    private static final Pattern NAME_CHECK = Pattern.compile("https://[^/]+/1\\.0/cluster/links/[^/?]+(\\?[^:]*)?(:\\d+:\\d+)?");

    private final BrowserContext context;
    private final Page page;
    private final TestDaemon daemon;
    private final Path screenshots;
    private final List<String> errors = new ArrayList<>();
    private final List<String> eventFrames = new ArrayList<>();
    private int step;

    private UiSession(BrowserContext context, TestDaemon daemon, Path screenshots)
    {
        this.context = requireNonNull(context, "context is null");
        this.daemon = requireNonNull(daemon, "daemon is null");
        this.screenshots = requireNonNull(screenshots, "screenshots is null");
        this.page = context.newPage();
        page.onConsoleMessage(this::console);
        page.onPageError(error -> record("page error: " + error));
        page.onWebSocket(socket -> {
            if (socket.url().contains("/1.0/events")) {
                socket.onFrameReceived(frame -> {
                    synchronized (eventFrames) {
                        eventFrames.add(frame.text());
                    }
                });
            }
        });
    }

    static UiSession open(Browser browser, String scenario, TestDaemon daemon, Optional<BrowserIdentity> identity)
    {
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                // The daemon's certificate is self-signed: jxc pins it, a browser can only be told not to check it
                .setIgnoreHTTPSErrors(true)
                .setViewportSize(1440, 900);
        identity.ifPresent(presented -> options.setClientCertificates(List.of(new ClientCertificate(daemon.url())
                .setCertPath(presented.certificateFile())
                .setKeyPath(presented.keyFile()))));
        BrowserContext context = browser.newContext(options);
        context.setDefaultTimeout(TIMEOUT_MILLISECONDS);
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"), new BrowserContext.GrantPermissionsOptions().setOrigin(daemon.url()));
        String name = identity.map(BrowserIdentity::name).orElse("untrusted");
        return new UiSession(context, daemon, screenshotDirectory(scenario).resolve(name));
    }

    Page page()
    {
        return page;
    }

    /** Opens {@code path} ({@code /ui/...}) on the daemon. */
    UiSession navigate(String path)
    {
        page.navigate(daemon.url() + path);
        return this;
    }

    /** A full-page screenshot, numbered in the order of the scenario's steps. */
    void screenshot(String name)
    {
        step++;
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(screenshots.resolve("%02d-%s.png".formatted(step, name))));
    }

    /** The frames the page has received on the daemon's events websocket so far. */
    List<String> eventFrames()
    {
        synchronized (eventFrames) {
            return List.copyOf(eventFrames);
        }
    }

    String clipboard()
    {
        return (String) page.evaluate("() => navigator.clipboard.readText()");
    }

    Locator button(String name)
    {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator link(String name)
    {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator heading(String name)
    {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator dialog(String name)
    {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A dialog whose name the contract gives as its heading (the token dialogs). */
    Locator dialogWithHeading(String heading)
    {
        return page.getByRole(AriaRole.DIALOG).filter(new Locator.FilterOptions().setHas(heading(heading)));
    }

    Locator table(String name)
    {
        return page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The row of {@code table} that has a cell reading exactly {@code text}. */
    static Locator row(Locator table, String text)
    {
        return table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions()
                .setHas(table.page().getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(text).setExact(true))
                        .or(table.page().getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName(text).setExact(true)))));
    }

    /** The cell of {@code row} under the column headed {@code column} of {@code table}. */
    static Locator cell(Locator table, Locator row, String column)
    {
        // The headers are read once, so the table must be there first (an empty list shows no table)
        row.waitFor();
        List<String> headers = table.getByRole(AriaRole.COLUMNHEADER).allInnerTexts().stream().map(String::strip).toList();
        int index = headers.indexOf(column);
        assertThat(index).as("column %s among %s", column, headers).isNotNegative();
        return row.locator("th, td").nth(index);
    }

    static {
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLISECONDS);
    }

    /** Within a located element: the role's element with exactly this accessible name. */
    static Locator.GetByRoleOptions named(String name)
    {
        return new Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    /** Within a located element: the field whose label is exactly the text given. */
    static Locator.GetByLabelOptions exactLabel()
    {
        return new Locator.GetByLabelOptions().setExact(true);
    }

    static LocatorAssertions expect(Locator locator)
    {
        return PlaywrightAssertions.assertThat(locator);
    }

    static PageAssertions expect(Page page)
    {
        return PlaywrightAssertions.assertThat(page);
    }

    static Locator.FilterOptions text(String pattern)
    {
        return new Locator.FilterOptions().setHasText(Pattern.compile(pattern));
    }

    /** axe-core on the page as it is now: no violation of {@code critical} impact. */
    void assertAccessible(String pageName)
    {
        AxeResults results = new AxeBuilder(page).analyze();
        List<String> critical = results.getViolations().stream()
                .filter(rule -> "critical".equals(rule.getImpact()))
                .map(UiSession::describe)
                .toList();
        assertThat(critical).as("critical accessibility violations on the %s page", pageName).isEmpty();
    }

    private static String describe(Rule rule)
    {
        return rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    void assertNoConsoleErrors()
    {
        synchronized (errors) {
            assertThat(errors).as("errors in the browser console").isEmpty();
        }
    }

    private void console(ConsoleMessage message)
    {
        if (message.type().equals("error") && !expectedNotFound(message)) {
            record("console error: " + message.text() + " (" + message.location() + ")");
        }
    }

    /**
     * The contract checks that a new link's name is free with {@code GET /1.0/cluster/links/<name>}: its 404 is the
     * answer hoped for, and Chromium logs every 404 as an error, whatever the page does with it.
     */
    private static boolean expectedNotFound(ConsoleMessage message)
    {
        return message.text().startsWith("Failed to load resource: the server responded with a status of 404")
                && NAME_CHECK.matcher(message.location()).matches();
    }

    private void record(String error)
    {
        synchronized (errors) {
            errors.add(error);
        }
    }

    @Override
    public void close()
    {
        try {
            // The state the scenario ended in, passed or failed: what to look at first when it failed
            screenshot("last");
        }
        finally {
            context.close();
        }
    }

    private static Path screenshotDirectory(String scenario)
    {
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path module = workingDirectory.getFileName().toString().equals("it") ? workingDirectory : workingDirectory.resolve("it");
        Path directory = module.resolve("target").resolve("ui-screenshots").resolve(scenario);
        try {
            Files.createDirectories(directory);
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return directory;
    }
}
