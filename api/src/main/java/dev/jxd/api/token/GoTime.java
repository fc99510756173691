package dev.jxd.api.token;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ser.std.StdScalarSerializer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Go's JSON form of {@code time.Time}: RFC 3339 with nanoseconds and trailing zeros trimmed
 * ({@code 2026-11-23T21:13:11.12Z}), zero time {@code 0001-01-01T00:00:00Z}. Jackson's own
 * {@code Instant} format keeps fractions in groups of three digits, which Go reads but never writes,
 * so byte-identical tokens need this.
 */
public final class GoTime
{
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    // What Go's time.Time.UnmarshalJSON accepts: RFC 3339, any number of fraction digits, Z or a numeric offset
    private static final Pattern RFC_3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(Z|([+-])(\\d{2}):(\\d{2}))");
    private static final int MAXIMUM_YEAR = 9999;

    private GoTime() {}

    /** Formats {@code instant} in UTC as Go's {@code time.RFC3339Nano}. */
    public static String format(Instant instant)
    {
        requireNonNull(instant, "instant is null");
        LocalDateTime dateTime = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (dateTime.getYear() < 0 || dateTime.getYear() > MAXIMUM_YEAR) {
            // Go refuses to marshal such times too
            throw new IllegalArgumentException("Year outside of range [0,9999]: " + instant);
        }
        StringBuilder text = new StringBuilder(SECONDS.format(dateTime));
        int nanos = dateTime.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }

    /**
     * Parses an RFC 3339 time as Go does, including offsets ({@code 2026-12-08T20:13:11.123456789+01:00});
     * fraction digits beyond nanoseconds are dropped.
     *
     * @throws IllegalArgumentException if {@code text} is not an RFC 3339 time
     */
    public static Instant parse(String text)
    {
        requireNonNull(text, "text is null");
        Matcher matcher = RFC_3339.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not an RFC 3339 time: \"" + text + "\"");
        }
        try {
            int nanos = 0;
            String fraction = matcher.group(7);
            if (fraction != null) {
                String nanoDigits = (fraction + "000000000").substring(0, 9);
                nanos = Integer.parseInt(nanoDigits);
            }
            LocalDateTime dateTime = LocalDateTime.of(
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4)),
                    Integer.parseInt(matcher.group(5)),
                    Integer.parseInt(matcher.group(6)),
                    nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            if (matcher.group(9) != null) {
                int hours = Integer.parseInt(matcher.group(10));
                int minutes = Integer.parseInt(matcher.group(11));
                offset = matcher.group(9).equals("-")
                        ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                        : ZoneOffset.ofHoursMinutes(hours, minutes);
            }
            return OffsetDateTime.of(dateTime, offset).toInstant();
        }
        catch (DateTimeException exception) {
            throw new IllegalArgumentException("Not an RFC 3339 time: \"" + text + "\": " + exception.getMessage(), exception);
        }
    }

    /** For {@code @JsonSerialize(using = GoTime.Serializer.class)} on an {@code Instant} component. */
    public static final class Serializer
            extends StdScalarSerializer<Instant>
    {
        public Serializer()
        {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context)
                throws JacksonException
        {
            generator.writeString(format(value));
        }
    }

    /** For {@code @JsonDeserialize(using = GoTime.Deserializer.class)} on an {@code Instant} component. */
    public static final class Deserializer
            extends StdScalarDeserializer<Instant>
    {
        public Deserializer()
        {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context)
                throws JacksonException
        {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.reportInputMismatch(this, "Expected an RFC 3339 time string, got %s", parser.currentToken());
            }
            String text = parser.getString();
            try {
                return parse(text);
            }
            catch (IllegalArgumentException exception) {
                throw context.weirdStringException(text, Instant.class, exception.getMessage());
            }
        }
    }
}
