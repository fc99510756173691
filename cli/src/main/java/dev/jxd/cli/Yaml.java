package dev.jxd.cli;

import dev.jxd.api.json.Json;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** YAML as users see and edit it ({@code show}, {@code edit}, {@code -f yaml}, standard input). */
final class Yaml
{
    // Go's yaml.v2 quotes strings that would read back as numbers ("1", "0755"); without this a config value
    // "1" would print as 1 and come back as a number after an edit
    private static final YAMLMapper WRITER = Json.yaml().rebuild()
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Yaml() {}

    static String write(Object value)
    {
        return WRITER.writeValueAsString(value);
    }

    /**
     * Parses YAML into {@code type}; empty input yields an object with every field unset, as Go's
     * {@code yaml.Unmarshal} leaves a zero struct.
     */
    static <T> T read(String text, Class<T> type)
    {
        T value = text.isBlank() ? null : Json.readYaml(text, type);
        return value != null ? value : Json.read("{}", type);
    }

    /** What a {@code create} command reads, as lxc: the YAML on standard input unless it is a terminal, else nothing. */
    static <T> T readStandardInput(CliContext context, Class<T> type)
    {
        return read(context.stdinIsTerminal() ? "" : context.readStdin(), type);
    }
}
