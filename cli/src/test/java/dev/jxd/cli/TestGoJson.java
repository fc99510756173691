package dev.jxd.cli;

import dev.jxd.api.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TestGoJson
{
    @Test
    void indentsWithTabsAndSortsKeysLikeGo()
    {
        String json = "{\"b\":[1,2.5,true,null],\"a\":{\"z\":\"<x>\\n\",\"e\":{},\"l\":[]}}";
        assertThat(GoJson.indent(Json.lenient().readTree(json), true)).isEqualTo("""
                {
                \t"a": {
                \t\t"e": {},
                \t\t"l": [],
                \t\t"z": "<x>\\n"
                \t},
                \t"b": [
                \t\t1,
                \t\t2.5,
                \t\ttrue,
                \t\tnull
                \t]
                }""");
    }

    @Test
    void keepsKeyOrderWhenAsked()
    {
        assertThat(GoJson.indent(Json.lenient().readTree("{\"type\":\"sync\",\"metadata\":{\"b\":1,\"a\":2}}"), false))
                .isEqualTo("{\n\t\"type\": \"sync\",\n\t\"metadata\": {\n\t\t\"b\": 1,\n\t\t\"a\": 2\n\t}\n}");
    }

    @Test
    void formatsNumbersLikeGo()
    {
        assertThat(GoJson.indent(Json.lenient().readTree("[0.000001, 1e21, 100.0, 123456789012]"), true))
                .isEqualTo("[\n\t0.000001,\n\t1e+21,\n\t100,\n\t123456789012\n]");
    }
}
