package dev.jxd.cli;

import dev.jxd.cli.CliRunner.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

final class TestMain
{
    @TempDir
    Path directory;

    private CliRunner cli;

    @BeforeEach
    void setUp()
    {
        cli = new CliRunner(directory.resolve("conf"), directory.resolve("state"));
    }

    @Test
    void helpDocumentsTheEnvironment()
    {
        Result result = cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: jxc")
                .contains("JXC_CONF")
                .contains("JXD_DIR")
                .contains("remote")
                .contains("auth");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void everyCommandHasHelp()
    {
        for (String command : new String[] {"remote add", "query", "config set", "project list", "auth group permission add",
                "auth identity create", "auth permission list", "cluster", "completion"}) {
            Result result = cli.run((command + " --help").split(" "));
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out()).as(command).startsWith("Usage: jxc " + command);
        }
    }

    @Test
    void groupsWithoutSubcommandPrintUsage()
    {
        Result result = cli.run("auth");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("identity").contains("group").contains("permission");
    }

    @Test
    void errorsArePrefixedAndExitWithOne()
    {
        Result result = cli.run("auth", "group", "show", "nowhere:g1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error: The remote \"nowhere\" doesn't exist\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unreachableDaemonIsReported()
    {
        Result result = cli.run("auth", "group", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Error: jxd unix socket \"%s\" not accessible: ".formatted(directory.resolve("state/unix.socket")));
    }

    @Test
    void argumentCountErrorsPrintUsage()
    {
        Result missing = cli.run("auth", "group", "create");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: Invalid number of arguments\n");
        assertThat(missing.out()).startsWith("Usage: jxc auth group create");

        Result extra = cli.run("auth", "group", "create", "a", "b");
        assertThat(extra.exitCode()).isEqualTo(1);
        assertThat(extra.err()).isEqualTo("Error: Invalid number of arguments\n");

        Result unknownFlag = cli.run("auth", "group", "list", "--bogus");
        assertThat(unknownFlag.exitCode()).isEqualTo(1);
        assertThat(unknownFlag.err()).isEqualTo("Error: unknown flag: --bogus\n");
    }

    @Test
    void identityArgumentErrorsUseLxdMessages()
    {
        assertThat(cli.run("auth", "identity", "show", "alice").err())
                .isEqualTo("Error: Malformed argument, expected `[<remote>:]<type>/<name>`, got alice\n");
        assertThat(cli.run("auth", "identity", "show", "foo/alice").err())
                .isEqualTo("Error: Unrecognized identity type shorthand \"foo\"\n");
        assertThat(cli.run("auth", "identity", "create", "oidc/jane").err())
                .isEqualTo("Error: OIDC identities cannot be created manually\n");
    }

    @Test
    void findsTheRequestedCommandAfterGlobalOptions()
    {
        assertThat(Main.requestedCommand(new String[] {"--project", "p1", "-q", "query", "/1.0"})).isEqualTo("query");
        assertThat(Main.requestedCommand(new String[] {"--project=p1", "auth", "group", "list"})).isEqualTo("auth");
        assertThat(Main.requestedCommand(new String[] {"--help"})).isNull();

        assertThat(cli.run("--project", "p1", "query", "/1.0").err()).isEqualTo("Error: --project cannot be used with the query command\n");
        Result unknown = cli.run("bogus");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Error: unknown command \"bogus\" for \"jxc\"\n");
        assertThat(cli.run("auth", "bogus").err()).isEqualTo("Error: unknown command \"bogus\" for \"jxc auth\"\n");
    }

    @Test
    void printsBashCompletion()
    {
        Result result = cli.run("completion", "bash");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F").contains("jxc");
        assertThat(cli.run("completion", "fish").err()).isEqualTo("Error: Unsupported shell \"fish\": only bash is supported\n");
    }

    @Test
    void remoteListShowsTheBuiltInLocalRemote()
    {
        Result result = cli.run("remote", "list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                +-----------------+---------+----------+-------------+--------+--------+--------+
                |      NAME       |   URL   | PROTOCOL |  AUTH TYPE  | PUBLIC | STATIC | GLOBAL |
                +-----------------+---------+----------+-------------+--------+--------+--------+
                | local (current) | unix:// | lxd      | file access | NO     | NO     | NO     |
                +-----------------+---------+----------+-------------+--------+--------+--------+
                """);
        assertThat(cli.run("remote", "get-default").out()).isEqualTo("local\n");
    }

    @Test
    void remoteManagementErrors()
    {
        assertThat(cli.run("remote", "switch", "nowhere").err()).isEqualTo("Error: Remote nowhere doesn't exist\n");
        assertThat(cli.run("remote", "remove", "local").err()).isEqualTo("Error: Can't remove the default remote\n");
        assertThat(cli.run("remote", "add", "a:b", "10.0.0.1").err()).isEqualTo("Error: Remote names may not contain colons\n");
        assertThat(cli.run("remote", "add", "local", "10.0.0.1").err()).isEqualTo("Error: Remote local exists as <unix://>\n");
    }

    @Test
    void queryValidatesItsArguments()
    {
        assertThat(cli.run("query", "1.0").err()).isEqualTo("Error: Query path must start with /\n");
        assertThat(cli.run("query", "-X", "HEAD", "/1.0").err()).isEqualTo("Error: Action \"HEAD\" isn't supported by this tool\n");
        assertThat(cli.run("query", "--project", "p1", "/1.0").err()).isEqualTo("Error: --project cannot be used with the query command\n");
    }
}
