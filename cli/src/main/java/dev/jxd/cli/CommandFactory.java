package dev.jxd.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

import static java.util.Objects.requireNonNull;

/**
 * Creates command objects for picocli, handing the {@link CliContext} to every command whose constructor takes it,
 * so commands receive their dependencies through the constructor instead of reaching for globals.
 */
final class CommandFactory
        implements CommandLine.IFactory
{
    private final CliContext context;

    CommandFactory(CliContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public <K> K create(Class<K> type)
            throws Exception
    {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CliContext.class) {
                return type.cast(constructor.newInstance(context));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
