package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;

import java.sql.Connection;

/** Commands on the daemon's real {@code config} and {@code projects} tables, for the replication tests. */
final class TestCommands
{
    private TestCommands() {}

    static StateCommandCodec codec()
    {
        return new StateCommandCodec()
                .register("test.PutConfig", PutConfig.class)
                .register("test.Increment", Increment.class)
                .register("test.CreateProject", CreateProject.class)
                .register("test.FailAfterWriting", FailAfterWriting.class)
                .register("test.StoreResult", StoreResult.class)
                .register("test.FailOnMember", TestThreeMembers.FailOnMember.class);
    }

    /** Inserts a key; a second insert of the same key fails on the primary key. */
    record PutConfig(String key, String value)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, ?)", key, value);
            return null;
        }
    }

    /** Adds one to a counter and returns the new value. */
    record Increment(String key)
            implements StateCommand<Long>
    {
        @Override
        public Long apply(Connection transaction)
        {
            Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", key);
            return Long.parseLong(Sql.queryOne(transaction, "SELECT value FROM config WHERE key = ?", row -> row.getString(1), key).orElseThrow());
        }
    }

    record CreateProject(String name, String description)
            implements StateCommand<Long>
    {
        @Override
        public Long apply(Connection transaction)
        {
            return Sql.insert(transaction, "INSERT INTO projects (name, description) VALUES (?, ?)", name, description);
        }
    }

    /** Writes, then throws: the write must be rolled back everywhere. */
    record FailAfterWriting(String key, String message)
            implements StateCommand<Void>
    {
        @Override
        public Void apply(Connection transaction)
        {
            Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, 'written')", key);
            throw new IllegalArgumentException(message);
        }
    }

    /** Applies a nested command and stores its result under {@code key}. */
    record StoreResult(String key, StateCommand<Long> inner)
            implements StateCommand<Long>
    {
        @Override
        public Long apply(Connection transaction)
        {
            Long result = inner.apply(transaction);
            Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, ?)", key, String.valueOf(result));
            return result;
        }
    }
}
