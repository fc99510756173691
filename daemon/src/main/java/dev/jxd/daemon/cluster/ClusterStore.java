package dev.jxd.daemon.cluster;

import dev.jxd.api.json.Json;
import dev.jxd.daemon.db.DatabaseException;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.http.HttpStatusException;
import tools.jackson.core.type.TypeReference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** SQL for cluster members and join tokens, and the commands that change them. */
public final class ClusterStore
{
    private static final String MEMBER_COLUMNS = "name, raft_id, address, raft_address, database_role, description, failure_domain, config, architecture, created_at";
    private static final TypeReference<Map<String, String>> CONFIG_TYPE = new TypeReference<>() {};

    private ClusterStore() {}

    /**
     * A member as stored. Its database role is the planner's target shape; the live Raft role (voter or
     * listener) follows it once the leader has applied the change.
     */
    public record MemberRow(
            String name,
            String raftId,
            String address,
            String raftAddress,
            String databaseRole,
            String description,
            String failureDomain,
            Map<String, String> config,
            String architecture,
            String createdAt)
    {
        public MemberRow
        {
            requireNonNull(name, "name is null");
            requireNonNull(raftId, "raftId is null");
            requireNonNull(address, "address is null");
            requireNonNull(raftAddress, "raftAddress is null");
            requireNonNull(databaseRole, "databaseRole is null");
            description = description == null ? "" : description;
            failureDomain = failureDomain == null ? "default" : failureDomain;
            config = config == null ? Map.of() : Map.copyOf(config);
            requireNonNull(architecture, "architecture is null");
            requireNonNull(createdAt, "createdAt is null");
        }
    }

    public static List<MemberRow> members(Connection connection)
    {
        return Sql.query(connection, "SELECT " + MEMBER_COLUMNS + " FROM cluster_members ORDER BY name", ClusterStore::member);
    }

    private static MemberRow member(java.sql.ResultSet row)
            throws java.sql.SQLException
    {
        return new MemberRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                row.getString(7), Json.lenient().readValue(row.getString(8), CONFIG_TYPE), row.getString(9), row.getString(10));
    }

    private static void insertMember(Connection transaction, MemberRow member)
    {
        try {
            Sql.insert(transaction, "INSERT INTO cluster_members (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    member.name(), member.raftId(), member.address(), member.raftAddress(), member.databaseRole(), member.description(),
                    member.failureDomain(), Json.write(new TreeMap<>(member.config())), member.architecture(), member.createdAt());
        }
        catch (DatabaseException exception) {
            if (exception.isUniqueViolation()) {
                throw HttpStatusException.conflict("The cluster already has a member with this name or address");
            }
            throw exception;
        }
    }

    /**
     * Makes this server the first member. The HTTPS address moves from the server configuration to the
     * member row: in a cluster each member has its own, and the configuration table is shared.
     */
    public record EnableClustering(MemberRow firstMember)
            implements StateCommand<Void>
    {
        public EnableClustering
        {
            requireNonNull(firstMember, "firstMember is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            if (Sql.queryLong(transaction, "SELECT COUNT(*) FROM cluster_members") > 0) {
                throw HttpStatusException.badRequest("This server is already clustered");
            }
            insertMember(transaction, firstMember);
            Sql.update(transaction, "DELETE FROM config WHERE key = 'core.https_address'");
            return null;
        }
    }

    /** Records a join token for a future member; only the secret's hash is kept. */
    public record CreateJoinToken(String name, String secretHash, Instant expiresAt, Instant createdAt)
            implements StateCommand<Void>
    {
        public CreateJoinToken
        {
            requireNonNull(name, "name is null");
            requireNonNull(secretHash, "secretHash is null");
            requireNonNull(expiresAt, "expiresAt is null");
            requireNonNull(createdAt, "createdAt is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            if (Sql.queryLong(transaction, "SELECT COUNT(*) FROM cluster_members WHERE name = ?", name) > 0) {
                throw HttpStatusException.conflict("The cluster already has a member with name: " + name);
            }
            // An expired token no longer reserves the name
            Sql.update(transaction, "DELETE FROM cluster_join_tokens WHERE name = ? AND expires_at <= ?", name, createdAt.toString());
            if (Sql.queryLong(transaction, "SELECT COUNT(*) FROM cluster_join_tokens WHERE name = ?", name) > 0) {
                throw HttpStatusException.conflict("A join token for member \"" + name + "\" already exists");
            }
            Sql.insert(transaction, "INSERT INTO cluster_join_tokens (name, secret_hash, expires_at, created_at) VALUES (?, ?, ?, ?)",
                    name, secretHash, expiresAt.toString(), createdAt.toString());
            return null;
        }
    }

    /**
     * Consumes a join token and adds the member, in one transaction: of two joins racing with one token,
     * exactly one wins. Every refusal is the same 403 so that a prober learns nothing about which tokens exist.
     */
    public record AcceptJoin(String presentedSecretHash, Instant now, MemberRow member)
            implements StateCommand<Void>
    {
        public AcceptJoin
        {
            requireNonNull(presentedSecretHash, "presentedSecretHash is null");
            requireNonNull(now, "now is null");
            requireNonNull(member, "member is null");
        }

        @Override
        public Void apply(Connection transaction)
        {
            Optional<String[]> token = Sql.queryOne(transaction, "SELECT secret_hash, expires_at FROM cluster_join_tokens WHERE name = ?",
                    row -> new String[] {row.getString(1), row.getString(2)}, member.name());
            if (token.isEmpty()
                    || !MessageDigest.isEqual(token.get()[0].getBytes(StandardCharsets.US_ASCII), presentedSecretHash.getBytes(StandardCharsets.US_ASCII))
                    || !Instant.parse(token.get()[1]).isAfter(now)) {
                throw HttpStatusException.forbidden("Invalid, expired or already used cluster join token");
            }
            Sql.update(transaction, "DELETE FROM cluster_join_tokens WHERE name = ?", member.name());
            insertMember(transaction, member);
            return null;
        }
    }

    public record DeleteJoinToken(String name)
            implements StateCommand<Boolean>
    {
        @Override
        public Boolean apply(Connection transaction)
        {
            return Sql.update(transaction, "DELETE FROM cluster_join_tokens WHERE name = ?", name) > 0;
        }
    }

    public record PruneJoinTokens(Instant now)
            implements StateCommand<Integer>
    {
        @Override
        public Integer apply(Connection transaction)
        {
            return Sql.update(transaction, "DELETE FROM cluster_join_tokens WHERE expires_at <= ?", now.toString());
        }
    }

    public record UpdateMember(String name, String description, String failureDomain, Map<String, String> config)
            implements StateCommand<Void>
    {
        public UpdateMember
        {
            config = Map.copyOf(config);
        }

        @Override
        public Void apply(Connection transaction)
        {
            int updated = Sql.update(transaction, "UPDATE cluster_members SET description = ?, failure_domain = ?, config = ? WHERE name = ?",
                    description, failureDomain, Json.write(new TreeMap<>(config)), name);
            if (updated == 0) {
                throw HttpStatusException.notFound("Cluster member not found");
            }
            return null;
        }
    }

    public record RenameMember(String name, String newName)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            if (Sql.queryLong(transaction, "SELECT COUNT(*) FROM cluster_members WHERE name = ?", newName) > 0) {
                throw HttpStatusException.conflict("The cluster already has a member with name: " + newName);
            }
            if (Sql.update(transaction, "UPDATE cluster_members SET name = ? WHERE name = ?", newName, name) == 0) {
                throw HttpStatusException.notFound("Cluster member not found");
            }
            return null;
        }
    }

    public record SetDatabaseRole(String raftId, String databaseRole)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            Sql.update(transaction, "UPDATE cluster_members SET database_role = ? WHERE raft_id = ?", databaseRole, raftId);
            return null;
        }
    }

    public record RemoveMember(String name)
            implements StateCommand<Boolean>
    {
        @Override
        public Boolean apply(Connection transaction)
        {
            return Sql.update(transaction, "DELETE FROM cluster_members WHERE name = ?", name) > 0;
        }
    }
}
