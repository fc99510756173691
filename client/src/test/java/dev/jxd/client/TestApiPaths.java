package dev.jxd.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TestApiPaths
{
    @Test
    void escapesSegmentsLikeGoPathEscape()
    {
        assertThat(ApiPaths.path("/1.0/auth/identities", "tls", "Jane Doe")).isEqualTo("/1.0/auth/identities/tls/Jane%20Doe");
        assertThat(ApiPaths.escapeSegment("a/b;c,d?e")).isEqualTo("a%2Fb%3Bc%2Cd%3Fe");
        assertThat(ApiPaths.escapeSegment("user@host:x=y&z+$")).isEqualTo("user@host:x=y&z+$");
        assertThat(ApiPaths.escapeSegment("é")).isEqualTo("%C3%A9");
    }

    @Test
    void appendsQueryParameters()
    {
        assertThat(ApiPaths.withQuery("/1.0/projects", "recursion", "1")).isEqualTo("/1.0/projects?recursion=1");
        assertThat(ApiPaths.withQuery("/1.0/projects?recursion=1", "project", "a b&c")).isEqualTo("/1.0/projects?recursion=1&project=a+b%26c");
        assertThat(ApiPaths.withQuery("/1.0/projects", "project", null)).isEqualTo("/1.0/projects");
    }
}
