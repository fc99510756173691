package dev.jxd.daemon.server;

import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;

import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

/** SQL for the {@code config} table. */
public final class ServerConfigStore
{
    private ServerConfigStore() {}

    public static Map<String, String> read(Connection connection)
    {
        Map<String, String> config = new TreeMap<>();
        for (Map.Entry<String, String> entry : Sql.query(connection, "SELECT key, value FROM config",
                row -> Map.entry(row.getString(1), row.getString(2)))) {
            config.put(entry.getKey(), entry.getValue());
        }
        return config;
    }

    /** Replaces the whole server configuration; empty values are not stored (they mean "unset"). */
    public record ReplaceServerConfig(Map<String, String> config)
            implements StateCommand<Void>
    {
        public ReplaceServerConfig
        {
            config = Map.copyOf(config);
        }

        @Override
        public Void apply(Connection transaction)
        {
            Sql.update(transaction, "DELETE FROM config");
            for (Map.Entry<String, String> entry : new TreeMap<>(config).entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    Sql.update(transaction, "INSERT INTO config (key, value) VALUES (?, ?)", entry.getKey(), entry.getValue());
                }
            }
            return null;
        }
    }
}
