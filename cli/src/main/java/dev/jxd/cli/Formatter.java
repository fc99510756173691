package dev.jxd.cli;

import dev.jxd.api.json.Json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * Renders {@code list} output in {@code lxc}'s formats (spec §6): {@code table} (bordered, a rule after every row,
 * centred headers, like Go's tablewriter), {@code compact} (the same without borders), {@code csv} (no header,
 * Go's CSV quoting), and {@code json}/{@code yaml} of the raw API objects. Table rows are sorted naturally.
 */
final class Formatter
{
    enum Format
    {
        TABLE, CSV, JSON, YAML, COMPACT;

        static Format parse(String name)
        {
            requireNonNull(name, "name is null");
            for (Format format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return format;
                }
            }
            throw new CliException("Invalid format \"%s\"".formatted(name));
        }
    }

    /**
     * A selectable column of a list command ({@code -c} shorthand characters).
     *
     * @param value the cell text; the format is passed because multi-valued cells join with newlines except in CSV
     */
    record Column<T>(char shorthand, String header, BiFunction<T, Format, String> value)
    {
    }

    private Formatter() {}

    /** Renders rows under the header in a table format, or {@code raw} in JSON/YAML. Rows are sorted naturally here. */
    static void render(PrintStream out, String formatName, List<String> header, List<List<String>> rows, Object raw)
    {
        List<List<String>> sorted = new ArrayList<>(rows);
        sorted.sort(NaturalOrder.ROWS);
        renderSorted(out, Format.parse(formatName), header, sorted, raw);
    }

    /** Renders the selected columns ({@code columnSpec}, e.g. {@code "nd"}) of each item, rows sorted by all columns. */
    static <T> void renderColumns(PrintStream out, String formatName, String columnSpec, List<Column<T>> columns, List<T> items, Object raw)
    {
        renderColumns(out, formatName, columnSpec, null, columns, items, raw);
    }

    /**
     * Renders the selected columns of each item.
     *
     * @param sortSpec the columns to sort rows by, e.g. {@code "u"}; {@code null} to sort by all displayed columns
     */
    static <T> void renderColumns(PrintStream out, String formatName, String columnSpec, String sortSpec, List<Column<T>> columns, List<T> items, Object raw)
    {
        Format format = Format.parse(formatName);
        List<Column<T>> selected = selectColumns(columnSpec, columns);
        List<Column<T>> sortBy = sortSpec == null ? selected : selectColumns(sortSpec, columns);
        List<T> sortedItems = new ArrayList<>(items);
        sortedItems.sort((left, right) -> NaturalOrder.compareRows(cells(sortBy, left, format), cells(sortBy, right, format)));
        List<List<String>> rows = new ArrayList<>();
        for (T item : sortedItems) {
            rows.add(cells(selected, item, format));
        }
        renderSorted(out, format, selected.stream().map(Column::header).toList(), rows, raw);
    }

    private static <T> List<String> cells(List<Column<T>> columns, T item, Format format)
    {
        return columns.stream().map(column -> column.value().apply(item, format)).toList();
    }

    private static void renderSorted(PrintStream out, Format format, List<String> header, List<List<String>> rows, Object raw)
    {
        switch (format) {
            case JSON -> out.println(Json.write(raw));
            case YAML -> out.print(Yaml.write(raw));
            case CSV -> out.print(csv(rows));
            case TABLE -> out.print(table(header, rows, true));
            case COMPACT -> out.print(table(header, rows, false));
        }
    }

    static <T> List<Column<T>> selectColumns(String columnSpec, List<Column<T>> columns)
    {
        List<Column<T>> selected = new ArrayList<>();
        for (char shorthand : columnSpec.toCharArray()) {
            Column<T> column = columns.stream()
                    .filter(candidate -> candidate.shorthand() == shorthand)
                    .findFirst()
                    .orElseThrow(() -> new CliException("Unknown column shorthand char '%c' in '%s'".formatted(shorthand, columnSpec)));
            selected.add(column);
        }
        if (selected.isEmpty()) {
            throw new CliException("Empty column list");
        }
        return selected;
    }

    static String table(List<String> header, List<List<String>> rows, boolean borders)
    {
        int columns = header.size();
        int[] widths = new int[columns];
        for (int column = 0; column < columns; column++) {
            widths[column] = width(header.get(column));
        }
        List<List<String[]>> splitRows = new ArrayList<>();
        for (List<String> row : rows) {
            List<String[]> cells = new ArrayList<>();
            for (int column = 0; column < columns; column++) {
                String[] lines = (column < row.size() ? row.get(column) : "").split("\n", -1);
                for (String line : lines) {
                    widths[column] = Math.max(widths[column], width(line));
                }
                cells.add(lines);
            }
            splitRows.add(cells);
        }

        StringBuilder builder = new StringBuilder();
        String rule = borders ? rule(widths) : null;
        if (borders) {
            builder.append(rule);
        }
        List<String> centred = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            centred.add(center(header.get(column), widths[column]));
        }
        appendLine(builder, centred, widths, borders);
        if (borders) {
            builder.append(rule);
        }
        for (List<String[]> cells : splitRows) {
            int height = cells.stream().mapToInt(lines -> lines.length).max().orElse(1);
            for (int line = 0; line < height; line++) {
                List<String> values = new ArrayList<>();
                for (String[] lines : cells) {
                    values.add(line < lines.length ? lines[line] : "");
                }
                appendLine(builder, values, widths, borders);
            }
            if (borders) {
                builder.append(rule);
            }
        }
        return builder.toString();
    }

    /** Go's {@code encoding/csv}: no header, fields quoted only when needed, {@code \n} line ends. */
    static String csv(List<List<String>> rows)
    {
        StringBuilder builder = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    builder.append(',');
                }
                String field = row.get(i);
                if (needsQuotes(field)) {
                    builder.append('"').append(field.replace("\"", "\"\"")).append('"');
                }
                else {
                    builder.append(field);
                }
            }
            builder.append('\n');
        }
        return builder.toString();
    }

    private static boolean needsQuotes(String field)
    {
        if (field.isEmpty()) {
            return false;
        }
        if (field.equals("\\.") || field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0) {
            return true;
        }
        return Character.isWhitespace(field.codePointAt(0));
    }

    private static void appendLine(StringBuilder builder, List<String> values, int[] widths, boolean borders)
    {
        // tablewriter: a bordered line is "| a | b |"; a borderless one starts and ends with a space instead of '|'
        builder.append(borders ? "|" : " ");
        for (int column = 0; column < values.size(); column++) {
            builder.append(' ').append(padRight(values.get(column), widths[column])).append(' ');
            if (borders) {
                builder.append('|');
            }
        }
        if (!borders) {
            builder.append(' ');
        }
        builder.append('\n');
    }

    private static String rule(int[] widths)
    {
        StringBuilder builder = new StringBuilder("+");
        for (int width : widths) {
            builder.repeat('-', width + 2).append('+');
        }
        return builder.append('\n').toString();
    }

    private static String center(String text, int width)
    {
        int gap = width - width(text);
        if (gap <= 0) {
            return text;
        }
        int left = gap / 2;
        return " ".repeat(left) + text + " ".repeat(gap - left);
    }

    private static String padRight(String text, int width)
    {
        int gap = width - width(text);
        return gap <= 0 ? text : text + " ".repeat(gap);
    }

    private static int width(String text)
    {
        return text.codePointCount(0, text.length());
    }
}
