package dev.jxd.daemon.db.raft;

import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.db.raft.PendingResults.Failure;
import dev.jxd.daemon.db.raft.PendingResults.Outcome;
import dev.jxd.daemon.db.raft.PendingResults.Success;
import dev.jxd.daemon.db.raft.StateCommandCodec.CommandEntry;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.util.Objects.requireNonNull;

/**
 * Applies committed log entries to this member's SQLite database.
 *
 * <p>Ratis calls {@link #applyTransaction} from one thread in log order, and this class applies each entry
 * before returning, so every member executes the same commands in the same order. Each command runs in one
 * transaction together with the update of the {@code raft_applied} row, so the database itself records how
 * far it got: entries Ratis replays after a restart (everything after the last snapshot) are skipped up to
 * that row. A command that throws is rolled back, and the entry still counts as applied with that failure,
 * identically on every member. A failure that is not the command's (I/O, a corrupt database, an undecodable
 * entry) would make this member diverge, so it stops the member instead, as Ozone's state machine does.
 *
 * <p>Each entry carries the submitting request's id, recorded in {@code raft_requests} for a while: Raft may
 * commit a retried request twice (when a leader dies between appending and committing it), and the second
 * copy is skipped on every member alike.
 *
 * <p>Snapshots are SQLite online backups of the database named by term and index, taken on the apply
 * thread between entries; installing one from the leader replaces the database with it.
 */
final class CommandStateMachine
        extends BaseStateMachine
{
    private static final Logger LOG = LoggerFactory.getLogger(CommandStateMachine.class);

    // Request ids are remembered for this many entries, far longer than any client retries a request
    private static final long REQUEST_ID_RETENTION = 10_000;
    private static final long REQUEST_ID_PRUNE_INTERVAL = 1_000;

    private final Database database;
    private final StateCommandCodec codec;
    private final PendingResults pending;
    private final List<Consumer<StateCommand<?>>> listeners;
    private final Consumer<Throwable> fatalFailure;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    // Ratis applies entries and takes snapshots on one thread, but the first snapshot is taken from another
    private final Object applyLock = new Object();
    // The index of the database's raft_applied row; written by the applying thread only
    private volatile long persistedIndex = RaftLog.INVALID_LOG_INDEX;
    private volatile Thread applyingThread;

    CommandStateMachine(Database database, StateCommandCodec codec, PendingResults pending, List<Consumer<StateCommand<?>>> listeners, Consumer<Throwable> fatalFailure)
    {
        this.database = requireNonNull(database, "database is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.pending = requireNonNull(pending, "pending is null");
        this.listeners = requireNonNull(listeners, "listeners is null");
        this.fatalFailure = requireNonNull(fatalFailure, "fatalFailure is null");
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
            throws IOException
    {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            deletePartialSnapshots(raftStorage.getStorageDir().getStateMachineDir().toPath());
            createBookkeepingTables();
            load(storage.getLatestSnapshot(), false);
        });
    }

    /** Before a snapshot from the leader is installed; Ratis applies nothing until {@link #reinitialize}. */
    @Override
    public void pause()
    {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After the leader installed a snapshot: the database becomes that snapshot. */
    @Override
    public void reinitialize()
            throws IOException
    {
        synchronized (applyLock) {
            load(storage.loadLatestSnapshot(), true);
        }
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    private void load(SingleFileSnapshotInfo snapshot, boolean installed)
            throws IOException
    {
        Optional<TermIndex> applied = readApplied();
        if (snapshot == null) {
            persistedIndex = applied.map(TermIndex::getIndex).orElse(RaftLog.INVALID_LOG_INDEX);
            return;
        }
        Path file = snapshot.getFile().getPath();
        // Newer than the database: a snapshot just installed from the leader, or a database that lost its
        // last commits (synchronous=NORMAL) while the snapshot had been written
        if (applied.isEmpty() || applied.get().getIndex() < snapshot.getIndex()) {
            MD5Hash digest = snapshot.getFile().getFileDigest();
            if (digest != null) {
                MD5FileUtil.verifySavedMD5(file.toFile(), digest);
            }
            LOG.info("Restoring the database from snapshot {} (it held index {})", file.getFileName(), applied.map(TermIndex::getIndex).orElse(RaftLog.INVALID_LOG_INDEX));
            database.restoreFrom(file);
            createBookkeepingTables();
            applied = readApplied();
            pending.snapshotInstalled(snapshot.getIndex());
            if (installed) {
                notifyListeners(new StateReplaced(snapshot.getTerm(), snapshot.getIndex()));
            }
        }
        persistedIndex = applied.map(TermIndex::getIndex).orElse(RaftLog.INVALID_LOG_INDEX);
        // Ratis replays the log from here; entries the database already holds are skipped one by one
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    @Override
    public StateMachineStorage getStateMachineStorage()
    {
        return storage;
    }

    /** On the leader, before the entry is logged: an entry no member could decode is refused, not replicated. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request)
            throws IOException
    {
        try {
            codec.decodeEntry(request.getMessage().getContent().toByteArray());
        }
        catch (IllegalArgumentException exception) {
            throw new IOException("Refused log entry: " + exception.getMessage(), exception);
        }
        return super.startTransaction(request);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction)
    {
        synchronized (applyLock) {
            return applyLocked(transaction);
        }
    }

    private CompletableFuture<Message> applyLocked(TransactionContext transaction)
    {
        applyingThread = Thread.currentThread();
        LogEntryProto entry = transaction.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        try {
            if (termIndex.getIndex() <= persistedIndex) {
                updateLastAppliedTermIndex(termIndex);
                return CompletableFuture.completedFuture(Message.EMPTY);
            }
            CommandEntry command = codec.decodeEntry(entry.getStateMachineLogEntry().getLogData().toByteArray());
            Optional<Outcome> outcome = apply(command, termIndex);
            persistedIndex = termIndex.getIndex();
            updateLastAppliedTermIndex(termIndex);
            if (outcome.isPresent()) {
                if (outcome.get() instanceof Success) {
                    notifyListeners(command.command());
                }
                pending.complete(command.requestId(), outcome.get());
            }
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        catch (RuntimeException | Error failure) {
            LOG.error("Stopping this cluster database member: applying log entry {} failed, and continuing would let it diverge", termIndex, failure);
            fatalFailure.accept(failure);
            // Ratis stops the member when applying throws
            throw failure;
        }
    }

    /** Applies one command; empty when the entry repeats a request that was already applied. */
    private Optional<Outcome> apply(CommandEntry entry, TermIndex termIndex)
    {
        try {
            return database.writeTransaction(connection -> {
                if (isApplied(connection, entry.requestId())) {
                    recordApplied(connection, entry.requestId(), termIndex);
                    LOG.debug("Skipping log entry {}: request {} was already applied", termIndex, entry.requestId());
                    return Optional.empty();
                }
                Object result = entry.command().apply(connection);
                recordApplied(connection, entry.requestId(), termIndex);
                return Optional.of(new Success(result));
            });
        }
        catch (RuntimeException exception) {
            if (!ApplyFailures.isDeterministic(exception)) {
                throw new IllegalStateException("Applying " + entry.command().getClass().getSimpleName() + " failed outside the command", exception);
            }
            // The command's own failure: the same on every member, so the entry is applied as that failure
            database.writeTransaction(connection -> {
                recordApplied(connection, entry.requestId(), termIndex);
                return null;
            });
            return Optional.of(new Failure(exception));
        }
    }

    private void notifyListeners(StateCommand<?> command)
    {
        for (Consumer<StateCommand<?>> listener : listeners) {
            try {
                listener.accept(command);
            }
            catch (RuntimeException exception) {
                // The command is applied everywhere already; a listener's trouble must not stop replication
                LOG.warn("State listener failed after {}", command.getClass().getSimpleName(), exception);
            }
        }
    }

    /**
     * Ratis calls this once the member has applied everything up to the leader's commit index at the time of
     * the request, which is all a linearizable read needs; the read itself runs locally afterwards. The
     * answer is the applied index, for a member whose read was answered by another member.
     */
    @Override
    public CompletableFuture<Message> query(Message request)
    {
        return CompletableFuture.completedFuture(Message.valueOf(Long.toString(getLastAppliedTermIndex().getIndex())));
    }

    /** Between two entries, so that the copy holds exactly the entries up to the last applied index. */
    @Override
    public long takeSnapshot()
            throws IOException
    {
        synchronized (applyLock) {
            return takeSnapshotLocked();
        }
    }

    private long takeSnapshotLocked()
            throws IOException
    {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        Path target = storage.getSnapshotFile(last.getTerm(), last.getIndex()).toPath();
        if (!Files.exists(target)) {
            // A name the snapshot pattern does not match, so a half-written file is never taken for a snapshot
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            database.backupTo(partial);
            // Configuration entries advance the applied index without touching the database: the snapshot
            // records the index it stands for
            stampApplied(partial, last);
            Files.move(partial, target, ATOMIC_MOVE);
        }
        MD5Hash digest = MD5FileUtil.computeAndSaveMd5ForFile(target.toFile());
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target, digest), last));
        LOG.debug("Took snapshot {}", target.getFileName());
        return last.getIndex();
    }

    /** True on the thread that applies entries (and runs listeners), which must never wait for an entry. */
    boolean isApplyingThread()
    {
        return Thread.currentThread() == applyingThread;
    }

    private static void deletePartialSnapshots(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory, "*.partial")) {
            for (Path partial : partials) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private void createBookkeepingTables()
    {
        // Here rather than in the schema: they belong to replication, which a single member does without
        database.writeTransaction(connection -> {
            Sql.execute(connection, "CREATE TABLE IF NOT EXISTS raft_applied (id INTEGER PRIMARY KEY CHECK (id = 1), term INTEGER NOT NULL, log_index INTEGER NOT NULL)");
            Sql.execute(connection, "CREATE TABLE IF NOT EXISTS raft_requests (request_id TEXT PRIMARY KEY, log_index INTEGER NOT NULL)");
            return null;
        });
    }

    private Optional<TermIndex> readApplied()
    {
        return database.read(connection -> Sql.queryOne(connection, "SELECT term, log_index FROM raft_applied WHERE id = 1",
                row -> TermIndex.valueOf(row.getLong(1), row.getLong(2))));
    }

    private static boolean isApplied(Connection connection, String requestId)
    {
        return Sql.queryLong(connection, "SELECT COUNT(*) FROM raft_requests WHERE request_id = ?", requestId) > 0;
    }

    private static void recordApplied(Connection connection, String requestId, TermIndex termIndex)
    {
        writeApplied(connection, termIndex);
        Sql.update(connection, "INSERT OR IGNORE INTO raft_requests (request_id, log_index) VALUES (?, ?)", requestId, termIndex.getIndex());
        // Pruned at the same indexes on every member, so the tables stay identical everywhere
        if (termIndex.getIndex() % REQUEST_ID_PRUNE_INTERVAL == 0) {
            Sql.update(connection, "DELETE FROM raft_requests WHERE log_index < ?", termIndex.getIndex() - REQUEST_ID_RETENTION);
        }
    }

    private static void writeApplied(Connection connection, TermIndex termIndex)
    {
        Sql.update(connection, "INSERT INTO raft_applied (id, term, log_index) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET term = excluded.term, log_index = excluded.log_index",
                termIndex.getTerm(), termIndex.getIndex());
    }

    private static void stampApplied(Path file, TermIndex termIndex)
            throws IOException
    {
        try (Connection connection = new SQLiteConfig().createConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            writeApplied(connection, termIndex);
        }
        catch (SQLException | RuntimeException exception) {
            throw new IOException("Cannot record the applied index in snapshot " + file, exception);
        }
    }
}
