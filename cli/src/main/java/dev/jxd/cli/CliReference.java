package dev.jxd.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders {@code docs/cli-reference.md} from the command tree itself, so the reference is every command's
 * real {@code --help}. A test fails when the committed file differs; regenerate it with
 * {@code mvn -pl cli test -Dtest=TestCliReference -Djxd.updateDocs=true}.
 */
final class CliReference
{
    private CliReference() {}

    static String render()
    {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), discard, discard, Map.of(), false);
        CommandLine root = Main.newCommandLine(context, new String[0]);
        StringBuilder markdown = new StringBuilder();
        markdown.append("# jxc command reference\n\n")
                .append("Generated from `jxc --help` of every command (see `CliReference`). ")
                .append("Every command accepts `-h/--help`; list commands take `-f/--format table|csv|json|yaml|compact`; ")
                .append("errors are printed as `Error: <message>` with exit status 1.\n");
        append(markdown, root);
        return markdown.toString();
    }

    private static void append(StringBuilder markdown, CommandLine command)
    {
        markdown.append("\n## ").append(command.getCommandSpec().qualifiedName()).append("\n\n```\n")
                .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                .append("\n```\n");
        for (CommandLine subcommand : command.getSubcommands().values().stream().distinct().toList()) {
            if (!subcommand.getCommandSpec().usageMessage().hidden()) {
                append(markdown, subcommand);
            }
        }
    }
}
