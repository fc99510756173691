package dev.jxd.api.validate;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * LXD's expiry expressions ({@code shared.GetExpiry}), used by {@code core.remote_token_expiry} and
 * bearer tokens: space-separated {@code <n><unit>} terms such as {@code "1d 3H"}, with units
 * {@code S} seconds, {@code M} minutes, {@code H} hours, {@code d} days, {@code w} weeks,
 * {@code m} months and {@code y} years. An empty expression means "never expires".
 */
public final class ExpiryExpression
{
    public static final String INVALID = "Invalid expiry expression";

    private static final Pattern TERM = Pattern.compile("(\\d+)([SMHdwmy])");

    private enum Unit
    {
        SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS;

        static Unit of(char symbol)
        {
            return switch (symbol) {
                case 'S' -> SECONDS;
                case 'M' -> MINUTES;
                case 'H' -> HOURS;
                case 'd' -> DAYS;
                case 'w' -> WEEKS;
                case 'm' -> MONTHS;
                case 'y' -> YEARS;
                default -> throw new IllegalArgumentException("Unknown unit: " + symbol);
            };
        }
    }

    private ExpiryExpression() {}

    /**
     * @throws ValidationException {@value #INVALID} unless {@code expression} is empty or well-formed
     */
    public static void validate(String expression)
    {
        // Applying it also rejects values too large to compute an expiry from
        apply(Instant.now(), expression);
    }

    /**
     * The time {@code expression} after {@code from}, or empty when the expression is empty (no expiry;
     * LXD uses Go's zero time for that). As in Go's {@code AddDate}, years, months and days are added to
     * the UTC calendar date and overflowing days roll into the next month (January 31 plus one month is
     * March 3 in a common year); hours, minutes and seconds are then added as a duration.
     *
     * @throws ValidationException {@value #INVALID} if the expression is malformed
     */
    public static Optional<Instant> apply(Instant from, String expression)
    {
        requireNonNull(from, "from is null");
        Optional<Map<Unit, Long>> terms = parse(expression);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Map<Unit, Long> values = terms.get();
        try {
            LocalDateTime start = LocalDateTime.ofInstant(from, ZoneOffset.UTC);
            long monthIndex = Math.addExact(
                    Math.addExact(Math.multiplyExact(start.getYear(), 12L), start.getMonthValue() - 1L),
                    Math.addExact(Math.multiplyExact(values.get(Unit.YEARS), 12L), values.get(Unit.MONTHS)));
            long dayOffset = Math.addExact(
                    Math.addExact(start.getDayOfMonth() - 1L, values.get(Unit.DAYS)),
                    Math.multiplyExact(values.get(Unit.WEEKS), 7L));
            LocalDate date = LocalDate.of(Math.toIntExact(Math.floorDiv(monthIndex, 12L)), (int) Math.floorMod(monthIndex, 12L) + 1, 1)
                    .plusDays(dayOffset);
            Duration clock = Duration.ofHours(values.get(Unit.HOURS))
                    .plusMinutes(values.get(Unit.MINUTES))
                    .plusSeconds(values.get(Unit.SECONDS));
            return Optional.of(date.atTime(start.toLocalTime()).toInstant(ZoneOffset.UTC).plus(clock));
        }
        catch (ArithmeticException | DateTimeException _) {
            throw new ValidationException(INVALID);
        }
    }

    private static Optional<Map<Unit, Long>> parse(String expression)
    {
        requireNonNull(expression, "expression is null");
        String trimmed = expression.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        Map<Unit, Long> values = new EnumMap<>(Unit.class);
        for (Unit unit : Unit.values()) {
            values.put(unit, 0L);
        }
        // A single space separates terms; anything else, including a double space, makes a term invalid
        for (String term : trimmed.split(" ", -1)) {
            Matcher matcher = TERM.matcher(term);
            if (!matcher.matches()) {
                throw new ValidationException(INVALID);
            }
            Unit unit = Unit.of(matcher.group(2).charAt(0));
            // Like LXD, a unit counts as already used only once it was given a non-zero value
            if (values.get(unit) > 0) {
                throw new ValidationException(INVALID);
            }
            try {
                values.put(unit, Long.parseLong(matcher.group(1)));
            }
            catch (NumberFormatException _) {
                throw new ValidationException(INVALID);
            }
        }
        return Optional.of(values);
    }
}
