package dev.tasklog.agent.store;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Keeps the JVM's optimising compiler (C2) away from the agent's own copy of HSQLDB and the code
 * that drives it: they are compiled by the quick compiler (C1) only, through a compiler directive
 * added at run time (what {@code jcmd <pid> Compiler.directives_add} does).
 *
 * <p>Why: the database runs on the store's writer thread, at a low priority, but the JIT compiler
 * threads run at the application's. In a 2-second job logging 100,000 events, C2 spent over a
 * second of CPU compiling HSQLDB's insert path (hundreds of methods, some of them several times)
 * on a 2-core machine: time taken from the application (the job ran 2.78 s with this, 3.01 s without).
 * The price is the writer's throughput once warm: 4 threads logging 1,000,000 events flat out
 * took 30% longer (a quarter fewer events a second). {@code store.jit=full} leaves the database to C2, for applications that log
 * more than the store's writer keeps up with for long stretches.
 *
 * <p>On JVMs without HotSpot's diagnostic commands (or without {@code jdk.management}) nothing
 * happens and the database is compiled like any other code.
 */
final class DatabaseJit {

    private static boolean added;

    private DatabaseJit() {
    }

    /** Adds the directive, once per JVM; quietly does nothing where the JVM cannot. */
    static synchronized void quickCompilerOnly() {
        if (added) {
            return;
        }
        added = true;
        Path file = null;
        try {
            file = Files.createTempFile("tasklog-jit", ".json");
            Files.write(file, directive().getBytes(StandardCharsets.UTF_8));
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            // not HotSpot, no diagnostic commands, or no java.management: an optimisation only
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a temporary file of a few bytes
                }
            }
        }
    }

    /** The directive, with the package names as relocated into the agent's jar. */
    static String directive() {
        String hsqldb = org.hsqldb.Database.class.getPackageName().replace('.', '/');
        String target = JdbcTarget.class.getName().replace('.', '/');
        return "[{ match: [\"" + hsqldb + "/*.*\", \"" + target + "*.*\"], c2: { Exclude: true } }]";
    }
}
