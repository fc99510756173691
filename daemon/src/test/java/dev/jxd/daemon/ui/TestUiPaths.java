package dev.jxd.daemon.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestUiPaths
{
    @Test
    void decodesPathsBelowTheRoot()
    {
        assertThat(UiPaths.relative("/ui/", "/ui/")).contains("");
        assertThat(UiPaths.relative("/ui/index.html", "/ui/")).contains("index.html");
        assertThat(UiPaths.relative("/ui/assets/app-1a2b.js", "/ui/")).contains("assets/app-1a2b.js");
        assertThat(UiPaths.relative("/ui/cluster/links/my%20link", "/ui/")).contains("cluster/links/my link");
        assertThat(UiPaths.relative("/ui/cluster/links/a+b", "/ui/")).contains("cluster/links/a+b");
        assertThat(UiPaths.relative("/ui/cluster/links/", "/ui/")).contains("cluster/links/");
        assertThat(UiPaths.relative("/ui/links/caf%C3%A9", "/ui/")).contains("links/café");
    }

    @Test
    void refusesAnythingThatCouldLeaveTheRoot()
    {
        for (String path : new String[] {
                "/ui/../secret",
                "/ui/assets/../../secret",
                "/ui/%2e%2e/secret",
                "/ui/%2E%2E/secret",
                "/ui/.%2e/secret",
                "/ui/..%2fsecret",
                "/ui/..%2Fsecret",
                "/ui/..%5csecret",
                "/ui/a%2f..%2f..%2fsecret",
                "/ui//etc/passwd",
                "/ui/%2fetc/passwd",
                "/ui/./index.html",
                "/ui/.git/config",
                "/ui/a\\..\\secret",
                "/ui/index.html%00.js",
                "/ui/bad%zz",
                "/ui/truncated%2",
                "/ui/overlong%c0%ae%c0%ae/secret",
                "/other/index.html"}) {
            assertThat(UiPaths.relative(path, "/ui/")).as(path).isEmpty();
        }
    }
}
