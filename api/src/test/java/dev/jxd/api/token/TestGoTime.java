package dev.jxd.api.token;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestGoTime
{
    @Test
    void testFormatTrimsTrailingZeros()
    {
        assertThat(GoTime.format(Instant.parse("2026-11-23T21:13:11.123456789Z"))).isEqualTo("2026-11-23T21:13:11.123456789Z");
        assertThat(GoTime.format(Instant.parse("2026-11-23T21:13:11.120Z"))).isEqualTo("2026-11-23T21:13:11.12Z");
        assertThat(GoTime.format(Instant.parse("2026-11-23T21:13:11.000000001Z"))).isEqualTo("2026-11-23T21:13:11.000000001Z");
        assertThat(GoTime.format(Instant.parse("2026-11-23T21:13:11Z"))).isEqualTo("2026-11-23T21:13:11Z");
    }

    @Test
    void testFormatZeroTime()
    {
        assertThat(GoTime.format(CertificateAddToken.NO_EXPIRY)).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void testFormatRejectsYearsGoCannotMarshal()
    {
        assertThatThrownBy(() -> GoTime.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testParse()
    {
        assertThat(GoTime.parse("2026-12-08T20:13:11.123456789+01:00")).isEqualTo(Instant.parse("2026-12-08T19:13:11.123456789Z"));
        assertThat(GoTime.parse("2026-12-08T20:13:11-05:30")).isEqualTo(Instant.parse("2026-12-09T01:43:11Z"));
        assertThat(GoTime.parse("0001-01-01T00:00:00Z")).isEqualTo(CertificateAddToken.NO_EXPIRY);
        assertThat(GoTime.parse("2026-11-23T21:13:11.5Z")).isEqualTo(Instant.parse("2026-11-23T21:13:11.500Z"));
        // Go drops digits beyond nanoseconds
        assertThat(GoTime.parse("2026-11-23T21:13:11.1234567891Z")).isEqualTo(Instant.parse("2026-11-23T21:13:11.123456789Z"));
    }

    @Test
    void testParseRejectsNonRfc3339()
    {
        assertThatThrownBy(() -> GoTime.parse("2026-11-23 21:13:11Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoTime.parse("2026-11-23T21:13Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoTime.parse("2026-11-23T21:13:11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoTime.parse("2026-02-30T21:13:11Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoTime.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testRoundTrip()
    {
        Instant instant = Instant.parse("2031-07-04T01:02:03.4056Z");

        assertThat(GoTime.parse(GoTime.format(instant))).isEqualTo(instant);
    }
}
