package dev.jxd.cli;

import dev.jxd.api.ResponseEnvelope;
import dev.jxd.api.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PlainJson} against the Jackson-based code it stands in for: same result wherever it reads a document. */
final class TestPlainJson
{
    private static final List<String> READABLE = List.of(
            "{}",
            "[]",
            "null",
            "\"text\"",
            "-0",
            "0",
            "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":null}",
            " \t\r\n{ \"b\" : [ 1 , -2 , 123456789012345678 , true , false , null , { } , [ ] ] , \"a\" : { \"z\" : \"\" , \"y\" : {\"x\":[[]]} } } \n",
            "{\"zeta\":1,\"Alpha\":2,\"alpha\":3,\"_\":4,\"10\":5,\"9\":6,\"é\":7,\"\":8}",
            "[\"quote \\\" backslash \\\\ slash \\/ controls \\b\\f\\n\\r\\t \\u0000\\u001f\\u007f <html> & \\u2028\\u2029\"]",
            "[\"unicode: é ü 中文 \\u00e9\\u4E2D emoji 😀 \\ud83d\\ude00 \\uD83D\\uDE00\"]",
            "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\",\"config\":{\"core.https_address\":\"[::]:8443\",\"user.b\":\"2\",\"user.a\":\"1\"}}",
            "[2147483647,2147483648,-2147483648,-2147483649,999999999999999999]",
            "{\"nested\":" + "[".repeat(50) + "1" + "]".repeat(50) + "}");

    private static final List<String> LEFT_TO_JACKSON = List.of(
            "",
            "   ",
            "1.5",
            "[1e3]",
            "[1E3]",
            "[-0.0]",
            "[1234567890123456789]",
            "[01]",
            "[+1]",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":1} x",
            "{\"a\":1}{}",
            "[\"raw control \u0001\"]",
            "[\"bad escape \\x\"]",
            "[\"short escape \\u12\"]",
            "[\"non-ASCII hex digits \\u００４１\"]",
            "[\"lone surrogate \\ud83d\"]",
            "[\"reversed surrogates \\ude00\\ud83d\"]",
            "[\"unterminated]",
            "\ufeff{}",
            "{a:1}",
            "['a']",
            "[tru]",
            "[True]",
            "[nul]",
            "\f[]",
            "\u00a0[]",
            "{\"deep\":" + "[".repeat(150) + "]".repeat(150) + "}");

    @Test
    void readsWhatJacksonReadsAndPrintsItAsGoJsonDoes()
    {
        for (String document : READABLE) {
            Object plain = PlainJson.read(document.getBytes(StandardCharsets.UTF_8));
            JsonNode tree = Json.lenient().readTree(document);
            assertThat(plain).as(document).isNotSameAs(PlainJson.OUTSIDE_SUBSET);
            assertThat(PlainJson.indent(plain, true)).as(document).isEqualTo(GoJson.indent(tree, true));
            assertThat(PlainJson.indent(plain, false)).as(document).isEqualTo(GoJson.indent(tree, false));
            assertThat(PlainJson.write(plain)).as(document).isEqualTo(Json.writeBytes(tree));
            assertThat(PlainJson.isEnvelope(plain)).as(document).isEqualTo(tree.isObject() && tree.has("type"));
            assertThat(PlainJson.write(PlainJson.read(document))).as(document).isEqualTo(Json.writeBytes(tree));
        }
    }

    @Test
    void leavesEverythingElseToJackson()
    {
        for (String document : LEFT_TO_JACKSON) {
            assertThat(PlainJson.read(document)).as(document).isSameAs(PlainJson.OUTSIDE_SUBSET);
            assertThat(PlainJson.read(document.getBytes(StandardCharsets.UTF_8))).as(document).isSameAs(PlainJson.OUTSIDE_SUBSET);
        }
        // Malformed UTF-8 and a lone surrogate encoded in three bytes (CESU-8)
        assertThat(PlainJson.read(new byte[] {'"', (byte) 0xc3, '"'})).isSameAs(PlainJson.OUTSIDE_SUBSET);
        assertThat(PlainJson.read(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0xbd, '"'})).isSameAs(PlainJson.OUTSIDE_SUBSET);
        // Sizes near Jackson's limits
        assertThat(PlainJson.read("\"" + "x".repeat(1024 * 1024) + "\"")).isSameAs(PlainJson.OUTSIDE_SUBSET);
        assertThat(PlainJson.read("{\"" + "k".repeat(10_001) + "\":1}")).isSameAs(PlainJson.OUTSIDE_SUBSET);
    }

    @Test
    void escapesEveryCharacterAsJacksonAndGoJsonDo()
    {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                text.append(c);
            }
        }
        text.append("😀\uffff");
        String document = Json.write(List.of(text.toString()));
        Object plain = PlainJson.read(document.getBytes(StandardCharsets.UTF_8));

        assertThat(PlainJson.write(plain)).isEqualTo(Json.writeBytes(List.of(text.toString())));
        assertThat(PlainJson.indent(plain, true)).isEqualTo(GoJson.indent(Json.lenient().readTree(document), true));
    }

    @Test
    void convertsEnvelopesAsJacksonDoes()
    {
        for (String document : List.of(
                "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":{\"a\":1}}",
                "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,\"operation\":\"/1.0/operations/op1\",\"error_code\":0,\"error\":\"\",\"metadata\":{}}",
                "{\"type\":\"error\",\"error_code\":404,\"error\":\"not found\"}",
                "{\"type\":null,\"status_code\":null,\"error\":null}")) {
            ResponseEnvelope expected = Json.convert(Json.lenient().readTree(document), ResponseEnvelope.class);
            ResponseEnvelope actual = PlainJson.envelope(PlainJson.read(document));
            assertThat(actual).as(document).isNotNull();
            assertThat(actual.type()).as(document).isEqualTo(expected.type());
            assertThat(actual.status()).as(document).isEqualTo(expected.status());
            assertThat(actual.statusCode()).as(document).isEqualTo(expected.statusCode());
            assertThat(actual.operation()).as(document).isEqualTo(expected.operation());
            assertThat(actual.errorCode()).as(document).isEqualTo(expected.errorCode());
            assertThat(actual.error()).as(document).isEqualTo(expected.error());
        }
    }

    @Test
    void leavesEnvelopesJacksonWouldCoerceToIt()
    {
        for (String document : List.of(
                "{\"type\":1}",
                "{\"type\":\"sync\",\"error\":false}",
                "{\"type\":\"sync\",\"operation\":{}}",
                "{\"type\":\"sync\",\"status_code\":\"200\"}",
                "{\"type\":\"sync\",\"error_code\":true}",
                "{\"type\":\"sync\",\"status_code\":2147483648}")) {
            assertThat(PlainJson.envelope(PlainJson.read(document))).as(document).isNull();
        }
        assertThat(PlainJson.envelope(PlainJson.read("[1]"))).isNull();
        assertThat(PlainJson.isEnvelope(PlainJson.read("{\"type\":null}"))).isTrue();
        assertThat(PlainJson.isEnvelope(PlainJson.read("{\"metadata\":{}}"))).isFalse();
    }
}
