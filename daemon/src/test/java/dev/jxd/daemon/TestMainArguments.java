package dev.jxd.daemon;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TestMainArguments
{
    @Test
    void testPlainArgumentsReadAsPicocliReadsThem()
    {
        List<String[]> plain = List.of(
                new String[] {},
                new String[] {"--state-dir", "/var/lib/jxd"},
                new String[] {"--state-dir=/tmp/state", "--https-address", "127.0.0.1:0"},
                new String[] {"--server-name", "one", "--https-address=[::1]:8443", "--state-dir", "relative/dir"},
                new String[] {"--https-address="});
        for (String[] args : plain) {
            Main viaPicocli = new Main();
            new CommandLine(viaPicocli).parseArgs(args);

            assertThat(Main.parsePlainArguments(args)).as(String.join(" ", args)).contains(viaPicocli.arguments());
        }
        assertThat(Main.parsePlainArguments(new String[] {"--state-dir", "/x"}))
                .contains(new Main.Arguments(Path.of("/x"), null, null));
    }

    @Test
    void testEverythingElseIsLeftToPicocli()
    {
        List<String[]> others = List.of(
                new String[] {"--help"},
                new String[] {"-V"},
                new String[] {"--version"},
                new String[] {"--state-dir"},
                new String[] {"--state-dir", "/a", "--state-dir", "/b"},
                new String[] {"--state-dir", "--help"},
                new String[] {"--unknown", "value"},
                new String[] {"positional"});
        for (String[] args : others) {
            assertThat(Main.parsePlainArguments(args)).as(String.join(" ", args)).isEmpty();
        }
    }
}
