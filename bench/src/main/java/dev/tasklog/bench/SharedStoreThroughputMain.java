package dev.tasklog.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hsqldb.server.Server;

/**
 * Throughput of one shared store written by several JVMs at once, each with 4 threads logging
 * INFO events under the agent: into PostgreSQL and into an HSQLDB server, against one JVM into the
 * same PostgreSQL in the same run. Time runs from the first JVM's first event until the last JVM
 * has ended (every event written); every event is counted in the store afterwards.
 *
 * <p>The driver reaches the children through their class path (the benchmarks jar holds it), the
 * way an application that has PostgreSQL's driver provides it.
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.SharedStoreThroughputMain \
 *     [events per JVM] [JVMs] [agent jar] [PostgreSQL URL] [user]</pre>
 */
public final class SharedStoreThroughputMain {

    private static final int THREADS = 4;

    private SharedStoreThroughputMain() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        int jvms = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path agent = Path.of(args.length > 2 ? args[2] : "agent/target/tasklog.jar").toAbsolutePath();
        String postgres = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = args.length > 4 ? args[4] : "postgres";
        Path work = Files.createTempDirectory("tasklog-shared-bench");

        List<String> rows = new ArrayList<>();
        double one = run("PostgreSQL, 1 JVM", work.resolve("pg-1"), agent, fresh(postgres, user, "bench_one"), user, 1, events,
                rows, 0);
        run("PostgreSQL, " + jvms + " JVMs", work.resolve("pg-n"), agent, fresh(postgres, user, "bench_many"), user, jvms, events,
                rows, one);
        Server server = hsqldbServer(work.resolve("hsqldb-server"));
        try {
            run("HSQLDB server, " + jvms + " JVMs", work.resolve("hsqldb-n"), agent,
                    "jdbc:hsqldb:hsql://127.0.0.1:" + server.getPort() + "/tasklog", "SA", jvms, events, rows, one);
        } finally {
            server.shutdownWithCatalogs(org.hsqldb.Database.CLOSEMODE_NORMAL);
        }

        System.out.println();
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores (the database server on the same machine); " + THREADS + " threads per JVM, "
                + String.format(Locale.ROOT, "%,d", events) + " events per JVM, every event counted in the store");
        System.out.println(String.format(Locale.ROOT, "%-26s %10s %9s %12s %8s", "store", "events", "seconds", "events/s",
                "vs 1 JVM"));
        rows.forEach(System.out::println);
    }

    private static double run(String how, Path dir, Path agent, String url, String user, int jvms, int events,
                              List<String> rows, double baseline) throws Exception {
        System.out.println(how + " ...");
        List<LoadProcess> children = new ArrayList<>();
        for (int j = 0; j < jvms; j++) {
            Path jvmDir = dir.resolve("jvm-" + j);
            Files.createDirectories(jvmDir);
            children.add(LoadProcess.start(jvmDir, List.of("-javaagent:" + agent + "=console=false,db.user=" + user
                    + ",db.url=" + url, "-Dlogback.configurationFile=" + Path.of("bench/nop-logback.xml").toAbsolutePath()),
                    THREADS, events));
        }
        for (LoadProcess child : children) {
            child.await();
        }
        long start = children.stream().mapToLong(c -> c.startMillis).min().orElseThrow();
        long end = children.stream().mapToLong(c -> c.endMillis).max().orElseThrow();
        long expected = (long) jvms * events;
        long stored;
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM LOG WHERE LOGGER LIKE 'load.%'")) {
            rs.next();
            stored = rs.getLong(1);
        }
        if (stored != expected) {
            throw new IllegalStateException(how + ": " + stored + " events stored, " + expected + " logged");
        }
        double perSecond = expected * 1000.0 / (end - start);
        rows.add(String.format(Locale.ROOT, "%-26s %10d %9.2f %,12.0f %8s", how, expected, (end - start) / 1000.0, perSecond,
                baseline == 0 ? "1.00x" : String.format(Locale.ROOT, "%.2fx", perSecond / baseline)));
        return perSecond;
    }

    /** A new, empty schema for one measurement. */
    private static String fresh(String url, String user, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static Server hsqldbServer(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Server server = new Server();
        server.setDatabaseName(0, "tasklog");
        server.setDatabasePath(0, "file:" + dir.resolve("tasklog"));
        server.setAddress("127.0.0.1");
        server.setPort(port);
        server.setSilent(true);
        server.setLogWriter(null);
        server.setErrWriter(null);
        server.setNoSystemExit(true);
        server.start();
        return server;
    }
}
