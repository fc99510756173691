package dev.jxd.cli;

import dev.jxd.api.project.Project;
import dev.jxd.api.project.ProjectPost;
import dev.jxd.api.project.ProjectPut;
import dev.jxd.api.project.ProjectsPost;
import dev.jxd.client.ApiPaths;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.jxd.cli.Strings.nullToEmpty;
import static java.util.Objects.requireNonNull;

/** {@code jxc project}: projects, and the current project of each remote. */
@Command(
        name = "project",
        description = "Manage projects",
        subcommands = {
                ProjectCommand.Create.class,
                ProjectCommand.Delete.class,
                ProjectCommand.Edit.class,
                ProjectCommand.Get.class,
                ProjectCommand.ListProjects.class,
                ProjectCommand.Rename.class,
                ProjectCommand.Set.class,
                ProjectCommand.Show.class,
                ProjectCommand.Switch.class,
                ProjectCommand.Unset.class,
        })
final class ProjectCommand
        extends CommandGroup
{
    static final String PROJECTS_PATH = "/1.0/projects";
    // Renames run as operations; they are quick, but a busy server must not make the CLI give up early
    static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(10);

    static String projectPath(String name)
    {
        return ApiPaths.path(PROJECTS_PATH, name);
    }

    /** Waits for the operation when the server answered asynchronously. */
    static void awaitIfAsync(JxdClient client, ApiResponse response)
    {
        if (response.isAsync()) {
            client.waitForSuccess(response.operationUrl(), OPERATION_TIMEOUT);
        }
    }

    @Command(name = "create", description = "Create projects",
            footer = "%nExamples:%n  jxc project create p1%n  jxc project create p1 < config.yaml%n      Create a project with configuration from config.yaml")
    static final class Create
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Option(names = {"-c", "--config"}, paramLabel = "<key=value>", description = "Config key/value to apply to the new project")
        private List<String> config = new ArrayList<>();

        Create(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            ProjectPut stdin = Yaml.readStandardInput(context, ProjectPut.class);
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("project");
            Map<String, String> projectConfig = stdin.config();
            if (projectConfig == null) {
                projectConfig = new HashMap<>();
                for (String entry : config) {
                    int equals = entry.indexOf('=');
                    if (equals < 0) {
                        throw new CliException("Bad key=value pair: \"%s\"".formatted(entry));
                    }
                    projectConfig.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            context.client(argument.remote()).post(PROJECTS_PATH, new ProjectsPost(name, nullToEmpty(stdin.description()), projectConfig));
            if (!context.quiet()) {
                context.out().printf("Project %s created%n", name);
            }
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete projects")
    static final class Delete
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Option(names = {"-f", "--force"}, description = "Force delete project and its entities")
        private boolean force;

        Delete(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("project");
            JxdClient client = context.client(argument.remote());
            String path = force ? ApiPaths.withQuery(projectPath(name), "force", "1") : projectPath(name);
            awaitIfAsync(client, client.delete(path));
            if (!context.quiet()) {
                context.out().printf("Project %s deleted%n", name);
            }
            // Switch the remote back to the default project when its current one is gone
            RemoteConfig remote = context.config().requireRemote(argument.remote());
            if (name.equals(remote.project())) {
                context.config().putRemote(argument.remote(), remote.withProject(""));
                context.config().save();
            }
        }
    }

    @Command(name = "edit", description = "Edit project configurations as YAML",
            footer = "%nExample:%n  jxc project edit <project> < project.yaml%n      Update a project using the content of project.yaml")
    static final class Edit
            implements Runnable
    {
        private static final String HELP_HEADER = """
                ### This is a YAML representation of the project.
                ### Any line starting with a '# will be ignored.
                ###
                ### A project consists of a set of features and a description.
                ###
                ### An example would look like:
                ### name: my-project
                ### description: My own project
                ### config:
                ###   features.images: "true"
                ###   features.networks: "true"
                ###   features.profiles: "true"
                ###   features.storage.volumes: "true"
                ###
                ### Note that the name is shown but cannot be changed

                """;

        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        Edit(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String path = projectPath(argument.requireName("project"));
            JxdClient client = context.client(argument.remote());
            new Editor(context).editResource(client, path, HELP_HEADER, "Config parsing error: ",
                    current -> current.metadataAs(Project.class),
                    (yaml, etag) -> client.put(path, Yaml.read(yaml, ProjectPut.class), etag));
        }
    }

    @Command(name = "get", description = "Get values for project configuration keys")
    static final class Get
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Parameters(index = "1", paramLabel = "<key>")
        private String key;

        Get(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            Project project = context.client(argument.remote()).getAs(projectPath(argument.requireName("project")), Project.class);
            String value = project.config() == null ? null : project.config().get(key);
            context.out().println(nullToEmpty(value));
        }
    }

    @Command(name = "list", aliases = "ls", description = "List projects")
    static final class ListProjects
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..1", paramLabel = "[<remote>:]")
        private String target;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Format (csv|json|table|yaml|compact)")
        private String format;

        ListProjects(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            String remote = RemoteArgument.parseRemoteOnly(context.config(), target);
            List<Project> projects = context.client(remote).getAs(ApiPaths.withQuery(PROJECTS_PATH, "recursion", "1"), new TypeReference<List<Project>>() {});
            String current = context.project(remote);
            List<List<String>> rows = new ArrayList<>();
            for (Project project : projects) {
                Map<String, String> config = project.config() == null ? Map.of() : project.config();
                rows.add(List.of(
                        project.name().equals(current) ? project.name() + " (current)" : project.name(),
                        feature(config, "features.images"),
                        feature(config, "features.profiles"),
                        feature(config, "features.storage.volumes"),
                        feature(config, "features.storage.buckets"),
                        feature(config, "features.networks"),
                        feature(config, "features.networks.zones"),
                        nullToEmpty(project.description()),
                        Integer.toString(project.usedBy() == null ? 0 : project.usedBy().size())));
            }
            List<String> header = List.of("NAME", "IMAGES", "PROFILES", "STORAGE VOLUMES", "STORAGE BUCKETS", "NETWORKS", "NETWORK ZONES", "DESCRIPTION", "USED BY");
            Formatter.render(context.out(), format, header, rows, projects);
        }

        private static String feature(Map<String, String> config, String key)
        {
            return isTrue(config.get(key)) ? "YES" : "NO";
        }

        // Go's shared.IsTrue
        private static boolean isTrue(String value)
        {
            return value != null && List.of("true", "1", "yes", "on").contains(value.toLowerCase(Locale.ROOT));
        }
    }

    @Command(name = "rename", aliases = "mv", description = "Rename projects")
    static final class Rename
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Parameters(index = "1", paramLabel = "<new-name>")
        private String newName;

        Rename(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("project");
            JxdClient client = context.client(argument.remote());
            awaitIfAsync(client, client.post(projectPath(name), new ProjectPost(newName)));
            if (!context.quiet()) {
                context.out().printf("Project %s renamed to %s%n", name, newName);
            }
        }
    }

    @Command(name = "set", description = "Set project configuration keys",
            footer = "%nFor backward compatibility, a single configuration key may still be set with:%n    jxc project set [<remote>:]<project> <key> <value>")
    static final class Set
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key>=<value>")
        private List<String> values;

        Set(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            updateConfig(context, target, ConfigCommand.keyValues(values));
        }
    }

    @Command(name = "show", description = "Show project options")
    static final class Show
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        Show(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            Project project = context.client(argument.remote()).getAs(projectPath(argument.requireName("project")), Project.class);
            context.out().print(Yaml.write(project));
        }
    }

    @Command(name = "switch", description = "Switch the current project")
    static final class Switch
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        Switch(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            RemoteArgument argument = RemoteArgument.parse(context.config(), target);
            String name = argument.requireName("project");
            RemoteConfig remote = context.config().requireRemote(argument.remote());
            // Only switch to a project that exists
            context.client(argument.remote()).get(projectPath(name));
            context.config().putRemote(argument.remote(), remote.withProject(name));
            context.config().save();
        }
    }

    @Command(name = "unset", description = "Unset project configuration keys")
    static final class Unset
            implements Runnable
    {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "[<remote>:]<project>")
        private String target;

        @Parameters(index = "1", paramLabel = "<key>")
        private String key;

        Unset(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            // An empty value unsets the key, as lxc sends it
            updateConfig(context, target, Map.of(key, ""));
        }
    }

    private static void updateConfig(CliContext context, String target, Map<String, String> values)
    {
        RemoteArgument argument = RemoteArgument.parse(context.config(), target);
        String path = projectPath(argument.requireName("project"));
        JxdClient client = context.client(argument.remote());
        ApiResponse current = client.get(path);
        Project project = current.metadataAs(Project.class);
        Map<String, String> config = new HashMap<>(project.config() == null ? Map.of() : project.config());
        config.putAll(values);
        client.put(path, new ProjectPut(project.description(), config), current.etag());
    }
}
