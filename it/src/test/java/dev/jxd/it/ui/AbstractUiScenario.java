package dev.jxd.it.ui;

import dev.jxd.daemon.testing.TestDaemon;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Chromium for a class of scenarios; every scenario starts its own daemons and browser sessions, which
 * are closed after it, newest first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractUiScenario
{
    @TempDir
    Path temporary;

    private UiBrowser browser;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    void launchBrowser()
    {
        browser = UiBrowser.launch();
    }

    @AfterAll
    void closeBrowser()
    {
        browser.close();
    }

    @AfterEach
    void closeScenario()
            throws Exception
    {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        opened.clear();
    }

    /** A daemon for this scenario, closed after it. */
    TestDaemon startDaemon(String name)
    {
        TestDaemon daemon = TestDaemon.start(name);
        opened.add(daemon);
        return daemon;
    }

    /** A browser session presenting a certificate the daemon trusts as {@code identityName}, in {@code groups}. */
    UiSession openSession(String scenario, TestDaemon daemon, String identityName, List<String> groups)
    {
        BrowserIdentity identity = BrowserIdentity.trusted(daemon, identityName, groups, temporary.resolve(identityName));
        UiSession session = browser.open(scenario, daemon, Optional.of(identity));
        opened.add(session);
        return session;
    }
}
