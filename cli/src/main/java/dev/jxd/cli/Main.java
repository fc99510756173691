package dev.jxd.cli;

import dev.jxd.client.JxdClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import tools.jackson.core.JacksonException;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * {@code jxc}, the command-line client, shaped like LXD's {@code lxc}.
 *
 * <p>{@link #run} first offers the command line to {@link FastQuery}, which runs the commonest {@code jxc query}
 * invocations without building picocli's model; everything else goes to picocli.
 *
 * <p>New top-level command groups are registered in {@link #COMMANDS} (and nested groups in their parent's
 * {@code subcommands}, e.g. {@code cluster link} in {@link ClusterCommand}); a command class gets the
 * {@link CliContext} through its constructor.
 */
@Command(
        name = "jxc",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        version = "jxc 0.1.0",
        description = "Command line client for jxd, speaking LXD's REST API.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  JXC_CONF  Client configuration directory (remotes in config.yml, pinned server",
                "            certificates in servercerts/, client.crt and client.key).",
                "            Default: ~/.config/jxc",
                "  JXD_DIR   Daemon state directory holding unix.socket, used by the \"local\" remote.",
                "            Default: /var/lib/jxd",
                "  EDITOR    Editor for \"edit\" commands when standard input is a terminal (then VISUAL, then vi).",
        })
public final class Main
        extends CommandGroup
{
    static final List<Class<?>> COMMANDS = List.of(
            AuthCommand.class,
            ClusterCommand.class,
            CompletionCommand.class,
            ConfigCommand.class,
            ProjectCommand.class,
            QueryCommand.class,
            RemoteCommand.class);

    // Start-up time: without it, Jetty's first HttpClient starts the platform MBean server just to size padding
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final CliContext context;

    Main(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Don't show progress information")
    void setQuiet(boolean quiet)
    {
        context.setQuiet(quiet);
    }

    @Option(names = "--project", scope = ScopeType.INHERIT, paramLabel = "<project>", description = "Override the source project")
    void setProject(String project)
    {
        context.setProjectOverride(project);
    }

    public static void main(String[] args)
    {
        configureProcess();
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Process-wide settings of a {@code jxc} run. The AOT training applies them too, so that its cache holds what
     * a real run loads; without them it would hold the MBean server's classes, which every run would then load.
     */
    public static void configureProcess()
    {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    /**
     * Runs {@code jxc} with the given arguments and streams, without exiting the JVM; returns the exit status
     * (0 on success, 1 after printing {@code Error: <message>} to {@code err}).
     *
     * @param environment the variables {@code jxc} reads: {@code JXC_CONF}, {@code JXD_DIR}, {@code HOME}, {@code EDITOR}
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment)
    {
        return run(args, in, out, err, environment, true);
    }

    /**
     * @param fastPath false to run every command line through picocli, even those {@link FastQuery} would take
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment, boolean fastPath)
    {
        requireNonNull(args, "args is null");
        boolean interactiveStreams = in == System.in && out == System.out;
        try (CliContext context = new CliContext(in, out, err, environment, interactiveStreams)) {
            if (fastPath) {
                OptionalInt exitCode = FastQuery.run(args, context);
                if (exitCode.isPresent()) {
                    return exitCode.getAsInt();
                }
            }
            CommandLine commandLine = newCommandLine(context, args);
            int exitCode = commandLine.execute(args);
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            return exitCode;
        }
    }

    /**
     * Builds the command tree. Building picocli's model of every command costs noticeable start-up time, so when the
     * arguments name a known top-level command only that one is registered; help, completion and unknown commands
     * get the full tree.
     */
    static CommandLine newCommandLine(CliContext context, String[] args)
    {
        CommandFactory factory = new CommandFactory(context);
        CommandLine commandLine = new CommandLine(Main.class, factory);
        String requested = requestedCommand(args);
        boolean known = requested != null && COMMANDS.stream().anyMatch(command -> isNamed(command, requested));
        for (Class<?> command : COMMANDS) {
            if (!known || requested.equals("completion") || isNamed(command, requested)) {
                commandLine.addSubcommand(command);
            }
        }
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler(Main::handleParameterException);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            command.getOut().flush();
            command.getErr().println("Error: " + describe(exception));
            return 1;
        });
        return commandLine;
    }

    /** The first argument that is not a global option, or {@code null}. */
    static String requestedCommand(String[] args)
    {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--project")) {
                i++;
            }
            else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    private static boolean isNamed(Class<?> command, String name)
    {
        Command annotation = command.getAnnotation(Command.class);
        return annotation.name().equals(name) || List.of(annotation.aliases()).contains(name);
    }

    /** The message printed after {@code Error: }. */
    static String describe(Throwable throwable)
    {
        return switch (throwable) {
            case JacksonException jackson -> jackson.getOriginalMessage();
            case UncheckedIOException io when io.getCause() != null -> io.getMessage() + ": " + io.getCause().getMessage();
            case CliException cli -> cli.getMessage();
            case JxdClientException client -> client.getMessage();
            default -> throwable.getMessage() == null ? throwable.getClass().getSimpleName() : throwable.getMessage();
        };
    }

    private static int handleParameterException(CommandLine.ParameterException exception, String[] args)
    {
        CommandLine command = exception.getCommandLine();
        String message = exception.getMessage();
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            if (unmatched.isUnknownOption()) {
                message = "unknown flag: " + unmatched.getUnmatched().getFirst();
            }
            else if (!command.getSubcommands().isEmpty()) {
                message = "unknown command \"%s\" for \"%s\"".formatted(unmatched.getUnmatched().getFirst(), command.getCommandSpec().qualifiedName());
            }
            else {
                message = invalidArgumentCount(command);
            }
        }
        else if (exception instanceof CommandLine.MissingParameterException missing
                && missing.getMissing().stream().allMatch(ArgSpec::isPositional)) {
            message = invalidArgumentCount(command);
        }
        command.getErr().println("Error: " + message);
        return 1;
    }

    // lxc prints the command's help before this error
    private static String invalidArgumentCount(CommandLine command)
    {
        command.usage(command.getOut());
        command.getOut().flush();
        return "Invalid number of arguments";
    }
}
