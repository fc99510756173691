package dev.jxd.cli;

import dev.jxd.cli.Formatter.Column;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestFormatter
{
    private static final List<String> HEADER = List.of("NAME", "DESCRIPTION");
    private static final List<List<String>> ROWS = List.of(
            List.of("g10", "ten"),
            List.of("g2", "two\nlines"),
            List.of("a", ""));

    record Group(String name, String description)
    {
    }

    @Test
    void tableHasBordersARuleAfterEveryRowAndNaturalOrder()
    {
        assertThat(render("table")).isEqualTo("""
                +------+-------------+
                | NAME | DESCRIPTION |
                +------+-------------+
                | a    |             |
                +------+-------------+
                | g2   | two         |
                |      | lines       |
                +------+-------------+
                | g10  | ten         |
                +------+-------------+
                """);
    }

    @Test
    void tableHeadersAreCentred()
    {
        String table = Formatter.table(List.of("NAME", "STATE", "TYPE"), List.of(List.of("c1", "RUNNING", "CONTAINER")), true);
        assertThat(table.lines().toList().get(1)).isEqualTo("| NAME |  STATE  |   TYPE    |");
        assertThat(table.lines().toList().get(3)).isEqualTo("| c1   | RUNNING | CONTAINER |");
    }

    @Test
    void emptyTableShowsTheHeaderOnly()
    {
        assertThat(Formatter.table(HEADER, List.of(), true)).isEqualTo("""
                +------+-------------+
                | NAME | DESCRIPTION |
                +------+-------------+
                """);
    }

    @Test
    void compactHasNoBorders()
    {
        assertThat(render("compact")).isEqualTo(
                "  NAME  DESCRIPTION  \n"
                        + "  a                  \n"
                        + "  g2    two          \n"
                        + "        lines        \n"
                        + "  g10   ten          \n");
    }

    @Test
    void csvHasNoHeaderAndQuotesLikeGo()
    {
        assertThat(render("csv")).isEqualTo("a,\ng2,\"two\nlines\"\ng10,ten\n");
        assertThat(Formatter.csv(List.of(List.of("a,b", "say \"hi\"", " lead", "plain", "")))).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\" lead\",plain,\n");
    }

    @Test
    void jsonAndYamlRenderTheRawObjects()
    {
        List<Group> raw = List.of(new Group("g1", "first"), new Group("g2", ""));
        assertThat(render("json", raw)).isEqualTo("[{\"name\":\"g1\",\"description\":\"first\"},{\"name\":\"g2\",\"description\":\"\"}]\n");
        assertThat(render("yaml", raw)).isEqualTo("""
                - name: g1
                  description: first
                - name: g2
                  description: ""
                """);
    }

    @Test
    void columnsSelectAndOrderOutput()
    {
        List<Column<Group>> columns = List.of(
                new Column<>('n', "NAME", (group, format) -> group.name()),
                new Column<>('d', "DESCRIPTION", (group, format) -> group.description()));
        List<Group> groups = List.of(new Group("b", "second"), new Group("a", "first"));

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Formatter.renderColumns(new PrintStream(buffer, true, StandardCharsets.UTF_8), "csv", "dn", columns, groups, groups);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("first,a\nsecond,b\n");

        assertThatThrownBy(() -> Formatter.renderColumns(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "csv", "nx", columns, groups, groups))
                .hasMessage("Unknown column shorthand char 'x' in 'nx'");
    }

    @Test
    void unknownFormatIsAnError()
    {
        assertThatThrownBy(() -> render("xml")).hasMessage("Invalid format \"xml\"");
    }

    @Test
    void naturalOrder()
    {
        List<String> names = new ArrayList<>(List.of("c10", "c2", "c1", "b", "c02", ""));
        names.sort(NaturalOrder.STRINGS);
        assertThat(names).containsExactly("", "b", "c1", "c2", "c02", "c10");
        assertThat(NaturalOrder.compareRows(List.of("a", ""), List.of("a", "x"))).isPositive();
    }

    private static String render(String format)
    {
        return render(format, List.of());
    }

    private static String render(String format, Object raw)
    {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Formatter.render(new PrintStream(buffer, true, StandardCharsets.UTF_8), format, HEADER, ROWS, raw);
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
