package dev.jxd.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TestCliReference
{
    private static final Path REFERENCE = Path.of("..", "docs", "cli-reference.md");

    @Test
    void committedReferenceMatchesEveryCommandsHelp()
            throws IOException
    {
        String rendered = CliReference.render();
        assertThat(rendered).contains("## jxc auth group permission add", "## jxc remote add", "## jxc query");
        if (Boolean.getBoolean("jxd.updateDocs")) {
            Files.writeString(REFERENCE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/cli-reference.md is stale: regenerate with mvn -pl cli test -Dtest=TestCliReference -Djxd.updateDocs=true")
                .isEqualTo(rendered);
    }
}
