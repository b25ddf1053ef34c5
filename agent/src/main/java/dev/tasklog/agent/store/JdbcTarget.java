package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes records to the database, one transaction per batch, each table's rows in one JDBC batch.
 * Used by the writer thread only.
 */
final class JdbcTarget implements AutoCloseable {

    private final String url;
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, IdMap> sources = new HashMap<>();
    private long nextId;
    private long idsLeft;

    private final Batch insertRun;
    private final Batch finishRun;
    private final Batch insertTask;
    private final Batch finishTask;
    private final Batch insertCounter;
    private final Batch insertEvent;
    private final PreparedStatement insertBatchKey;

    private JdbcTarget(String url, Connection connection, Dialect dialect) throws SQLException {
        this.url = url;
        this.connection = connection;
        this.dialect = dialect;
        // The heartbeat is the database's clock: the leases of JVMs on other machines are judged by it.
        insertRun = new Batch(connection, "INSERT INTO LOG_RUN (ID, NAME, STATUS, STARTED_AT, HOST, PID, HEARTBEAT_AT, "
                + "SOURCE_JVM, SOURCE_ID) VALUES (?, ?, 'RUNNING', ?, ?, ?, CURRENT_TIMESTAMP, ?, ?)");
        finishRun = new Batch(connection, "UPDATE LOG_RUN SET STATUS = ?, FINISHED_AT = ?, WALL_MS = ?, CPU_MS = ?, "
                + "HEARTBEAT_AT = ?, DROPPED_EVENTS = ? WHERE ID = ?");
        insertTask = new Batch(connection, "INSERT INTO LOG_TASK (ID, RUN_ID, PARENT_ID, KIND, NAME, STATUS, STARTED_AT, "
                + "FINISHED_AT, WALL_NS, CPU_NS, THREAD, CALLS, MAX_WALL_NS, FAILURES, SOURCE_JVM, SOURCE_ID) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        finishTask = new Batch(connection, "UPDATE LOG_TASK SET STATUS = ?, FINISHED_AT = ?, WALL_NS = ?, CPU_NS = ?, "
                + "MAX_WALL_NS = ? WHERE ID = ?");
        insertCounter = new Batch(connection, "INSERT INTO LOG_COUNTER (TASK_ID, NAME, VALUE) VALUES (?, ?, ?)");
        insertBatchKey = connection.prepareStatement("INSERT INTO LOG_BATCH (SOURCE_JVM, SEQ, WRITTEN_AT) "
                + "VALUES (?, ?, CURRENT_TIMESTAMP)");
        insertEvent = new Batch(connection, "INSERT INTO LOG (RUN_ID, TASK_ID, TASK_NAME, TS, LEVEL, LOGGER, MESSAGE, "
                + "THREAD, FILE_NAME, LINE, IS_DATA, EXTRA, THROWABLE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Opens the store: connects, migrates the schema, marks runs of dead JVMs ABORTED.
     *
     * @return the target
     * @throws SQLException when the database cannot be opened or migrated
     */
    static JdbcTarget open(StoreSettings settings, String jvm, long leaseMillis) throws SQLException {
        String url = settings.url();
        Connection c = settings.connect();
        try {
            Dialect dialect = Dialect.of(url);
            Schema.migrate(c, dialect);
            AbortedRuns.markDeadRuns(c, dialect, jvm, leaseMillis);
            c.setAutoCommit(false);
            return new JdbcTarget(url, c, dialect);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * Writes a batch in one transaction, unless the store has it already.
     *
     * @param batch     records in the order they happened
     * @param sourceJvm the JVM they come from
     * @param seq       the batch's number within that JVM: with {@code sourceJvm}, its key
     * @return false when a batch with this key was written before (nothing is written again)
     * @throws SQLException when the database fails; the transaction is rolled back
     */
    boolean write(List<Record> batch, String sourceJvm, long seq) throws SQLException {
        IdMap ids = sources.computeIfAbsent(sourceJvm, IdMap::new);
        List<Long> finishedTasks = new ArrayList<>();
        List<Long> finishedRuns = new ArrayList<>();
        List<Record> revisions = new ArrayList<>();
        try {
            if (!claimBatch(sourceJvm, seq)) {
                connection.rollback();
                return false;
            }
            for (Record r : batch) {
                if (isRevision(r)) {
                    revisions.add(r);
                    if (r instanceof Record.TaskFinished) {
                        finishedTasks.add(((Record.TaskFinished) r).taskId);
                    } else {
                        finishedRuns.add(((Record.RunFinished) r).runId);
                    }
                } else if (r instanceof Record.Event) {
                    addEvent((Record.Event) r, ids);
                } else if (r instanceof Record.TaskStarted) {
                    addTask((Record.TaskStarted) r, ids);
                } else if (r instanceof Record.TaskFinished) {
                    Record.TaskFinished f = (Record.TaskFinished) r;
                    addTaskFinished(f, ids);
                    if (f.task) {
                        finishedTasks.add(f.taskId);
                    }
                } else if (r instanceof Record.RunStarted) {
                    addRun((Record.RunStarted) r, ids);
                } else if (r instanceof Record.RunFinished) {
                    addRunFinished((Record.RunFinished) r, ids);
                    finishedRuns.add(((Record.RunFinished) r).runId);
                }
            }
            // Inserts before updates: an update may concern a row inserted in this same batch.
            insertRun.execute();
            insertTask.execute();
            insertEvent.execute();
            insertCounter.execute();
            finishTask.execute();
            finishRun.execute();
            // After the finishes they revise, which may be in this same batch.
            for (Record r : revisions) {
                revise(r, ids);
            }
            insertTask.execute();
            insertCounter.execute();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                clearBatches();
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is probably gone; the caller reopens
            }
            throw e;
        }
        finishedTasks.forEach(ids::forgetTask);
        finishedRuns.forEach(ids::forgetRun);
        return true;
    }

    /** Records the batch's key in the batch's own transaction; false when it is there already. */
    private boolean claimBatch(String sourceJvm, long seq) throws SQLException {
        try {
            insertBatchKey.setString(1, sourceJvm);
            insertBatchKey.setLong(2, seq);
            insertBatchKey.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // the key's primary key: written before
            }
            throw e;
        }
    }

    /**
     * Tells the store this JVM is alive: the heartbeat of its running runs. Runs of this JVM that
     * another JVM took for dead while this one could not reach the store (their lease ran out)
     * are running again.
     *
     * @param jvm this JVM's id
     * @throws SQLException when the database fails
     */
    void heartbeat(String jvm) throws SQLException {
        try (PreparedStatement beat = connection.prepareStatement(
                "UPDATE LOG_RUN SET HEARTBEAT_AT = CURRENT_TIMESTAMP WHERE SOURCE_JVM = ? AND STATUS = 'RUNNING'");
             PreparedStatement revive = connection.prepareStatement("UPDATE LOG_RUN SET STATUS = 'RUNNING', FINISHED_AT = NULL, "
                     + "HEARTBEAT_AT = CURRENT_TIMESTAMP WHERE SOURCE_JVM = ? AND STATUS = 'ABORTED' AND WALL_MS IS NULL")) {
            beat.setString(1, jvm);
            beat.executeUpdate();
            revive.setString(1, jvm);
            if (revive.executeUpdate() > 0) {
                try (PreparedStatement tasks = connection.prepareStatement("UPDATE LOG_TASK SET STATUS = 'RUNNING' "
                        + "WHERE SOURCE_JVM = ? AND STATUS = 'ABORTED' AND FINISHED_AT IS NULL AND KIND = 'TASK'")) {
                    tasks.setString(1, jvm);
                    tasks.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Marks ABORTED the runs of JVMs that are gone (see {@link AbortedRuns}).
     *
     * @param jvm         this JVM's id (its own runs are never taken for dead)
     * @param leaseMillis how long a JVM may go without a heartbeat
     * @throws SQLException when the database fails
     */
    void markDeadRuns(String jvm, long leaseMillis) throws SQLException {
        AbortedRuns.markDeadRuns(connection, dialect, jvm, leaseMillis);
        connection.commit(); // ends the transaction of its queries when there was nothing to mark
    }

    private static boolean isRevision(Record r) {
        return r instanceof Record.TaskFinished && ((Record.TaskFinished) r).revision
                || r instanceof Record.RunFinished && ((Record.RunFinished) r).revision;
    }

    /**
     * Replaces what was stored at a finish with the totals that include late work: statuses and
     * CPU times, and for a task its counters and sub-task rows. Rare, so plain statements.
     */
    private void revise(Record r, IdMap ids) throws SQLException {
        if (r instanceof Record.RunFinished) {
            Record.RunFinished run = (Record.RunFinished) r;
            Long id = ids.run(connection, run.runId);
            if (id != null) {
                update("UPDATE LOG_RUN SET STATUS = ?, CPU_MS = ? WHERE ID = ?", run.status,
                        run.cpuNanos < 0 ? null : run.cpuNanos / 1_000_000L, id);
            }
            return;
        }
        Record.TaskFinished f = (Record.TaskFinished) r;
        Long taskId = ids.task(connection, f.taskId);
        if (!f.task || taskId == null) {
            return;
        }
        update("UPDATE LOG_TASK SET STATUS = ?, CPU_NS = ? WHERE ID = ?", f.status, f.cpuNanos < 0 ? null : f.cpuNanos, taskId);
        update("DELETE FROM LOG_COUNTER WHERE TASK_ID = ?", taskId);
        update("DELETE FROM LOG_TASK WHERE PARENT_ID = ? AND KIND = 'SUBTASK'", taskId);
        addCountersAndSubTasks(f, ids.run(connection, f.runId), taskId, ids);
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, Types.BIGINT);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    private void clearBatches() throws SQLException {
        for (Batch b : new Batch[] {insertRun, finishRun, insertTask, finishTask, insertCounter, insertEvent}) {
            b.clear();
        }
    }

    /** A prepared statement and the number of rows added to its batch (some drivers reject empty batches). */
    private static final class Batch {
        final PreparedStatement ps;
        int rows;

        Batch(Connection c, String sql) throws SQLException {
            ps = c.prepareStatement(sql);
        }

        void add() throws SQLException {
            ps.addBatch();
            rows++;
        }

        void execute() throws SQLException {
            if (rows > 0) {
                rows = 0;
                ps.executeBatch();
            }
        }

        void clear() throws SQLException {
            rows = 0;
            ps.clearBatch();
        }
    }

    private long nextId() throws SQLException {
        if (idsLeft == 0) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(dialect.nextIdBlock())) {
                rs.next();
                nextId = rs.getLong(1);
                idsLeft = Schema.ID_BLOCK;
            }
        }
        idsLeft--;
        return nextId++;
    }

    private void addRun(Record.RunStarted r, IdMap ids) throws SQLException {
        long id = nextId();
        ids.putRun(r.runId, id);
        insertRun.ps.setLong(1, id);
        insertRun.ps.setString(2, r.name);
        insertRun.ps.setObject(3, time(r.startedAt));
        insertRun.ps.setString(4, r.host);
        insertRun.ps.setLong(5, r.pid);
        insertRun.ps.setString(6, ids.sourceJvm());
        insertRun.ps.setLong(7, r.runId);
        insertRun.add();
    }

    private void addRunFinished(Record.RunFinished r, IdMap ids) throws SQLException {
        Long id = ids.run(connection, r.runId);
        if (id == null) {
            return;
        }
        finishRun.ps.setString(1, r.status);
        finishRun.ps.setObject(2, time(r.finishedAt));
        finishRun.ps.setLong(3, r.wallNanos / 1_000_000L);
        setNullableLong(finishRun.ps, 4, r.cpuNanos < 0 ? null : r.cpuNanos / 1_000_000L);
        finishRun.ps.setObject(5, time(r.finishedAt));
        finishRun.ps.setLong(6, r.droppedEvents);
        finishRun.ps.setLong(7, id);
        finishRun.add();
    }

    private void addTask(Record.TaskStarted r, IdMap ids) throws SQLException {
        long id = nextId();
        ids.putTask(r.taskId, id);
        setTaskRow(id, ids.run(connection, r.runId), ids.task(connection, r.parentId), "TASK", r.name, "RUNNING",
                r.startedAt, null, null, null, r.thread, 1, null, 0, ids.sourceJvm(), r.taskId);
    }

    private void addTaskFinished(Record.TaskFinished f, IdMap ids) throws SQLException {
        Long runId = ids.run(connection, f.runId);
        Long taskId = f.task ? ids.task(connection, f.taskId) : null;
        if (f.task && taskId != null) {
            finishTask.ps.setString(1, f.status);
            finishTask.ps.setObject(2, time(f.finishedAt));
            finishTask.ps.setLong(3, f.wallNanos);
            setNullableLong(finishTask.ps, 4, f.cpuNanos < 0 ? null : f.cpuNanos);
            finishTask.ps.setLong(5, f.wallNanos);
            finishTask.ps.setLong(6, taskId);
            finishTask.add();
        }
        addCountersAndSubTasks(f, runId, taskId, ids);
    }

    private void addCountersAndSubTasks(Record.TaskFinished f, Long runId, Long taskId, IdMap ids) throws SQLException {
        if (taskId != null) {
            for (Map.Entry<String, Long> c : f.counters.entrySet()) {
                insertCounter.ps.setLong(1, taskId);
                insertCounter.ps.setString(2, c.getKey());
                insertCounter.ps.setLong(3, c.getValue());
                insertCounter.add();
            }
        }
        for (Record.SubTaskRow s : f.subTasks) {
            setTaskRow(nextId(), runId, taskId, "SUBTASK", s.name, s.failures > 0 ? "FAILED" : "OK", s.firstStartedAt,
                    s.lastFinishedAt, s.wallNanos, s.cpuNanos < 0 ? null : s.cpuNanos, f.thread, s.calls, s.maxWallNanos,
                    s.failures, ids.sourceJvm(), 0L);
        }
    }

    private void setTaskRow(long id, Long runId, Long parentId, String kind, String name, String status, long startedAt,
                            Long finishedAt, Long wall, Long cpu, String thread, long calls, Long maxWall, long failures,
                            String sourceJvm, long sourceId) throws SQLException {
        PreparedStatement ps = insertTask.ps;
        ps.setLong(1, id);
        setNullableLong(ps, 2, runId);
        setNullableLong(ps, 3, parentId);
        ps.setString(4, kind);
        ps.setString(5, name);
        ps.setString(6, status);
        ps.setObject(7, time(startedAt));
        ps.setObject(8, finishedAt == null ? null : time(finishedAt));
        setNullableLong(ps, 9, wall);
        setNullableLong(ps, 10, cpu);
        ps.setString(11, thread);
        ps.setLong(12, calls);
        setNullableLong(ps, 13, maxWall);
        ps.setLong(14, failures);
        ps.setString(15, sourceJvm);
        ps.setLong(16, sourceId);
        insertTask.add();
    }

    private void addEvent(Record.Event e, IdMap ids) throws SQLException {
        PreparedStatement ps = insertEvent.ps;
        setNullableLong(ps, 1, ids.run(connection, e.runId));
        setNullableLong(ps, 2, ids.task(connection, e.taskId));
        ps.setString(3, e.taskName);
        // The same instant as time(..), with the JVM's offset: about 15% more events per second
        // than converting an OffsetDateTime for every event.
        ps.setTimestamp(4, new java.sql.Timestamp(e.timestamp));
        ps.setString(5, e.level);
        ps.setString(6, e.logger);
        ps.setString(7, e.message);
        ps.setString(8, e.thread);
        ps.setString(9, e.fileName);
        if (e.line > 0) {
            ps.setInt(10, e.line);
        } else {
            ps.setNull(10, Types.INTEGER);
        }
        ps.setBoolean(11, e.data);
        ps.setString(12, e.extra);
        ps.setString(13, e.throwable);
        insertEvent.add();
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        if (dialect == Dialect.HSQLDB && url.startsWith("jdbc:hsqldb:file:")) {
            // An embedded database is checkpointed and released, so the next JVM opens it at once.
            try (Statement st = connection.createStatement()) {
                connection.commit();
                st.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        closeQuietly(connection);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
