package dev.jxd.daemon.group;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.IdentityType;
import dev.jxd.daemon.db.Sql;

import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** The entity sources for the entity types the daemon core owns: server, projects, identities, certificates, groups. */
public final class EntitySources
{
    // Legacy certificate identities are addressed as /1.0/certificates/<fingerprint> rather than as identities
    private static final String CERTIFICATE_TYPE_CODES = Arrays.stream(IdentityType.values())
            .filter(type -> type.method() == AuthenticationMethod.TLS && !type.fineGrained())
            .map(type -> Integer.toString(type.code()))
            .collect(Collectors.joining(", "));

    private EntitySources() {}

    public static List<EntitySource> core()
    {
        return List.of(server(), projects(), identities(), certificates(), groups());
    }

    /** The server always exists and belongs to no project. */
    public static EntitySource server()
    {
        return new Global(EntityType.SERVER)
        {
            @Override
            List<EntityUrl> all(Connection connection)
            {
                return List.of(EntityUrl.server());
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                return true;
            }
        };
    }

    public static EntitySource projects()
    {
        return new EntitySource()
        {
            @Override
            public EntityType type()
            {
                return EntityType.PROJECT;
            }

            @Override
            public List<EntityUrl> entities(Connection connection, Optional<String> project)
            {
                if (project.isPresent()) {
                    return exists(connection, EntityUrl.project(project.get())) ? List.of(EntityUrl.project(project.get())) : List.of();
                }
                return Sql.query(connection, "SELECT name FROM projects", row -> EntityUrl.project(row.getString(1)));
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                return Sql.queryLong(connection, "SELECT COUNT(*) FROM projects WHERE name = ?", projectName(entity)) > 0;
            }
        };
    }

    /** Every identity, whatever its type or state, under {@code /1.0/auth/identities/<method>/<identifier>}. */
    public static EntitySource identities()
    {
        return new Global(EntityType.IDENTITY)
        {
            @Override
            List<EntityUrl> all(Connection connection)
            {
                return Sql.query(connection, "SELECT auth_method, identifier FROM identities",
                        row -> EntityUrl.identity(AuthenticationMethod.fromCode(row.getInt(1)).apiName(), row.getString(2)));
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                Optional<AuthenticationMethod> method = AuthenticationMethod.fromApiName(entity.pathArguments().get(0));
                return method.isPresent() && Sql.queryLong(connection, "SELECT COUNT(*) FROM identities WHERE auth_method = ? AND identifier = ?",
                        method.get().code(), entity.pathArguments().get(1)) > 0;
            }
        };
    }

    /** Identities of the legacy certificate types, under {@code /1.0/certificates/<fingerprint>}. */
    public static EntitySource certificates()
    {
        return new Global(EntityType.CERTIFICATE)
        {
            @Override
            List<EntityUrl> all(Connection connection)
            {
                return Sql.query(connection,
                        "SELECT identifier FROM identities WHERE auth_method = ? AND type IN (" + CERTIFICATE_TYPE_CODES + ")",
                        row -> new EntityUrl(EntityType.CERTIFICATE, List.of(row.getString(1)), null, null),
                        AuthenticationMethod.TLS.code());
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                return Sql.queryLong(connection,
                        "SELECT COUNT(*) FROM identities WHERE auth_method = ? AND identifier = ? AND type IN (" + CERTIFICATE_TYPE_CODES + ")",
                        AuthenticationMethod.TLS.code(), entity.pathArguments().getFirst()) > 0;
            }
        };
    }

    public static EntitySource groups()
    {
        return new Global(EntityType.GROUP)
        {
            @Override
            List<EntityUrl> all(Connection connection)
            {
                return GroupStore.names(connection).stream().map(EntityUrl::group).toList();
            }

            @Override
            public boolean exists(Connection connection, EntityUrl entity)
            {
                return GroupStore.exists(connection, entity.pathArguments().getFirst());
            }
        };
    }

    private static String projectName(EntityUrl project)
    {
        return project.pathArguments().getFirst();
    }

    /** A type whose entities belong to no project, so a project filter excludes them all. */
    private abstract static class Global
            implements EntitySource
    {
        private final EntityType type;

        Global(EntityType type)
        {
            this.type = requireNonNull(type, "type is null");
        }

        abstract List<EntityUrl> all(Connection connection);

        @Override
        public final EntityType type()
        {
            return type;
        }

        @Override
        public final List<EntityUrl> entities(Connection connection, Optional<String> project)
        {
            return project.isPresent() ? List.of() : all(connection);
        }
    }
}
