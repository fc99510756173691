package dev.jxd.api.validate;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestExpiryExpression
{
    private static final Instant FROM = Instant.parse("2026-01-10T12:00:00Z");

    @Test
    void testEmptyExpressionNeverExpires()
    {
        assertThat(ExpiryExpression.apply(FROM, "")).isEmpty();
        assertThat(ExpiryExpression.apply(FROM, "  ")).isEmpty();
        assertThatCode(() -> ExpiryExpression.validate("")).doesNotThrowAnyException();
    }

    @Test
    void testSingleUnits()
    {
        assertThat(ExpiryExpression.apply(FROM, "30S")).contains(Instant.parse("2026-01-10T12:00:30Z"));
        assertThat(ExpiryExpression.apply(FROM, "90M")).contains(Instant.parse("2026-01-10T13:30:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "25H")).contains(Instant.parse("2026-01-11T13:00:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "15d")).contains(Instant.parse("2026-01-25T12:00:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "2w")).contains(Instant.parse("2026-01-24T12:00:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "1m")).contains(Instant.parse("2026-02-10T12:00:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "10y")).contains(Instant.parse("2036-01-10T12:00:00Z"));
        assertThat(ExpiryExpression.apply(FROM, "0d")).contains(FROM);
    }

    @Test
    void testCombinedTermsInAnyOrder()
    {
        Instant expected = Instant.parse("2027-03-18T15:04:05Z");

        assertThat(ExpiryExpression.apply(FROM, "1y 2m 1w 1d 3H 4M 5S")).contains(expected);
        assertThat(ExpiryExpression.apply(FROM, "5S 4M 3H 1d 1w 2m 1y")).contains(expected);
        assertThat(ExpiryExpression.apply(FROM, " 1d 3H ")).contains(Instant.parse("2026-01-11T15:00:00Z"));
    }

    @Test
    void testMonthsOverflowLikeGoAddDate()
    {
        // Go normalises January 31 + 1 month = "February 31" to March 3; it does not clamp to February 28
        assertThat(ExpiryExpression.apply(Instant.parse("2026-01-31T08:00:00Z"), "1m")).contains(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(ExpiryExpression.apply(Instant.parse("2024-02-29T08:00:00Z"), "1y")).contains(Instant.parse("2025-03-01T08:00:00Z"));
        assertThat(ExpiryExpression.apply(Instant.parse("2026-11-30T08:00:00Z"), "3m")).contains(Instant.parse("2027-03-02T08:00:00Z"));
    }

    @Test
    void testClockUnitsAreAddedAfterTheDate()
    {
        // Date first (March 31 + 1 month = May 1), then 2 hours
        assertThat(ExpiryExpression.apply(Instant.parse("2026-03-31T23:00:00Z"), "1m 2H")).contains(Instant.parse("2026-05-02T01:00:00Z"));
    }

    @Test
    void testZeroValuedUnitMayBeRepeated()
    {
        // LXD only notices a repeated unit once it holds a non-zero value
        assertThat(ExpiryExpression.apply(FROM, "0d 1d")).contains(Instant.parse("2026-01-11T12:00:00Z"));
    }

    @Test
    void testInvalidExpressions()
    {
        for (String expression : List.of("1", "d", "1x", "1D", "1h", "-1d", "+1d", "1.5d", "1 d", "1d  3H", "1d,3H", "1d\t3H", "1d 1d", "2H 3H",
                "1d 0d", "99999999999999999999d", "9223372036854775807y", "١d")) {
            assertThatThrownBy(() -> ExpiryExpression.validate(expression))
                    .as(expression)
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("Invalid expiry expression");
            assertThatThrownBy(() -> ExpiryExpression.apply(FROM, expression))
                    .as(expression)
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("Invalid expiry expression");
        }
    }
}
