package dev.jxd.cli;

import dev.jxd.api.auth.PermissionInfo;
import dev.jxd.api.entity.EntityType;
import dev.jxd.cli.Formatter.Column;
import dev.jxd.cli.Formatter.Format;
import dev.jxd.client.ApiPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** {@code jxc auth permission} (spec §6.4.4). */
@Command(name = "permission", aliases = "perm", description = "Inspect permissions",
        subcommands = AuthPermissionCommand.ListPermissions.class)
final class AuthPermissionCommand
        extends CommandGroup
{
    @Command(name = "list", aliases = "ls", description = "List permissions")
    static final class ListPermissions
            implements Runnable
    {
        private final CliContext context;

        @Parameters(arity = "0..3", paramLabel = "[<remote>:] [project=<project_name>] [entity_type=<entity_type>]")
        private List<String> arguments = new ArrayList<>();

        @Option(names = "--max-entitlements", paramLabel = "<count>", defaultValue = "3",
                description = "Maximum number of unassigned entitlements to display before overflowing (set to zero to display all)")
        private int maxEntitlements;

        @Option(names = {"-f", "--format"}, paramLabel = "<format>", defaultValue = "table", description = "Display format (json, yaml, table, compact, csv)")
        private String format;

        @Option(names = {"-c", "--columns"}, paramLabel = "<columns>", defaultValue = "tue",
                description = "Columns: t (entity type), u (URL), e (entitlements and the groups holding them)")
        private String columns;

        ListPermissions(CliContext context)
        {
            this.context = requireNonNull(context, "context is null");
        }

        @Override
        public void run()
        {
            List<String> filters = arguments;
            String remote = context.config().defaultRemote();
            // A first argument with a colon and no '=' names the remote
            if (!arguments.isEmpty() && arguments.getFirst().indexOf(':') >= 0 && arguments.getFirst().indexOf('=') < 0) {
                remote = RemoteArgument.parse(context.config(), arguments.getFirst()).remote();
                filters = arguments.subList(1, arguments.size());
            }

            String path = ApiPaths.withQuery("/1.0/auth/permissions", "recursion", "1");
            for (String filter : filters) {
                int equals = filter.indexOf('=');
                if (equals < 0) {
                    throw new CliException("Badly formatted supplementary argument \"%s\"".formatted(filter));
                }
                String key = filter.substring(0, equals);
                String value = filter.substring(equals + 1);
                switch (key) {
                    case "project" -> path = ApiPaths.withQuery(path, "project", value);
                    case "entity_type" -> {
                        if (EntityType.fromName(value).isEmpty()) {
                            throw new CliException("Invalid entity type in supplementary argument \"%s\": Unknown entity type \"%s\"".formatted(filter, value));
                        }
                        path = ApiPaths.withQuery(path, "entity-type", value);
                    }
                    default -> throw new CliException("Available filters are `entity_type` and `project`, got \"%s\"".formatted(filter));
                }
            }

            List<PermissionInfo> permissions = context.client(remote).getAs(path, new TypeReference<List<PermissionInfo>>() {});
            Format selectedFormat = Format.parse(format);
            if (selectedFormat == Format.JSON || selectedFormat == Format.YAML) {
                Formatter.render(context.out(), format, List.of(), List.of(), permissions);
                return;
            }
            List<EntityPermissions> entities = group(permissions);
            List<Column<EntityPermissions>> allColumns = List.of(
                    new Column<>('t', "ENTITY TYPE", (entity, rowFormat) -> entity.entityType()),
                    new Column<>('u', "URL", (entity, rowFormat) -> entity.url()),
                    new Column<>('e', "ENTITLEMENTS ==> (GROUPS)", (entity, rowFormat) -> entitlements(entity, rowFormat)));
            Formatter.renderColumns(context.out(), format, columns, "u", allColumns, entities, permissions);
        }

        /** Assigned entitlements first, sorted, then unassigned ones up to {@code --max-entitlements}, then {@code ...}. */
        String entitlements(EntityPermissions entity, Format rowFormat)
        {
            boolean csv = rowFormat == Format.CSV;
            List<String> lines = new ArrayList<>();
            entity.assigned().forEach((entitlement, groups) -> lines.add(csv
                    ? entitlement + ":(" + String.join(",", groups) + ")"
                    : entitlement + " ==> (" + String.join(", ", groups) + ")"));
            List<String> unassigned = entity.unassigned().stream().sorted().toList();
            if (maxEntitlements > 0 && unassigned.size() > maxEntitlements) {
                unassigned = new ArrayList<>(unassigned.subList(0, maxEntitlements));
                unassigned.add("...");
            }
            lines.addAll(unassigned);
            // CSV quotes the cell, so commas can separate entries there
            return String.join(csv ? "," : "\n", lines);
        }

        static List<EntityPermissions> group(List<PermissionInfo> permissions)
        {
            Map<String, EntityPermissions> byUrl = new LinkedHashMap<>();
            for (PermissionInfo permission : permissions) {
                EntityPermissions entity = byUrl.computeIfAbsent(permission.url(),
                        url -> new EntityPermissions(permission.entityType(), url, new TreeMap<>(), new ArrayList<>()));
                if (permission.groups() != null && !permission.groups().isEmpty()) {
                    entity.assigned().put(permission.entitlement(), permission.groups());
                }
                else {
                    entity.unassigned().add(permission.entitlement());
                }
            }
            return List.copyOf(byUrl.values());
        }
    }

    /** The permissions on one entity: entitlements held by groups, and entitlements nobody holds. */
    record EntityPermissions(String entityType, String url, Map<String, List<String>> assigned, List<String> unassigned)
    {
    }
}
