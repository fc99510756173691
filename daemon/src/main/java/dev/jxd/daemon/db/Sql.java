package dev.jxd.daemon.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small JDBC helper every store uses: positional arguments in, records out. */
public final class Sql
{
    private Sql() {}

    @FunctionalInterface
    public interface RowMapper<T>
    {
        T map(ResultSet row)
                throws SQLException;
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... arguments)
    {
        try (PreparedStatement statement = prepare(connection, sql, arguments);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
        catch (SQLException exception) {
            throw new DatabaseException(sql, exception);
        }
    }

    public static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... arguments)
    {
        List<T> rows = query(connection, sql, mapper, arguments);
        if (rows.size() > 1) {
            throw new IllegalStateException("More than one row for: " + sql);
        }
        return rows.stream().findFirst();
    }

    public static long queryLong(Connection connection, String sql, Object... arguments)
    {
        return queryOne(connection, sql, row -> row.getLong(1), arguments).orElse(0L);
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows changed. */
    public static int update(Connection connection, String sql, Object... arguments)
    {
        try (PreparedStatement statement = prepare(connection, sql, arguments)) {
            return statement.executeUpdate();
        }
        catch (SQLException exception) {
            throw new DatabaseException(sql, exception);
        }
    }

    /** Runs an INSERT and returns the generated row id. */
    public static long insert(Connection connection, String sql, Object... arguments)
    {
        try (PreparedStatement statement = prepare(connection, sql, arguments)) {
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
        catch (SQLException exception) {
            throw new DatabaseException(sql, exception);
        }
    }

    public static void execute(Connection connection, String sql)
    {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException exception) {
            throw new DatabaseException(sql, exception);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... arguments)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int index = 0; index < arguments.length; index++) {
            statement.setObject(index + 1, arguments[index]);
        }
        return statement;
    }
}
