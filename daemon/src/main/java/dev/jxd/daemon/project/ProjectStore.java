package dev.jxd.daemon.project;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.project.Project;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.http.HttpStatusException;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SQL for projects: reads, and the commands that change them. */
public final class ProjectStore
{
    private ProjectStore() {}

    record ProjectRow(long id, String name, String description) {}

    static List<String> names(Connection connection)
    {
        return Sql.query(connection, "SELECT name FROM projects ORDER BY name", row -> row.getString(1));
    }

    static Optional<Project> find(Connection connection, String name)
    {
        return Sql.queryOne(connection, "SELECT id, name, description FROM projects WHERE name = ?",
                        row -> new ProjectRow(row.getLong(1), row.getString(2), row.getString(3)), name)
                .map(row -> new Project(null, row.name(), row.description(), config(connection, row.id()), List.of()));
    }

    public static boolean exists(Connection connection, String name)
    {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM projects WHERE name = ?", name) > 0;
    }

    private static Map<String, String> config(Connection connection, long projectId)
    {
        Map<String, String> config = new TreeMap<>();
        Sql.query(connection, "SELECT key, value FROM projects_config WHERE project_id = ?", row -> {
            config.put(row.getString(1), row.getString(2));
            return null;
        }, projectId);
        return config;
    }

    private static void writeConfig(Connection transaction, long projectId, Map<String, String> config)
    {
        Sql.update(transaction, "DELETE FROM projects_config WHERE project_id = ?", projectId);
        for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
            if (!entry.getValue().isEmpty()) {
                Sql.update(transaction, "INSERT INTO projects_config (project_id, key, value) VALUES (?, ?, ?)", projectId, entry.getKey(), entry.getValue());
            }
        }
    }

    private static long idOf(Connection transaction, String name)
    {
        return Sql.queryOne(transaction, "SELECT id FROM projects WHERE name = ?", row -> row.getLong(1), name)
                .orElseThrow(() -> HttpStatusException.notFound("Project not found"));
    }

    public record CreateProject(String name, String description, Map<String, String> config)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            long id;
            try {
                id = Sql.insert(transaction, "INSERT INTO projects (name, description) VALUES (?, ?)", name, description);
            }
            catch (DatabaseException exception) {
                if (exception.isUniqueViolation()) {
                    throw HttpStatusException.conflict("Project \"" + name + "\" already exists");
                }
                throw exception;
            }
            writeConfig(transaction, id, config);
            return null;
        }
    }

    public record UpdateProject(String name, String description, Map<String, String> config)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            Sql.update(transaction, "UPDATE projects SET description = ? WHERE id = ?", description, id);
            writeConfig(transaction, id, config);
            return null;
        }
    }

    /** Renames a project and rewrites every permission that names it or an entity inside it. */
    public record RenameProject(String name, String newName)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            try {
                Sql.update(transaction, "UPDATE projects SET name = ? WHERE id = ?", newName, id);
            }
            catch (DatabaseException exception) {
                if (exception.isUniqueViolation()) {
                    throw HttpStatusException.conflict("Project \"" + newName + "\" already exists");
                }
                throw exception;
            }
            for (PermissionRow permission : permissionsInProject(transaction, name)) {
                EntityUrl url = permission.url();
                EntityUrl renamed = url.type() == EntityType.PROJECT
                        ? EntityUrl.project(newName)
                        : new EntityUrl(url.type(), url.pathArguments(), newName, url.location());
                Sql.update(transaction, "UPDATE auth_groups_permissions SET entity_url = ? WHERE id = ?", renamed.url(), permission.id());
            }
            return null;
        }
    }

    /** Deletes a project with every permission that names it or an entity inside it. */
    public record DeleteProject(String name)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            for (PermissionRow permission : permissionsInProject(transaction, name)) {
                Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE id = ?", permission.id());
            }
            Sql.update(transaction, "DELETE FROM projects WHERE id = ?", id);
            return null;
        }
    }

    record PermissionRow(long id, EntityUrl url) {}

    private static List<PermissionRow> permissionsInProject(Connection transaction, String project)
    {
        return Sql.query(transaction, "SELECT id, entity_url FROM auth_groups_permissions",
                        row -> new PermissionRow(row.getLong(1), EntityUrl.parse(row.getString(2))))
                .stream()
                .filter(row -> (row.url().type() == EntityType.PROJECT && row.url().pathArguments().getFirst().equals(project))
                        || (row.url().type().isProjectScoped() && project.equals(row.url().project())))
                .toList();
    }
}
