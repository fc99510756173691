package dev.jxd.daemon.group;

import dev.jxd.api.auth.Permission;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.http.HttpStatusException;

import java.sql.Connection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * SQL for authorization groups and their permissions: reads, and the commands that change them.
 *
 * <p>Permissions are stored with the canonical {@link EntityUrl#url()} of their entity, so commands that rename or
 * delete an entity rewrite or drop the rows naming it with {@link #renamePermissionEntity} and
 * {@link #deletePermissionsOn}.
 */
public final class GroupStore
{
    static final Comparator<Permission> PERMISSION_ORDER = Comparator.comparing(Permission::entityType)
            .thenComparing(Permission::url)
            .thenComparing(Permission::entitlement);

    private GroupStore() {}

    record GroupRow(long id, String name, String description) {}

    /** A member of a group, as the API names it: {@code tls} / {@code oidc} / {@code bearer} and the identifier. */
    record Member(String authenticationMethod, String identifier) {}

    /** One entitlement on one entity, keyed for lookups of who holds it. */
    record Holding(String entityUrl, String entitlement) {}

    /** The names of all groups, sorted. */
    public static List<String> names(Connection connection)
    {
        return Sql.query(connection, "SELECT name FROM auth_groups ORDER BY name", row -> row.getString(1));
    }

    public static boolean exists(Connection connection, String name)
    {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM auth_groups WHERE name = ?", name) > 0;
    }

    static Optional<GroupRow> find(Connection connection, String name)
    {
        return Sql.queryOne(connection, "SELECT id, name, description FROM auth_groups WHERE name = ?",
                row -> new GroupRow(row.getLong(1), row.getString(2), row.getString(3)), name);
    }

    static List<GroupRow> all(Connection connection)
    {
        return Sql.query(connection, "SELECT id, name, description FROM auth_groups ORDER BY name",
                row -> new GroupRow(row.getLong(1), row.getString(2), row.getString(3)));
    }

    /** The group's permissions, sorted by entity type, URL and entitlement. */
    static List<Permission> permissions(Connection connection, long groupId)
    {
        return Sql.query(connection, "SELECT entity_type, entity_url, entitlement FROM auth_groups_permissions WHERE auth_group_id = ?",
                        row -> new Permission(row.getString(1), row.getString(2), row.getString(3)), groupId)
                .stream()
                .sorted(PERMISSION_ORDER)
                .toList();
    }

    /** The group's members, sorted by authentication method code, then identifier. */
    static List<Member> members(Connection connection, long groupId)
    {
        return Sql.query(connection, """
                        SELECT identities.auth_method, identities.identifier
                        FROM identities_auth_groups
                        JOIN identities ON identities.id = identities_auth_groups.identity_id
                        WHERE identities_auth_groups.auth_group_id = ?
                        ORDER BY identities.auth_method, identities.identifier""",
                row -> new Member(AuthenticationMethod.fromCode(row.getInt(1)).apiName(), row.getString(2)), groupId);
    }

    /** For every held (entity, entitlement), the names of the groups holding it, sorted. */
    static Map<Holding, SortedSet<String>> holders(Connection connection)
    {
        Map<Holding, SortedSet<String>> holders = new HashMap<>();
        Sql.query(connection, """
                        SELECT auth_groups_permissions.entity_url, auth_groups_permissions.entitlement, auth_groups.name
                        FROM auth_groups_permissions
                        JOIN auth_groups ON auth_groups.id = auth_groups_permissions.auth_group_id""",
                row -> holders.computeIfAbsent(new Holding(row.getString(1), row.getString(2)), _ -> new TreeSet<>()).add(row.getString(3)));
        return holders;
    }

    /**
     * Rewrites every permission on {@code from} to name {@code to}; for commands that rename an entity.
     * Each call is a single UPDATE inside the caller's transaction.
     */
    public static void renamePermissionEntity(Connection transaction, EntityUrl from, EntityUrl to)
    {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.type() != to.type()) {
            throw new IllegalArgumentException("Cannot rename entity " + from + " to an entity of another type: " + to);
        }
        Sql.update(transaction, "UPDATE auth_groups_permissions SET entity_url = ? WHERE entity_url = ?", to.url(), from.url());
    }

    /** Deletes every permission on {@code entity}; for commands that delete an entity. */
    public static void deletePermissionsOn(Connection transaction, EntityUrl entity)
    {
        requireNonNull(entity, "entity is null");
        Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE entity_url = ?", entity.url());
    }

    private static long idOf(Connection transaction, String name)
    {
        return Sql.queryOne(transaction, "SELECT id FROM auth_groups WHERE name = ?", row -> row.getLong(1), name)
                .orElseThrow(GroupStore::notFound);
    }

    static HttpStatusException notFound()
    {
        return HttpStatusException.notFound("Authorization group not found");
    }

    private static HttpStatusException alreadyExists(String name)
    {
        return HttpStatusException.conflict("Authorization group \"" + name + "\" already exists");
    }

    // INSERT OR IGNORE: a permission the group already holds is not an error, the set just stays the same
    private static void insertPermissions(Connection transaction, long groupId, List<Permission> permissions)
    {
        for (Permission permission : permissions) {
            Sql.update(transaction,
                    "INSERT OR IGNORE INTO auth_groups_permissions (auth_group_id, entity_type, entity_url, entitlement) VALUES (?, ?, ?, ?)",
                    groupId, permission.entityType(), permission.url(), permission.entitlement());
        }
    }

    /**
     * Creates a group.
     *
     * @param permissions validated, in canonical form
     */
    public record CreateGroup(String name, String description, List<Permission> permissions)
            implements StateCommand<Void>
    {
        public CreateGroup
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            permissions = List.copyOf(permissions);
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id;
            try {
                id = Sql.insert(transaction, "INSERT INTO auth_groups (name, description) VALUES (?, ?)", name, description);
            }
            catch (DatabaseException exception) {
                if (exception.isUniqueViolation()) {
                    throw alreadyExists(name);
                }
                throw exception;
            }
            insertPermissions(transaction, id, permissions);
            return null;
        }
    }

    /** Replaces a group's description and its whole permission set. */
    public record ReplaceGroup(String name, String description, List<Permission> permissions)
            implements StateCommand<Void>
    {
        public ReplaceGroup
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            permissions = List.copyOf(permissions);
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            Sql.update(transaction, "UPDATE auth_groups SET description = ? WHERE id = ?", description, id);
            Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE auth_group_id = ?", id);
            insertPermissions(transaction, id, permissions);
            return null;
        }
    }

    /**
     * Adds permissions to a group, keeping the ones it has, and optionally replaces its description.
     *
     * @param description the new description, or empty to keep the current one
     */
    public record AddPermissions(String name, Optional<String> description, List<Permission> permissions)
            implements StateCommand<Void>
    {
        public AddPermissions
        {
            requireNonNull(name, "name is null");
            requireNonNull(description, "description is null");
            permissions = List.copyOf(permissions);
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            if (description.isPresent()) {
                Sql.update(transaction, "UPDATE auth_groups SET description = ? WHERE id = ?", description.get(), id);
            }
            insertPermissions(transaction, id, permissions);
            return null;
        }
    }

    /** Renames a group and rewrites the permissions other groups hold on it. Memberships follow the group's id. */
    public record RenameGroup(String name, String newName)
            implements StateCommand<Void>
    {
        public RenameGroup
        {
            requireNonNull(name, "name is null");
            requireNonNull(newName, "newName is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            try {
                Sql.update(transaction, "UPDATE auth_groups SET name = ? WHERE id = ?", newName, id);
            }
            catch (DatabaseException exception) {
                if (exception.isUniqueViolation()) {
                    throw alreadyExists(newName);
                }
                throw exception;
            }
            renamePermissionEntity(transaction, EntityUrl.group(name), EntityUrl.group(newName));
            return null;
        }
    }

    /** Deletes a group with its permissions and memberships, and the permissions other groups hold on it. */
    public record DeleteGroup(String name)
            implements StateCommand<Void>
    {
        public DeleteGroup
        {
            requireNonNull(name, "name is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            long id = idOf(transaction, name);
            deletePermissionsOn(transaction, EntityUrl.group(name));
            // Foreign keys cascade too; explicit deletes keep the command correct whatever the connection's settings
            Sql.update(transaction, "DELETE FROM auth_groups_permissions WHERE auth_group_id = ?", id);
            Sql.update(transaction, "DELETE FROM identities_auth_groups WHERE auth_group_id = ?", id);
            Sql.update(transaction, "DELETE FROM auth_groups WHERE id = ?", id);
            return null;
        }
    }
}
