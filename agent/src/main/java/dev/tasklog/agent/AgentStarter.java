package dev.tasklog.agent;

import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.config.ConfigKey;
import dev.tasklog.agent.context.Clock;
import dev.tasklog.agent.context.FrameListener;
import dev.tasklog.agent.context.TaskRecorder;
import dev.tasklog.agent.output.LazyLineSink;
import dev.tasklog.agent.output.LineReporter;
import dev.tasklog.agent.util.Diagnostics;
import dev.tasklog.agent.weave.Weaver;
import java.lang.instrument.Instrumentation;

/**
 * Wires the agent together once, after {@link TaskLogAgent} has put the bootstrap package in place:
 * configuration, runtime, weaving. Nothing here touches the application's logging or the store;
 * those are opened on first use so that they never delay the application's {@code main}.
 */
public final class AgentStarter {

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
        LazyLineSink lines = new LazyLineSink();
        FrameListener listener = config.bool(ConfigKey.CONSOLE) ? new LineReporter(lines) : FrameListener.NONE;
        Hooks.install(new TaskRecorder(Clock.SYSTEM, listener, lines));
        Weaver.install(instrumentation, config, attachedLate);
    }
}
