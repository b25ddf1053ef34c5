package dev.tasklog.bench;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Sustained throughput of the tasklog store against the ways people store log events today, each
 * measured in this same run, every event counted afterwards:
 * <ol>
 *   <li>tasklog: 4 application threads log INFO events under the agent (embedded store); the time
 *       runs from the first event until the JVM has ended, i.e. until every event is on disk;</li>
 *   <li>logback {@code FileAppender}, 4 threads, the same events;</li>
 *   <li>logback-db's {@code DBAppender} into HSQLDB, 4 threads (fewer events: it is slow);</li>
 *   <li>plain JDBC batches of 2,000 into tasklog's {@code LOG} table, 1 thread;</li>
 *   <li>one INSERT per event, auto-commit, 4 threads.</li>
 * </ol>
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.StoreThroughputMain [events] [agent jar]</pre>
 */
public final class StoreThroughputMain {

    private static final int THREADS = 4;

    private StoreThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path agent = Path.of(args.length > 1 ? args[1] : "agent/target/tasklog.jar").toAbsolutePath();
        Path work = Files.createTempDirectory("tasklog-store-bench");
        List<String[]> rows = new ArrayList<>();

        rows.add(tasklog(work.resolve("tasklog"), agent, events));
        rows.add(fileAppender(work.resolve("file"), events));
        rows.add(dbAppender(work.resolve("dbappender"), Math.max(THREADS, events / 20)));
        rows.add(jdbcBatch(work.resolve("batch"), events));
        rows.add(insertPerEvent(work.resolve("single"), Math.max(THREADS, events / 5)));

        System.out.println();
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; every event counted in its destination afterwards");
        System.out.println(String.format(Locale.ROOT, "%-58s %10s %9s %12s", "how", "events", "seconds", "events/s"));
        for (String[] r : rows) {
            System.out.println(String.format(Locale.ROOT, "%-58s %10s %9s %12s", (Object[]) r));
        }
    }

    private static String[] row(String how, long events, long millis) {
        return new String[] {how, String.valueOf(events), String.format(Locale.ROOT, "%.2f", millis / 1000.0),
            String.format(Locale.ROOT, "%,.0f", events * 1000.0 / millis)};
    }

    private static String[] tasklog(Path dir, Path agent, int events) throws Exception {
        Files.createDirectories(dir);
        LoadProcess child = LoadProcess.run(dir, List.of("-javaagent:" + agent + "=console=false",
                "-Dlogback.configurationFile=bench/nop-logback.xml"), THREADS, events);
        long stored;
        try (Connection c = DriverManager.getConnection("jdbc:hsqldb:file:" + dir.resolve("tasklog-data/tasklog") + ";ifexists=true", "SA", "")) {
            stored = count(c, "SELECT COUNT(*) FROM LOG WHERE LOGGER LIKE 'load.%'");
            c.createStatement().execute("SHUTDOWN");
        }
        check(stored, events, "tasklog store");
        return row("tasklog store, " + THREADS + " threads, until on disk (app threads " + child.appMillis + " ms)",
                events, child.endMillis - child.startMillis);
    }

    private static String[] fileAppender(Path dir, int events) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("app.log");
        LoadProcess child = LoadProcess.run(dir, List.of("-Dlogback.configurationFile=bench/file-logback.xml", "-Dbench.file=" + file), THREADS, events);
        long lines;
        try (var l = Files.lines(file)) {
            lines = l.filter(s -> s.contains(" load.")).count();
        }
        check(lines, events, "FileAppender");
        return row("logback FileAppender, " + THREADS + " threads", events, child.appMillis);
    }

    private static String[] dbAppender(Path dir, int events) throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:hsqldb:file:" + dir.resolve("logback");
        try (Connection c = DriverManager.getConnection(url, "SA", "");
             InputStream ddl = StoreThroughputMain.class.getResourceAsStream("/ch/qos/logback/classic/db/script/hsqldb.sql")) {
            for (String sql : new String(ddl.readAllBytes(), StandardCharsets.UTF_8).split(";")) {
                String s = sql.replaceAll("(?m)^#.*$", "").trim();
                if (!s.isEmpty() && !s.toUpperCase(Locale.ROOT).startsWith("DROP")) {
                    c.createStatement().execute(s);
                }
            }
            c.createStatement().execute("SHUTDOWN");
        }
        LoadProcess child = LoadProcess.run(dir, List.of("-Dlogback.configurationFile=bench/db-logback.xml", "-Dbench.db.url=" + url), THREADS, events);
        long stored;
        try (Connection c = DriverManager.getConnection(url + ";ifexists=true", "SA", "")) {
            stored = count(c, "SELECT COUNT(*) FROM LOGGING_EVENT WHERE LOGGER_NAME LIKE 'load.%'");
            c.createStatement().execute("SHUTDOWN");
        }
        check(stored, events, "DBAppender");
        return row("logback-db DBAppender (HSQLDB), " + THREADS + " threads", events, child.appMillis);
    }

    private static final String LOG_DDL = "CREATE CACHED TABLE LOG (ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
            + "RUN_ID BIGINT, TASK_ID BIGINT, TASK_NAME VARCHAR(500), TS TIMESTAMP WITH TIME ZONE NOT NULL, LEVEL VARCHAR(5) NOT NULL, "
            + "LOGGER VARCHAR(500) NOT NULL, MESSAGE VARCHAR(16000), THREAD VARCHAR(255), FILE_NAME VARCHAR(255), LINE INT, "
            + "IS_DATA BOOLEAN NOT NULL, EXTRA VARCHAR(16000), THROWABLE VARCHAR(64000))";
    private static final String LOG_INSERT = "INSERT INTO LOG (TS, LEVEL, LOGGER, MESSAGE, THREAD, FILE_NAME, LINE, IS_DATA, EXTRA) "
            + "VALUES (?, 'INFO', ?, ?, ?, 'StoreLoad.java', 57, FALSE, '{}')";

    private static String[] jdbcBatch(Path dir, int events) throws Exception {
        String url = "jdbc:hsqldb:file:" + dir.resolve("db");
        long t0;
        long t1;
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            c.createStatement().execute(LOG_DDL);
            c.setAutoCommit(false);
            t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(LOG_INSERT)) {
                for (int i = 0; i < events; i++) {
                    bind(ps, i, 0);
                    ps.addBatch();
                    if (i % 2000 == 1999 || i == events - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            c.createStatement().execute("SHUTDOWN");
            t1 = System.nanoTime();
        }
        try (Connection c = DriverManager.getConnection(url + ";ifexists=true", "SA", "")) {
            check(count(c, "SELECT COUNT(*) FROM LOG"), events, "JDBC batch");
            c.createStatement().execute("SHUTDOWN");
        }
        return row("plain JDBC batches of 2,000 (tasklog's LOG table), 1 thread", events, (t1 - t0) / 1_000_000);
    }

    private static String[] insertPerEvent(Path dir, int events) throws Exception {
        String url = "jdbc:hsqldb:file:" + dir.resolve("db");
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            c.createStatement().execute(LOG_DDL);
        }
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "SA", "");
                     PreparedStatement ps = c.prepareStatement(LOG_INSERT)) {
                    for (int i = id; i < events; i += THREADS) {
                        bind(ps, i, id);
                        ps.executeUpdate();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        long millis;
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            c.createStatement().execute("SHUTDOWN");
            millis = (System.nanoTime() - t0) / 1_000_000;
        }
        try (Connection c = DriverManager.getConnection(url + ";ifexists=true", "SA", "")) {
            check(count(c, "SELECT COUNT(*) FROM LOG"), events, "INSERT per event");
            c.createStatement().execute("SHUTDOWN");
        }
        return row("one INSERT per event, auto-commit, " + THREADS + " threads", events, millis);
    }

    private static void bind(PreparedStatement ps, int i, int thread) throws Exception {
        ps.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
        ps.setString(2, "load." + thread);
        ps.setString(3, "order " + i + " processed in batch " + thread);
        ps.setString(4, "load-" + thread);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void check(long found, long expected, String what) {
        if (found != expected) {
            throw new IllegalStateException(what + ": " + found + " events found, " + expected + " expected");
        }
    }

    /** One run of {@link StoreLoad} in a JVM of its own. */
}
