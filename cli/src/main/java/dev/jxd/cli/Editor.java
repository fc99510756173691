package dev.jxd.cli;

import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The {@code edit} workflow of {@code lxc}: YAML from standard input when it is not a terminal, otherwise the
 * user's editor ({@code $EDITOR}, then {@code $VISUAL}, then {@code vi}) on a temporary file, re-opened after
 * every failed attempt until it succeeds or the user aborts.
 */
final class Editor
{
    private static final String RETRY_PROMPT = "Press enter to open the editor again or ctrl+c to abort change";

    private final CliContext context;

    Editor(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * The {@code edit} command of one resource. YAML from standard input replaces the resource unconditionally;
     * otherwise the editor shows the current resource, and the update carries the ETag it was fetched with, so
     * that a change made meanwhile by someone else fails instead of being overwritten.
     *
     * @param editable what the editor shows, from the server's response to a GET of {@code path}
     * @param update parses the YAML and PUTs it with the given ETag ({@code null} for none); throws to have the user fix it
     * @return whether the resource was edited in the editor rather than replaced from standard input
     */
    boolean editResource(JxdClient client, String path, String helpHeader, String errorPrefix, Function<ApiResponse, Object> editable, BiConsumer<String, String> update)
    {
        if (!context.stdinIsTerminal()) {
            update.accept(context.readStdin(), null);
            return false;
        }
        ApiResponse current = client.get(path);
        editUntilAccepted(helpHeader + Yaml.write(editable.apply(current)), errorPrefix, edited -> update.accept(edited, current.etag()));
        return true;
    }

    /**
     * Opens the editor on {@code content} until {@code apply} accepts the edited text.
     *
     * @param errorPrefix printed before the failure, e.g. {@code Config parsing error: }
     * @param apply parses and submits the text; throws to have the user fix it
     */
    void editUntilAccepted(String content, String errorPrefix, Consumer<String> apply)
    {
        String current = edit(content);
        while (true) {
            try {
                apply.accept(current);
                return;
            }
            catch (RuntimeException e) {
                context.err().println(errorPrefix + Main.describe(e));
                context.out().println(RETRY_PROMPT);
                context.out().flush();
                if (context.readLine() == null) {
                    throw new CliException("Aborted: no input", e);
                }
                current = edit(current);
            }
        }
    }

    /** Runs the editor on a temporary copy of {@code content} and returns what the user saved. */
    String edit(String content)
    {
        Path file = null;
        try {
            file = Files.createTempFile("jxc_editor_", ".yaml", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(editorCommand());
            command.add(file.toString());
            Process process = new ProcessBuilder(command).inheritIO().start();
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                throw new CliException("Editor %s exited with status %d".formatted(command.getFirst(), exitCode));
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to run the editor: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for the editor", e);
        }
        finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                }
                catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    List<String> editorCommand()
    {
        for (String variable : List.of("EDITOR", "VISUAL")) {
            String value = context.environment(variable);
            if (value != null && !value.isBlank()) {
                // Like a shell would, so that EDITOR="code --wait" works
                return Arrays.asList(value.strip().split("\\s+"));
            }
        }
        return List.of("vi");
    }
}
