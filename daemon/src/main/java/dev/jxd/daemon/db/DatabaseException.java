package dev.jxd.daemon.db;

import java.sql.SQLException;

/** A failed statement. Constraint violations are recognisable so services can map them to 409. */
public final class DatabaseException
        extends RuntimeException
{
    public DatabaseException(String sql, SQLException cause)
    {
        super(cause.getMessage() + " [" + sql + "]", cause);
    }

    public boolean isUniqueViolation()
    {
        return getCause() instanceof SQLException sqlException
                && sqlException.getMessage() != null
                && (sqlException.getMessage().contains("UNIQUE constraint failed")
                        || sqlException.getMessage().contains("PRIMARY KEY"));
    }

    public boolean isForeignKeyViolation()
    {
        return getCause() instanceof SQLException sqlException
                && sqlException.getMessage() != null
                && sqlException.getMessage().contains("FOREIGN KEY constraint failed");
    }
}
