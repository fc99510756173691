package dev.jxd.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestEditor
{
    @Test
    void runsTheConfiguredEditorOnTheContent()
    {
        Editor editor = new Editor(context("", Map.of("EDITOR", "sed -i s/draft/final/")));

        assertThat(editor.edit("description: draft\n")).isEqualTo("description: final\n");
    }

    @Test
    void reopensTheEditorUntilTheChangeIsAccepted()
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(
                new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("EDITOR", "sed -i s/a/b/"),
                false);
        List<String> attempts = new ArrayList<>();

        new Editor(context).editUntilAccepted("aa", "Config parsing error: ", content -> {
            attempts.add(content);
            if (content.contains("a")) {
                throw new CliException("still has an a");
            }
        });

        assertThat(attempts).containsExactly("ba", "bb");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Config parsing error: still has an a\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Press enter to open the editor again or ctrl+c to abort change\n");
    }

    @Test
    void stopsWhenInputEndsAfterAFailure()
    {
        Editor editor = new Editor(context("", Map.of("EDITOR", "true")));

        assertThatThrownBy(() -> editor.editUntilAccepted("x", "Could not parse group: ", content -> {
            throw new CliException("invalid");
        })).hasMessage("Aborted: no input");
    }

    @Test
    void reportsAFailingEditor()
    {
        Editor editor = new Editor(context("", Map.of("EDITOR", "false")));

        assertThatThrownBy(() -> editor.edit("x")).hasMessage("Editor false exited with status 1");
    }

    @Test
    void fallsBackToVisualThenVi()
    {
        assertThat(new Editor(context("", Map.of("VISUAL", "nano -w"))).editorCommand()).containsExactly("nano", "-w");
        assertThat(new Editor(context("", Map.of())).editorCommand()).containsExactly("vi");
    }

    private static CliContext context(String stdin, Map<String, String> environment)
    {
        return new CliContext(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                environment,
                false);
    }
}
