package dev.jxd.daemon.db.raft;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Tells a command's own failure, which every member meets alike, from a failure of this member's machinery,
 * which other members do not share. Only the first kind may be applied as an outcome.
 */
final class ApplyFailures
{
    // SQLite result codes that depend on this machine (disk, memory, locks, file state), not on the command
    private static final Set<SQLiteErrorCode> LOCAL_CONDITIONS = EnumSet.of(
            SQLiteErrorCode.SQLITE_INTERNAL,
            SQLiteErrorCode.SQLITE_PERM,
            SQLiteErrorCode.SQLITE_ABORT,
            SQLiteErrorCode.SQLITE_BUSY,
            SQLiteErrorCode.SQLITE_LOCKED,
            SQLiteErrorCode.SQLITE_NOMEM,
            SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_INTERRUPT,
            SQLiteErrorCode.SQLITE_IOERR,
            SQLiteErrorCode.SQLITE_CORRUPT,
            SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_CANTOPEN,
            SQLiteErrorCode.SQLITE_PROTOCOL,
            SQLiteErrorCode.SQLITE_NOTADB);

    private ApplyFailures() {}

    static boolean isDeterministic(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof OutOfMemoryError) {
                return false;
            }
            if (cause instanceof SQLException sqlException && isLocalCondition(sqlException)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalCondition(SQLException exception)
    {
        if (exception instanceof SQLiteException sqliteException) {
            // Extended codes (SQLITE_IOERR_WRITE, ...) carry their primary code in the low byte
            SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(sqliteException.getResultCode().code & 0xff);
            return LOCAL_CONDITIONS.contains(primary);
        }
        // Closed connections and driver trouble are this member's problem too
        return !(exception.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code || exception.getErrorCode() == SQLiteErrorCode.SQLITE_ERROR.code);
    }
}
