package dev.jxd.cli;

import dev.jxd.client.ClientOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * {@code jxc query} to a unix-socket remote without picocli and without Jetty's client, for the commonest command
 * lines. Building picocli's model and starting Jetty's client take most of a {@code jxc query} run, and scripts
 * call {@code jxc query} in loops.
 *
 * <p>Only command lines this class understands completely take this path: {@code query} first, then the target and
 * {@code -X}/{@code --request}, {@code -d}/{@code --data}, {@code --wait} and {@code --raw} as separate words, each
 * at most once. Anything else (global flags, {@code --opt=value}, {@code @file}s, help, values that start with
 * {@code -}, an HTTPS remote, a path picocli's client might send differently, a daemon that cannot be reached) is
 * left to picocli, which then prints exactly what it always did. Checking, waiting for operations and printing are
 * {@link Query}'s, shared with {@link QueryCommand}.
 */
final class FastQuery
{
    // As CliContext.connect's client options
    private static final String USER_AGENT = "jxc";
    private static final Duration IDLE_TIMEOUT = ClientOptions.DEFAULT.idleTimeout();

    private FastQuery() {}

    /**
     * Runs the command line when the fast path can; returns its exit status then, after printing any error as
     * {@code Error: <message>}, or empty when picocli must run it instead (nothing was sent then).
     */
    static OptionalInt run(String[] args, CliContext context)
    {
        QueryArguments arguments = parse(args);
        if (arguments == null) {
            return OptionalInt.empty();
        }
        RemoteArgument target;
        UnixSocketExchange exchange;
        try {
            target = Query.resolve(context, arguments);
            RemoteConfig remote = context.config().requireRemote(target.remote());
            if (!remote.isUnixSocket() || !isPlainRequestTarget(target.name())) {
                return OptionalInt.empty();
            }
            exchange = UnixSocketExchange.connect(context.config().socketPath(remote), IDLE_TIMEOUT);
        }
        catch (IOException e) {
            // Jetty's client words the failure; picocli's path connects again and reports it
            return OptionalInt.empty();
        }
        catch (RuntimeException e) {
            return OptionalInt.of(fail(context, e));
        }
        try (exchange) {
            Query.run(context, arguments, target, (method, path, body) -> exchange.send(method, path, body, Query.CONTENT_TYPE, USER_AGENT));
            return OptionalInt.of(0);
        }
        catch (RuntimeException e) {
            return OptionalInt.of(fail(context, e));
        }
    }

    /**
     * The arguments of a {@code query} command line in the shapes this class understands, or {@code null} for any
     * other, which picocli may read differently: it expands {@code @file}s, reads {@code -XPOST} and
     * {@code --data=x}, rejects repeated options and takes global options anywhere.
     */
    static QueryArguments parse(String[] args)
    {
        if (args.length < 2 || !args[0].equals("query")) {
            return null;
        }
        String target = null;
        String method = null;
        String data = null;
        boolean waitForOperation = false;
        boolean raw = false;
        for (int i = 1; i < args.length; i++) {
            String argument = args[i];
            if (argument.startsWith("@")) {
                return null;
            }
            switch (argument) {
                case "-X", "--request" -> {
                    if (method != null || i + 1 == args.length || !isOptionValue(args[i + 1])) {
                        return null;
                    }
                    method = args[++i];
                }
                case "-d", "--data" -> {
                    if (data != null || i + 1 == args.length || !isOptionValue(args[i + 1])) {
                        return null;
                    }
                    data = args[++i];
                }
                case "--wait" -> {
                    if (waitForOperation) {
                        return null;
                    }
                    waitForOperation = true;
                }
                case "--raw" -> {
                    if (raw) {
                        return null;
                    }
                    raw = true;
                }
                default -> {
                    if (argument.startsWith("-") || target != null) {
                        return null;
                    }
                    target = argument;
                }
            }
        }
        if (target == null) {
            return null;
        }
        return new QueryArguments(target, method == null ? QueryArguments.DEFAULT_METHOD : method, data == null ? "" : data, waitForOperation, raw);
    }

    private static boolean isOptionValue(String value)
    {
        return !value.startsWith("-") && !value.startsWith("@");
    }

    /**
     * Whether Jetty's client would send the path and query exactly as written: only characters {@link java.net.URI}
     * accepts unescaped (no {@code %} escapes, no fragment), and no empty query, which it may drop.
     */
    static boolean isPlainRequestTarget(String pathAndQuery)
    {
        if (pathAndQuery.endsWith("?")) {
            return false;
        }
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()/,;:$&+=@?".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    // As Main's execution exception handler, through a UTF-8 writer as picocli's error writer is
    private static int fail(CliContext context, RuntimeException exception)
    {
        PrintWriter err = new PrintWriter(context.err(), true, StandardCharsets.UTF_8);
        err.println("Error: " + Main.describe(exception));
        err.flush();
        return 1;
    }
}
