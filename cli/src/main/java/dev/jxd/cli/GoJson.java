package dev.jxd.cli;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pretty-prints JSON as {@code lxc query} does with Go's encoder ({@code SetIndent("", "\t")}, HTML escaping off):
 * tab indentation, {@code "key": value}, {@code {}} and {@code []} for empty containers.
 */
final class GoJson
{
    private GoJson() {}

    /**
     * @param sortKeys true to sort object keys, as Go does after decoding into a map; false to keep the order received
     */
    static String indent(JsonNode node, boolean sortKeys)
    {
        StringBuilder builder = new StringBuilder();
        write(builder, node, sortKeys, 0);
        return builder.toString();
    }

    private static void write(StringBuilder builder, JsonNode node, boolean sortKeys, int depth)
    {
        if (node == null || node.isNull() || node.isMissingNode()) {
            builder.append("null");
        }
        else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            if (entries.isEmpty()) {
                builder.append("{}");
                return;
            }
            if (sortKeys) {
                entries.sort(Map.Entry.comparingByKey());
            }
            builder.append("{\n");
            for (int i = 0; i < entries.size(); i++) {
                indent(builder, depth + 1);
                appendString(builder, entries.get(i).getKey());
                builder.append(": ");
                write(builder, entries.get(i).getValue(), sortKeys, depth + 1);
                builder.append(i + 1 < entries.size() ? ",\n" : "\n");
            }
            indent(builder, depth);
            builder.append('}');
        }
        else if (node.isArray()) {
            if (node.isEmpty()) {
                builder.append("[]");
                return;
            }
            builder.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(builder, depth + 1);
                write(builder, node.get(i), sortKeys, depth + 1);
                builder.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(builder, depth);
            builder.append(']');
        }
        else if (node.isString()) {
            appendString(builder, node.asString());
        }
        else if (node.isIntegralNumber()) {
            builder.append(node.bigIntegerValue());
        }
        else if (node.isNumber()) {
            builder.append(formatFloat(node.doubleValue()));
        }
        else if (node.isBoolean()) {
            builder.append(node.booleanValue());
        }
        else {
            builder.append(node);
        }
    }

    // Go's float64 encoding: plain notation between 1e-6 and 1e21, shortest representation otherwise
    private static String formatFloat(double value)
    {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
            String text = Double.toString(value).replace("E", "e");
            int exponent = text.indexOf('e');
            String mantissa = text.substring(0, exponent).replaceAll("\\.0$", "");
            String power = text.substring(exponent + 1);
            boolean negative = power.startsWith("-");
            String digits = negative ? power.substring(1) : power;
            return mantissa + "e" + (negative ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static void indent(StringBuilder builder, int depth)
    {
        builder.repeat('\t', depth);
    }

    /** A JSON string as Go's encoder writes it with HTML escaping off; {@link PlainJson} prints with it too. */
    static void appendString(StringBuilder builder, String text)
    {
        builder.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> builder.append("\\\"");
                case '\\' -> builder.append("\\\\");
                case '\n' -> builder.append("\\n");
                case '\r' -> builder.append("\\r");
                case '\t' -> builder.append("\\t");
                case '\u2028' -> builder.append("\\u2028");
                case '\u2029' -> builder.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        builder.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    }
                    else {
                        builder.append(c);
                    }
                }
            }
        }
        builder.append('"');
    }
}
