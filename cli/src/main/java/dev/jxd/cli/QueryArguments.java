package dev.jxd.cli;

import static java.util.Objects.requireNonNull;

/**
 * The arguments of {@code jxc query}, whether picocli ({@link QueryCommand}) or the fast path ({@link FastQuery})
 * parsed them.
 *
 * @param target {@code [<remote>:]<API path>}
 * @param data the {@code --data} text; empty when none was given
 */
record QueryArguments(String target, String method, String data, boolean waitForOperation, boolean raw)
{
    static final String DEFAULT_METHOD = "GET";

    QueryArguments
    {
        requireNonNull(target, "target is null");
        requireNonNull(method, "method is null");
        requireNonNull(data, "data is null");
    }
}
