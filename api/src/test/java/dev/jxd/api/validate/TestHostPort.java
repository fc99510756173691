package dev.jxd.api.validate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestHostPort
{
    @Test
    void testParse()
    {
        assertThat(HostPort.parse("10.0.0.1:8443")).isEqualTo(new HostPort("10.0.0.1", "8443"));
        assertThat(HostPort.parse("[::1]:8443")).isEqualTo(new HostPort("::1", "8443"));
        assertThat(HostPort.parse("example.com:https")).isEqualTo(new HostPort("example.com", "https"));
        assertThat(HostPort.parse(":8443")).isEqualTo(new HostPort("", "8443"));
        assertThat(HostPort.parse("host:")).isEqualTo(new HostPort("host", ""));
        assertThat(HostPort.parse("[::]:")).isEqualTo(new HostPort("::", ""));
    }

    @Test
    void testParseErrorsMatchGo()
    {
        assertParseFails("10.0.0.1", "address 10.0.0.1: missing port in address");
        assertParseFails("", "address : missing port in address");
        assertParseFails("::1", "address ::1: too many colons in address");
        assertParseFails("[::1]", "address [::1]: missing port in address");
        assertParseFails("[::1]x:80", "address [::1]x:80: missing port in address");
        assertParseFails("[::1]:80:90", "address [::1]:80:90: too many colons in address");
        assertParseFails("[::1:80", "address [::1:80: missing ']' in address");
        assertParseFails("a[b:80", "address a[b:80: unexpected '[' in address");
        assertParseFails("a]b:80", "address a]b:80: unexpected ']' in address");
        assertParseFails("[a]:8]0", "address [a]:8]0: unexpected ']' in address");
    }

    @Test
    void testTryParse()
    {
        assertThat(HostPort.tryParse("[::1]:8443")).contains(new HostPort("::1", "8443"));
        assertThat(HostPort.tryParse("::1")).isEmpty();
    }

    @Test
    void testJoin()
    {
        assertThat(new HostPort("10.0.0.1", "8443").join()).isEqualTo("10.0.0.1:8443");
        assertThat(new HostPort("::1", "8443").join()).isEqualTo("[::1]:8443");
        assertThat(new HostPort("example.com", "443").toString()).isEqualTo("example.com:443");
    }

    private static void assertParseFails(String address, String message)
    {
        assertThatThrownBy(() -> HostPort.parse(address))
                .as(address)
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }
}
