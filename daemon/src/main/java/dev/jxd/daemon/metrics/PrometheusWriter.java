package dev.jxd.daemon.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Builds the Prometheus text exposition format, version 0.0.4. Samples are grouped by family when rendered, because
 * the format requires all lines of a family to be contiguous while several sources may add to one family.
 */
public final class PrometheusWriter
{
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public enum Type
    {
        COUNTER, GAUGE, UNTYPED;

        String text()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /**
     * Adds a gauge sample.
     *
     * @param labels label names and values, alternating: {@code "link", "lxd_two", "address", "10.0.0.1:8443"}
     */
    public PrometheusWriter gauge(String name, String help, double value, String... labels)
    {
        return sample(Type.GAUGE, name, help, value, labels);
    }

    /** Adds a counter sample; by convention the name ends in {@code _total}. */
    public PrometheusWriter counter(String name, String help, double value, String... labels)
    {
        return sample(Type.COUNTER, name, help, value, labels);
    }

    /**
     * @throws IllegalArgumentException for an invalid metric or label name, an odd number of label arguments, or a family
     * declared earlier with another type or help text
     */
    public PrometheusWriter sample(Type type, String name, String help, double value, String... labels)
    {
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(help, "help is null");
        requireNonNull(labels, "labels is null");
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid metric name: " + name);
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("Labels of %s must be name and value pairs".formatted(name));
        }
        StringBuilder line = new StringBuilder(name);
        if (labels.length > 0) {
            line.append('{');
            for (int index = 0; index < labels.length; index += 2) {
                String labelName = requireNonNull(labels[index], "label name is null");
                String labelValue = requireNonNull(labels[index + 1], "value of label " + labelName + " is null");
                if (!LABEL_NAME.matcher(labelName).matches() || labelName.startsWith("__")) {
                    throw new IllegalArgumentException("Invalid label name %s of %s".formatted(labelName, name));
                }
                if (index > 0) {
                    line.append(',');
                }
                line.append(labelName).append("=\"");
                escapeLabelValue(line, labelValue);
                line.append('"');
            }
            line.append('}');
        }
        line.append(' ').append(formatValue(value));

        Family family = families.computeIfAbsent(name, _ -> new Family(type, help));
        if (family.type != type || !family.help.equals(help)) {
            throw new IllegalArgumentException("Metric %s was declared with another type or help text".formatted(name));
        }
        family.samples.add(line.toString());
        return this;
    }

    /**
     * Adds every sample of {@code other}; nothing is added when one of its families conflicts with this writer's.
     *
     * @throws IllegalArgumentException when a family exists in both with another type or help text
     */
    public PrometheusWriter append(PrometheusWriter other)
    {
        requireNonNull(other, "other is null");
        other.families.forEach((name, family) -> {
            Family existing = families.get(name);
            if (existing != null && (existing.type != family.type || !existing.help.equals(family.help))) {
                throw new IllegalArgumentException("Metric %s was declared with another type or help text".formatted(name));
            }
        });
        other.families.forEach((name, family) -> families.computeIfAbsent(name, _ -> new Family(family.type, family.help)).samples.addAll(family.samples));
        return this;
    }

    /** The exposition text: {@code # HELP} and {@code # TYPE} once per family, then its samples; ends with a newline. */
    public String render()
    {
        StringBuilder text = new StringBuilder();
        families.forEach((name, family) -> {
            text.append("# HELP ").append(name).append(' ');
            escapeHelp(text, family.help);
            text.append('\n');
            text.append("# TYPE ").append(name).append(' ').append(family.type.text()).append('\n');
            family.samples.forEach(sample -> text.append(sample).append('\n'));
        });
        return text.toString();
    }

    /** A sample value as the format writes it: integers without a fraction, {@code NaN}, {@code +Inf}, {@code -Inf}. */
    public static String formatValue(double value)
    {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void escapeLabelValue(StringBuilder target, String value)
    {
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '\\' -> target.append("\\\\");
                case '"' -> target.append("\\\"");
                case '\n' -> target.append("\\n");
                default -> target.append(character);
            }
        }
    }

    private static void escapeHelp(StringBuilder target, String help)
    {
        for (int index = 0; index < help.length(); index++) {
            char character = help.charAt(index);
            switch (character) {
                case '\\' -> target.append("\\\\");
                case '\n' -> target.append("\\n");
                default -> target.append(character);
            }
        }
    }

    private static final class Family
    {
        private final Type type;
        private final String help;
        private final List<String> samples = new ArrayList<>();

        private Family(Type type, String help)
        {
            this.type = type;
            this.help = help;
        }
    }
}
