package dev.jxd.daemon.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The member's SQLite file: one connection that writes (owned by the state store) and a small pool
 * that reads. WAL mode lets readers proceed while a command is being applied. Readers are opened when
 * first needed, which keeps their cost off start-up and their memory out of a daemon that reads little.
 */
public final class Database
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int READERS = 4;

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    // Guarded by this
    private final List<Connection> allReaders = new ArrayList<>();
    private boolean closed;

    private Database(Path file)
            throws SQLException
    {
        this.file = requireNonNull(file, "file is null");
        this.writer = open(file, false);
        this.readers = new ArrayBlockingQueue<>(READERS);
    }

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file)
    {
        try {
            Database database = new Database(file);
            database.migrate();
            return database;
        }
        catch (SQLException exception) {
            throw new DatabaseException("open " + file, exception);
        }
    }

    public Path file()
    {
        return file;
    }

    /** The connection the state store applies commands on. Only the state store may use it. */
    Connection writer()
    {
        return writer;
    }

    /**
     * Runs {@code work} on the writer connection in one transaction: committed when it returns, rolled back
     * when it (or the commit) throws. This is how a state store other than {@link LocalStateStore} writes;
     * the replicated store applies each log entry through it.
     */
    public <R> R writeTransaction(Function<Connection, R> work)
    {
        requireNonNull(work, "work is null");
        synchronized (writer) {
            try {
                writer.setAutoCommit(false);
            }
            catch (SQLException exception) {
                throw new DatabaseException("BEGIN", exception);
            }
            try {
                R result = work.apply(writer);
                writer.commit();
                return result;
            }
            catch (SQLException exception) {
                DatabaseException failure = new DatabaseException("COMMIT", exception);
                rollback(failure);
                throw failure;
            }
            catch (RuntimeException | Error exception) {
                rollback(exception);
                throw exception;
            }
            finally {
                try {
                    writer.setAutoCommit(true);
                }
                catch (SQLException ignored) {
                    // The connection is unusable anyway; the next statement reports it
                }
            }
        }
    }

    /** Writes a consistent copy of the whole database to {@code target}, which must not exist yet. */
    public void backupTo(Path target)
    {
        requireNonNull(target, "target is null");
        if (Files.exists(target)) {
            throw new IllegalArgumentException("Backup target already exists: " + target);
        }
        synchronized (writer) {
            // SQLite's online backup copies one consistent state page by page; readers carry on meanwhile, and the
            // caller holds the only writer, so the copy matches the applied log index it is named after
            try {
                int result = writer.unwrap(SQLiteConnection.class).getDatabase().backup("main", target.toAbsolutePath().toString(), null);
                if (result != 0) {
                    throw new SQLException("SQLite backup failed with result code " + result);
                }
            }
            catch (SQLException exception) {
                throw new DatabaseException("backup to " + target, exception);
            }
        }
    }

    /**
     * Replaces the whole content of this database with that of the database file {@code source}, in one
     * step that readers see atomically (SQLite's online backup into this database).
     */
    public void restoreFrom(Path source)
    {
        requireNonNull(source, "source is null");
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("No database file at " + source);
        }
        synchronized (writer) {
            try {
                int result = writer.unwrap(SQLiteConnection.class).getDatabase().restore("main", source.toAbsolutePath().toString(), null);
                if (result != 0) {
                    throw new SQLException("SQLite restore failed with result code " + result);
                }
                // The copied header carries the source's journal mode; this file stays in WAL mode for its readers
                Sql.execute(writer, "PRAGMA journal_mode=WAL");
            }
            catch (SQLException exception) {
                throw new DatabaseException("restore from " + source, exception);
            }
        }
    }

    private void rollback(Throwable cause)
    {
        try {
            writer.rollback();
        }
        catch (SQLException exception) {
            cause.addSuppressed(exception);
        }
    }

    public <R> R read(Function<Connection, R> query)
    {
        Connection connection = readers.poll();
        if (connection == null) {
            connection = openReaderOrWait();
        }
        try {
            return query.apply(connection);
        }
        finally {
            readers.add(connection);
        }
    }

    private Connection openReaderOrWait()
    {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Database " + file + " is closed");
            }
            if (allReaders.size() < READERS) {
                try {
                    Connection reader = open(file, true);
                    allReaders.add(reader);
                    return reader;
                }
                catch (SQLException exception) {
                    throw new DatabaseException("open reader on " + file, exception);
                }
            }
        }
        try {
            return readers.take();
        }
        catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for a database connection", exception);
        }
    }

    public int schemaVersion()
    {
        return (int) Sql.queryLong(writer, "SELECT COALESCE(MAX(version), 0) FROM schema");
    }

    private void migrate()
            throws SQLException
    {
        Sql.execute(writer, "CREATE TABLE IF NOT EXISTS schema (version INTEGER PRIMARY KEY, updated_at TEXT NOT NULL)");
        int current = schemaVersion();
        for (Migration migration : Schema.migrations()) {
            if (migration.version() <= current) {
                continue;
            }
            writer.setAutoCommit(false);
            try {
                for (String statement : migration.statements()) {
                    Sql.execute(writer, statement);
                }
                Sql.update(writer, "INSERT INTO schema (version, updated_at) VALUES (?, datetime('now'))", migration.version());
                writer.commit();
                LOG.info("Applied schema update {} ({})", migration.version(), migration.description());
            }
            catch (RuntimeException exception) {
                writer.rollback();
                throw exception;
            }
            finally {
                writer.setAutoCommit(true);
            }
        }
    }

    /**
     * Initializes the SQLite driver's connection settings without opening anything: the first
     * {@link SQLiteConfig} builds date formats from the JDK's locale data, which start-up prepares on a
     * spare thread before the main thread opens the database.
     */
    public static void prepareDriver()
    {
        new SQLiteConfig();
    }

    private static Connection open(Path file, boolean readOnly)
            throws SQLException
    {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    @Override
    public void close()
    {
        synchronized (this) {
            closed = true;
            for (Connection connection : allReaders) {
                closeQuietly(connection);
            }
        }
        closeQuietly(writer);
    }

    private static void closeQuietly(Connection connection)
    {
        try {
            connection.close();
        }
        catch (SQLException exception) {
            LOG.debug("Closing database connection", exception);
        }
    }
}
