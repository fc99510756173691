package dev.jxd.cli;

/** A user-facing failure: {@link Main} prints it as {@code Error: <message>} and exits with status 1. */
final class CliException
        extends RuntimeException
{
    CliException(String message)
    {
        super(message);
    }

    CliException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
