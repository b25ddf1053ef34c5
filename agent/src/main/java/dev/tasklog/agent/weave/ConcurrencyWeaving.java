package dev.tasklog.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where the JDK hands work to other threads, and what is woven there:
 * <ul>
 *   <li>{@code FutureTask} (every {@code submit}, {@code schedule}, {@code invokeAll}): the
 *       submitting thread's task is remembered when it is made, adopted while {@code run} or
 *       {@code runAndReset} runs;</li>
 *   <li>{@code ForkJoinTask} (parallel streams, {@code RecursiveTask}, {@code CompletableFuture}'s
 *       async stages): remembered when made, adopted in {@code doExec}, and in the async stages'
 *       {@code run} when another executor runs them;</li>
 *   <li>{@code ThreadPoolExecutor.execute(Runnable)}: a plain runnable is wrapped; the pool's
 *       worker loop itself runs in no task;</li>
 *   <li>{@code Thread.start}/{@code Thread.run}, the {@code run} of a class that extends
 *       {@code Thread} directly, and a virtual thread's start and run (Java 21+).</li>
 * </ul>
 * These classes are loaded before the agent, so they are rewoven at start-up.
 */
final class ConcurrencyWeaving {

    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    static final String ASYNC_SUPPLY = "java.util.concurrent.CompletableFuture$AsyncSupply";
    static final String ASYNC_RUN = "java.util.concurrent.CompletableFuture$AsyncRun";
    static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    static final String POOL_WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";
    static final String THREAD = "java.lang.Thread";
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

    /** The JDK classes woven here: not ignored like the rest of {@code java.*}. */
    static final Set<String> TYPES = Set.of(FUTURE_TASK, FORK_JOIN_TASK, ASYNC_SUPPLY, ASYNC_RUN, THREAD_POOL, POOL_WORKER,
            THREAD, VIRTUAL_THREAD);

    private ConcurrencyWeaving() {
    }

    /**
     * Loads the JDK classes woven here before the agent installs, so that they are among the
     * loaded classes it reweaves: one loaded while the agent installs (a pool's first worker, say)
     * would otherwise be neither woven at load nor rewoven.
     */
    static java.util.Set<Class<?>> preload() {
        java.util.Set<Class<?>> loaded = new java.util.HashSet<>();
        for (String name : TYPES) {
            try {
                loaded.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException | LinkageError e) {
                // VirtualThread before Java 21: nothing to weave
            }
        }
        return loaded;
    }

    /**
     * Classes that extend {@code Thread} directly, by the name of their super class (which the type
     * pool gives without reading that class): cheap enough to ask of every class loaded. A deeper
     * hierarchy is not looked for; its {@code run} adopts only where it calls {@code Thread.run}.
     */
    private static ElementMatcher<TypeDescription> extendsThread() {
        return type -> {
            TypeDescription.Generic superClass = type.getSuperClass();
            return superClass != null && THREAD.equals(superClass.asErasure().getName());
        };
    }

    /**
     * Reweaves the loaded JDK classes, one at a time: a class another agent attached before this
     * one has changed in a way a retransformation may not repeat (new interfaces, as the
     * OpenTelemetry agent adds) cannot be rewoven, and must not keep the others from being.
     * Work handed over through such a class does not carry its task; that is said once.
     */
    static void reweave(java.lang.instrument.Instrumentation instrumentation, java.util.Set<Class<?>> classes) {
        java.util.List<String> failed = new java.util.ArrayList<>();
        String why = null;
        for (Class<?> type : classes) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable t) {
                failed.add(type.getName());
                why = String.valueOf(t.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            java.util.Collections.sort(failed);
            dev.tasklog.agent.util.Diagnostics.say("could not reweave " + String.join(", ", failed) + " (" + why
                    + "; another agent attached before tasklog changed them): work handed to other threads through them"
                    + " does not carry its task. Put -javaagent:tasklog.jar before the other agent to have it.");
        }
    }

    static AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder
                .type(named(FUTURE_TASK)).transform(advice
                        .advice(isConstructor(), ContextAdvice.Capture.class.getName())
                        .advice(named("run").and(takesArguments(0)), ContextAdvice.Run.class.getName())
                        .advice(named("runAndReset").and(takesArguments(0)), ContextAdvice.RunAgain.class.getName()))
                .type(named(FORK_JOIN_TASK)).transform(advice
                        .advice(isConstructor().and(takesArguments(0)), ContextAdvice.Capture.class.getName())
                        // a fork/join task can run more than once (a parallel stream's task forks
                        // itself and goes on with a new half): its context stays until it is collected
                        .advice(named("doExec").and(takesArguments(0)), ContextAdvice.RunAgain.class.getName()))
                .type(named(ASYNC_SUPPLY).or(named(ASYNC_RUN))).transform(advice
                        .advice(named("run").and(takesArguments(0)), ContextAdvice.Run.class.getName()))
                .type(named(THREAD_POOL)).transform(advice
                        .advice(named("execute").and(takesArguments(Runnable.class)), ContextAdvice.Execute.class.getName()))
                .type(named(POOL_WORKER)).transform(advice
                        .advice(named("run").and(takesArguments(0)), ContextAdvice.WorkerLoop.class.getName()))
                .type(named(THREAD)).transform(advice
                        .advice(named("start").and(takesArguments(0)), ContextAdvice.CaptureOnStart.class.getName())
                        .advice(named("run").and(takesArguments(0)), ContextAdvice.Run.class.getName()))
                // a subclass whose own run() does not call Thread.run: adopts in its run()
                .type(extendsThread()).transform(advice
                        .advice(named("run").and(takesArguments(0)).and(not(isAbstract())), ContextAdvice.Run.class.getName()))
                .type(named(VIRTUAL_THREAD)).transform(advice
                        .advice(named("start").and(takesArguments(1)), ContextAdvice.CaptureOnStart.class.getName())
                        .advice(named("run").and(takesArguments(1)).and(takesArgument(0, Runnable.class)),
                                ContextAdvice.Run.class.getName()));
    }
}
