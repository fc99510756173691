package dev.jxd.it.cluster;

import java.nio.file.Path;

/** Where the repository is: tests run in the it module's directory. */
final class Repository
{
    private Repository() {}

    static Path root()
    {
        Path directory = Path.of("").toAbsolutePath();
        return directory.getFileName().toString().equals("it") ? directory.getParent() : directory;
    }

    /** Where a test class leaves its daemons' logs: {@code it/target/cluster-logs/<class>}. */
    static Path logDirectory(Class<?> testClass)
    {
        return root().resolve("it/target/cluster-logs").resolve(testClass.getSimpleName());
    }
}
