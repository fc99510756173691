package dev.jxd.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The one place that decides how jxd maps API records to JSON and YAML.
 *
 * <p>Record components are camelCase in Java and snake_case on the wire, as in LXD's Go structs.
 * Request bodies are decoded strictly (unknown fields are an error the caller can see), responses
 * leniently, because a newer LXD may add fields a client does not know.
 */
public final class Json
{
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(value -> value.withValueInclusion(JsonInclude.Include.ALWAYS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final JsonMapper STRICT = LENIENT.rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    // Built on first use: the YAML mapper and the SnakeYAML engine behind it take start-up time from
    // every process that only speaks JSON (the daemon, jxc query)
    private static final class YamlHolder
    {
        static final YAMLMapper YAML = YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .build();
    }

    /** Mapper for responses and anything read from a peer: unknown fields are ignored. */
    public static JsonMapper lenient()
    {
        return LENIENT;
    }

    /** Mapper for request bodies received by the daemon: unknown fields are rejected. */
    public static JsonMapper strict()
    {
        return STRICT;
    }

    public static YAMLMapper yaml()
    {
        return YamlHolder.YAML;
    }

    public static String write(Object value)
    {
        return LENIENT.writeValueAsString(value);
    }

    public static byte[] writeBytes(Object value)
    {
        return LENIENT.writeValueAsBytes(value);
    }

    public static <T> T read(String text, Class<T> type)
    {
        return LENIENT.readValue(text, type);
    }

    public static <T> T convert(JsonNode node, Class<T> type)
    {
        return LENIENT.treeToValue(node, type);
    }

    public static String writeYaml(Object value)
    {
        return YamlHolder.YAML.writeValueAsString(value);
    }

    public static <T> T readYaml(String text, Class<T> type)
    {
        return YamlHolder.YAML.readValue(text, type);
    }

    /** True when the text is well-formed JSON; used where a message must say "malformed JSON". */
    public static boolean isWellFormed(String text)
    {
        try {
            LENIENT.readTree(text);
            return true;
        }
        catch (JacksonException exception) {
            return false;
        }
    }
}
