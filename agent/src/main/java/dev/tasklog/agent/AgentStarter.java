package dev.tasklog.agent;

import dev.tasklog.agent.admin.AdminServer;
import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.config.ConfigKey;
import dev.tasklog.agent.context.Clock;
import dev.tasklog.agent.context.Frame;
import dev.tasklog.agent.context.FrameListener;
import dev.tasklog.agent.context.LogEventListener;
import dev.tasklog.agent.context.TaskRecorder;
import dev.tasklog.agent.output.LazyLineSink;
import dev.tasklog.agent.output.LineReporter;
import dev.tasklog.agent.output.LineSink;
import dev.tasklog.agent.store.Schema;
import dev.tasklog.agent.store.StoreRecorder;
import dev.tasklog.agent.store.StoreSettings;
import dev.tasklog.agent.store.StoreWriter;
import dev.tasklog.agent.util.Diagnostics;
import dev.tasklog.agent.weave.Weaver;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Wires the agent together once, after {@link TaskLogAgent} has put the bootstrap package in place:
 * configuration, runtime, store, weaving. Nothing here touches the application's logging, and the
 * database is opened on the store's own thread, so neither delays the application's {@code main}.
 */
public final class AgentStarter {

    /** How long the JVM's exit waits for the store to write what it holds. */
    static final long EXIT_FLUSH_MILLIS = 30_000;

    private AgentStarter() {
    }

    /**
     * Starts the agent.
     *
     * @param args            the agent argument
     * @param instrumentation the JVM's instrumentation
     * @param attachedLate    true when attached to a running JVM (classes already loaded are rewoven)
     */
    public static void start(String args, Instrumentation instrumentation, boolean attachedLate) {
        if (Hooks.isInstalled()) {
            Diagnostics.say("the agent is already running in this JVM; the second one is ignored");
            return;
        }
        AgentConfig config = AgentConfig.load(args);
        for (String problem : config.problems()) {
            Diagnostics.say("config: " + problem);
        }
        boolean console = config.bool(ConfigKey.CONSOLE);
        StoreWriter writer = config.bool(ConfigKey.STORE) ? storeWriter(config) : null;
        StoreRecorder store = writer == null ? null
                : new StoreRecorder(writer, StoreRecorder.levelInt(config.string(ConfigKey.STORE_LEVEL)));

        LazyLineSink lines = new LazyLineSink(console, store == null ? LineSink.NONE : store.directLines());
        FrameListener listener = console || store != null ? new LineReporter(lines) : FrameListener.NONE;
        if (store != null) {
            // The store first: a run or task must be recorded before the line that announces it.
            listener = FrameListener.both(store, listener);
        }
        TaskRecorder recorder = new TaskRecorder(Clock.SYSTEM, listener,
                store == null ? LogEventListener.NONE : store, lines);
        if (store != null) {
            store.currentFrame(new Supplier<Frame>() {
                @Override
                public Frame get() {
                    return recorder.current();
                }
            });
        }
        recorder.timeSubTaskCpu(config.bool(ConfigKey.SUBTASK_CPU));
        installDebugSettings(config);
        Hooks.install(recorder);
        Runnable reportUnmatchedMethods;
        if (Weaver.mustReweaveLoadedClasses(config, attachedLate)) {
            reportUnmatchedMethods = Weaver.install(instrumentation, config, attachedLate, store != null);
        } else {
            CountDownLatch woven = new CountDownLatch(1);
            recorder.waitBeforeFirstFrame(woven);
            reportUnmatchedMethods = Weaver.installInBackground(instrumentation, config, store != null, woven);
        }
        if (writer != null) {
            writer.start();
        }
        startAdmin(config);
        // Anonymous classes rather than lambdas on this path: the JVM's first lambda costs tens of
        // milliseconds of start-up (see also Weaver.installInBackground).
        Runtime.getRuntime().addShutdownHook(new Thread("tasklog-exit") {
            @Override
            public void run() {
                atExit(recorder, writer, reportUnmatchedMethods);
            }
        });
    }

    /**
     * {@code admin.port}: the web admin inside the application, on 127.0.0.1, over the same store.
     * It opens its own connections, one per request, so pages are served while the writer writes.
     */
    private static void startAdmin(AgentConfig config) {
        int port = Integer.parseInt(config.string(ConfigKey.ADMIN_PORT).trim());
        if (port == 0) {
            return;
        }
        if (!config.bool(ConfigKey.STORE)) {
            Diagnostics.say("admin.port is set but the store is off (store=false): there is nothing to show; no admin");
            return;
        }
        StoreSettings store = StoreSettings.of(config, null);
        // The writer may not have created the tables yet when the first page is asked for: the
        // admin's first connection brings the schema up to date, later ones just connect.
        java.util.concurrent.atomic.AtomicBoolean migrated = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            AdminServer admin = AdminServer.start("127.0.0.1", port, () -> {
                Connection c = store.connect();
                if (!migrated.get()) {
                    try {
                        Schema.migrate(c, store.dialect());
                        store.markDeadRuns(c);
                    } catch (java.sql.SQLException e) {
                        c.close();
                        throw e;
                    }
                    migrated.set(true);
                }
                return c;
            });
            Diagnostics.say("admin at " + admin.url());
        } catch (IOException | RuntimeException | LinkageError e) {
            Diagnostics.say("cannot serve the admin on 127.0.0.1:" + port + " (" + e + "); the application runs without it");
        }
    }

    /** Hands the {@code debug.*} filter settings to the application's debug callbacks. */
    private static void installDebugSettings(AgentConfig config) {
        String from = config.string(ConfigKey.DEBUG_FROM).trim();
        String to = config.string(ConfigKey.DEBUG_TO).trim();
        if (!from.isEmpty() && !to.isEmpty() && ConfigKey.seconds(from) > ConfigKey.seconds(to)) {
            Diagnostics.say("debug.from (" + from + ") is after debug.to (" + to + "); the debug time window is ignored");
            from = "";
            to = "";
        }
        Hooks.setDebugSettings(config.string(ConfigKey.DEBUG_CONTEXTS), from, to);
    }

    private static StoreWriter storeWriter(AgentConfig config) {
        return new StoreWriter(StoreSettings.of(config, null), Path.of("tasklog-data", "spool").toAbsolutePath(),
                config.integer(ConfigKey.STORE_HEARTBEAT) * 1000L, config.integer(ConfigKey.STORE_NICE),
                "quick".equalsIgnoreCase(config.string(ConfigKey.STORE_JIT)));
    }

    /** Runs and tasks still active end as ABORTED; then everything accepted is written. */
    private static void atExit(TaskRecorder recorder, StoreWriter writer, Runnable reportUnmatchedMethods) {
        reportUnmatchedMethods.run();
        try {
            recorder.abortOpenFrames();
        } catch (Throwable t) {
            Diagnostics.say("at exit, ending the runs still active failed: " + t);
        }
        if (writer != null) {
            writer.close(EXIT_FLUSH_MILLIS);
        }
    }
}
