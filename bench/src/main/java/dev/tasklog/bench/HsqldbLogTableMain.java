package dev.tasklog.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where HSQLDB spends its time when rows of tasklog's {@code LOG} table are inserted in batches:
 * the same rows into the same table, with and without the secondary index, the redo log,
 * periodic checkpoints, a larger cache and a second writer. Each variant starts from an empty
 * database; rows per second until the database is shut down (on disk).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.HsqldbLogTableMain [rows]</pre>
 */
public final class HsqldbLogTableMain {

    private static final int BATCH = 2_000;

    private HsqldbLogTableMain() {
    }

    /** One way of holding the table. */
    private static final class Variant {
        final String label;
        final boolean index;
        final boolean redoLog;
        final int checkpointEvery;
        final String urlProperties;
        final int writers;
        final String transactionControl;

        Variant(String label, boolean index, boolean redoLog, int checkpointEvery, String urlProperties, int writers,
                String transactionControl) {
            this.label = label;
            this.index = index;
            this.redoLog = redoLog;
            this.checkpointEvery = checkpointEvery;
            this.urlProperties = urlProperties;
            this.writers = writers;
            this.transactionControl = transactionControl;
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("key + (RUN_ID, TS) index, redo log on (the store)", true, true, 0, "", 1, "LOCKS"));
        variants.add(new Variant("key only, redo log on", false, true, 0, "", 1, "LOCKS"));
        variants.add(new Variant("key + index, redo log off", true, false, 0, "", 1, "LOCKS"));
        variants.add(new Variant("key only, redo log off", false, false, 0, "", 1, "LOCKS"));
        variants.add(new Variant("key only, redo log off, CHECKPOINT every 200,000", false, false, 200_000, "", 1, "LOCKS"));
        variants.add(new Variant("key only, redo log off, cache 200,000 rows / 100 MB", false, false, 0,
                ";hsqldb.cache_rows=200000;hsqldb.cache_size=100000", 1, "LOCKS"));
        variants.add(new Variant("key only, redo log off, 2 writers (2PL)", false, false, 0, "", 2, "LOCKS"));
        variants.add(new Variant("key only, redo log off, 2 writers (MVCC)", false, false, 0, "", 2, "MVCC"));

        System.out.println(String.format(Locale.ROOT, "%-62s %12s", "LOG table as", "rows/s"));
        for (Variant v : variants) {
            System.out.println(String.format(Locale.ROOT, "%-62s %,12.0f", v.label, measure(v, rows)));
        }
    }

    private static double measure(Variant v, int rows) throws Exception {
        Path dir = Files.createTempDirectory("tasklog-hsqldb-bench");
        String url = "jdbc:hsqldb:file:" + dir.resolve("db") + v.urlProperties;
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            Statement st = c.createStatement();
            st.execute("SET DATABASE TRANSACTION CONTROL " + v.transactionControl);
            st.execute("CREATE CACHED TABLE LOG (ID BIGINT PRIMARY KEY, RUN_ID BIGINT, TASK_ID BIGINT, TASK_NAME VARCHAR(500), "
                    + "TS TIMESTAMP WITH TIME ZONE NOT NULL, LEVEL VARCHAR(5) NOT NULL, LOGGER VARCHAR(500) NOT NULL, "
                    + "MESSAGE VARCHAR(16000), THREAD VARCHAR(255), FILE_NAME VARCHAR(255), LINE INT, IS_DATA BOOLEAN NOT NULL, "
                    + "EXTRA VARCHAR(16000), THROWABLE VARCHAR(64000))");
            if (v.index) {
                st.execute("CREATE INDEX LOG_RUN_TS ON LOG (RUN_ID, TS)");
            }
            if (!v.redoLog) {
                st.execute("SET FILES LOG FALSE");
            }
            AtomicLong ids = new AtomicLong();
            long t0 = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (int w = 0; w < v.writers; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    try (Connection wc = DriverManager.getConnection(url, "SA", "")) {
                        insert(wc, v, rows / v.writers, worker, ids);
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                writers.add(t);
                t.start();
            }
            for (Thread t : writers) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            if (!v.redoLog) {
                st.execute("CHECKPOINT");
            }
            st.execute("SHUTDOWN");
            return rows * 1e9 / (System.nanoTime() - t0);
        }
    }

    private static void insert(Connection c, Variant v, int rows, int worker, AtomicLong ids) throws SQLException {
        c.setAutoCommit(false);
        long base = System.currentTimeMillis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO LOG (ID, RUN_ID, TASK_ID, TASK_NAME, TS, LEVEL, LOGGER, "
                + "MESSAGE, THREAD, FILE_NAME, LINE, IS_DATA, EXTRA) VALUES (?, 1, ?, 'load', ?, 'INFO', ?, ?, ?, 'StoreLoad.java', 57, FALSE, '{}')");
             Statement st = c.createStatement()) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, ids.incrementAndGet());
                ps.setLong(2, 2 + worker);
                ps.setTimestamp(3, new Timestamp(base + i / 100));
                ps.setString(4, "load.worker" + worker);
                ps.setString(5, "event number " + i + " of the load with some text");
                ps.setString(6, "worker-" + worker);
                ps.addBatch();
                if (i % BATCH == BATCH - 1 || i == rows - 1) {
                    ps.executeBatch();
                    c.commit();
                    if (v.checkpointEvery > 0 && (i + 1) % v.checkpointEvery == 0) {
                        st.execute("CHECKPOINT");
                    }
                }
            }
        }
    }
}
