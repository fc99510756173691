package dev.jxd.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import static java.util.Objects.requireNonNull;

/** {@code jxc completion bash}: prints the bash completion script. */
@Command(name = "completion", description = {"Generate the autocompletion script for the specified shell",
        "", "Load it in the current shell with: source <(jxc completion bash)"})
final class CompletionCommand
        implements Runnable
{
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<shell>", description = "Only bash is supported")
    private String shell;

    CompletionCommand(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public void run()
    {
        if (!shell.equals("bash")) {
            throw new CliException("Unsupported shell \"%s\": only bash is supported".formatted(shell));
        }
        context.out().print(AutoComplete.bash("jxc", spec.root().commandLine()));
    }
}
