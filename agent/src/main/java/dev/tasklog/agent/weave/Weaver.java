package dev.tasklog.agent.weave;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.logback.CallSiteWeaver;
import dev.tasklog.agent.util.Diagnostics;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds and installs the agent's class-file transformer: the three annotations, the facade
 * ({@code TaskLog}, {@code SubTimer}) and logback's event dispatch.
 */
public final class Weaver {

    static final String RUN = "dev.tasklog.Run";
    static final String TASK = "dev.tasklog.Task";
    static final String SUB_TASK = "dev.tasklog.SubTask";
    private static final String TASK_LOG = "dev.tasklog.TaskLog";
    private static final String SUB_TIMER = "dev.tasklog.SubTimer";
    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";
    private static final String DEBUG_CONTEXT = "dev.tasklog.DebugContext";
    private static final String DEBUG_CALLBACKS = "dev.tasklog.internal.DebugCallbacks";

    private Weaver() {
    }

    /**
     * Installs the transformer and waits until the classes loaded before the agent are rewoven:
     * for an agent attached to a running JVM, or one that weaves classes named by
     * {@code methods.*} (they may be loaded already).
     *
     * @param instrumentation the JVM's instrumentation
     * @param config          the agent's configuration
     * @param attachedLate    whether classes loaded before the agent must be rewoven
     * @param callSites       whether to number the application's logging calls (for the store)
     * @return reports, at exit, {@code methods.*} entries that matched nothing
     */
    public static Runnable install(Instrumentation instrumentation, AgentConfig config, boolean attachedLate,
                                   boolean callSites) {
        ConfiguredMethods configured = new ConfiguredMethods(config);
        java.util.Set<Class<?>> concurrency = ConcurrencyWeaving.preload();
        boolean everyLoadedClass = attachedLate || !configured.isEmpty();
        builder(instrumentation, configured)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(everyLoadedClass ? AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE
                        : new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(concurrency))
                .installOn(instrumentation);
        if (callSites) {
            instrumentation.addTransformer(new CallSiteWeaver(), false);
        }
        return new UnmatchedMethodsReport(configured);
    }

    /**
     * Installs the transformer without making the application wait for Byte Buddy: a
     * {@link StartupGate} is in place at once, and the transformer is built on a thread of its own
     * (about half a second of class loading and advice parsing). A class loaded meanwhile that needs
     * weaving waits for it; any other class loads at once. Then the JDK's concurrency classes are
     * rewoven, and {@code woven} is counted down: the first run or task waits for that, so work it
     * hands to other threads is always followed.
     *
     * @param instrumentation the JVM's instrumentation
     * @param config          the agent's configuration ({@code methods.*} must be empty)
     * @param callSites       whether to number the application's logging calls (for the store)
     * @param woven           counted down once everything is woven (or weaving failed)
     * @return reports, at exit, {@code methods.*} entries that matched nothing
     */
    public static Runnable installInBackground(Instrumentation instrumentation, AgentConfig config, boolean callSites,
                                               java.util.concurrent.CountDownLatch woven) {
        ConfiguredMethods configured = new ConfiguredMethods(config);
        StartupGate gate = new StartupGate();
        instrumentation.addTransformer(gate, true);
        if (callSites) {
            instrumentation.addTransformer(new CallSiteWeaver(), false);
        }
        // A named class, not a lambda: the JVM's first lambda costs tens of milliseconds of start-up.
        Thread builder = new Thread(new BackgroundSetup(instrumentation, configured, gate, woven), StartupGate.THREAD_NAME);
        builder.setDaemon(true);
        builder.start();
        return new UnmatchedMethodsReport(configured);
    }

    /** Builds the transformer, opens the gate, reweaves the JDK's concurrency classes. */
    private static final class BackgroundSetup implements Runnable {
        private final Instrumentation instrumentation;
        private final ConfiguredMethods configured;
        private final StartupGate gate;
        private final java.util.concurrent.CountDownLatch woven;

        BackgroundSetup(Instrumentation instrumentation, ConfiguredMethods configured, StartupGate gate,
                        java.util.concurrent.CountDownLatch woven) {
            this.instrumentation = instrumentation;
            this.configured = configured;
            this.gate = gate;
            this.woven = woven;
        }

        @Override
        public void run() {
            try {
                java.util.Set<Class<?>> concurrency = ConcurrencyWeaving.preload();
                try {
                    gate.open(builder(instrumentation, configured).with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                            .makeRaw());
                } catch (Throwable t) {
                    gate.open(null);
                    Diagnostics.say("weaving could not be set up; the application runs untimed: " + t);
                    return;
                }
                ConcurrencyWeaving.reweave(instrumentation, concurrency);
            } finally {
                woven.countDown();
            }
        }
    }

    /** At exit: the {@code methods.*} entries that matched nothing. */
    private static final class UnmatchedMethodsReport implements Runnable {
        private final ConfiguredMethods configured;

        UnmatchedMethodsReport(ConfiguredMethods configured) {
            this.configured = configured;
        }

        @Override
        public void run() {
            configured.reportUnmatched();
        }
    }

    /**
     * @param config       the agent's configuration
     * @param attachedLate whether the agent was attached to a running JVM
     * @return whether classes loaded before the agent may need weaving, so that the application
     *     must wait until they are rewoven ({@link #install}); else {@link #installInBackground}
     */
    public static boolean mustReweaveLoadedClasses(AgentConfig config, boolean attachedLate) {
        return attachedLate || !new ConfiguredMethods(config).isEmpty();
    }

    /** What both installations weave. */
    private static AgentBuilder builder(Instrumentation instrumentation, ConfiguredMethods configured) {
        keepByteBuddyOffUnsafe();
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorReporter())
                // Woven JDK classes live in named modules, which must be allowed to read the Hooks.
                .assureReadEdgeTo(instrumentation, Hooks.class)
                .ignore(nameStartsWith("dev.tasklog.agent.")
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("java.").and(not(namedIn(configured))).and(not(concurrency())))
                        .or(nameStartsWith("jdk.").and(not(namedIn(configured))))
                        .or(nameStartsWith("sun.").and(not(namedIn(configured))))
                        .or(nameStartsWith("com.sun.").and(not(namedIn(configured))))
                        .or(isSynthetic()))
                .type(declaresMethod(woven(RUN).or(woven(TASK)).or(woven(SUB_TASK))))
                .transform(annotations())
                .type(named(TASK_LOG))
                .transform(facade())
                .type(named(SUB_TIMER))
                .transform(subTimer())
                .type(named(DEBUG_CALLBACKS))
                .transform(debugCallbacks())
                .type(named(LOGBACK_LOGGER))
                .transform(advice().advice(named("callAppenders").and(takesArguments(1)), LogbackAdvice.class.getName()));
        builder = ConcurrencyWeaving.install(builder, advice());
        for (ConfiguredMethods.Target t : configured.targets()) {
            builder = builder.type(ConfiguredMethods.types(t))
                    .transform(timing(advice(), ConfiguredMethods.methods(t), t.annotation));
        }
        return builder;
    }

    private static ElementMatcher<TypeDescription> concurrency() {
        return type -> ConcurrencyWeaving.TYPES.contains(type.getName());
    }

    private static ElementMatcher<TypeDescription> namedIn(ConfiguredMethods configured) {
        return type -> configured.namesClass(type.getName());
    }

    /**
     * Adds the timing of {@code methods} as {@code annotation} says, in the variant each method
     * needs: plain; for a method declared to return a future, until the future completes; for an
     * instance method of a {@code DebugContext}, with its callbacks. The variant is chosen here,
     * when the class is woven, so that each method carries only what it uses.
     */
    private static AgentBuilder.Transformer.ForAdvice timing(AgentBuilder.Transformer.ForAdvice advice,
                                                             ElementMatcher<? super MethodDescription> methods,
                                                             String annotation) {
        return advice
                .advice(not(ofDebugContext()).and(not(returnsFuture())).and(methods), adviceFor(annotation, false, false))
                .advice(not(ofDebugContext()).and(returnsFuture()).and(methods), adviceFor(annotation, false, true))
                .advice(ofDebugContext().and(not(returnsFuture())).and(methods), adviceFor(annotation, true, false))
                .advice(ofDebugContext().and(returnsFuture()).and(methods), adviceFor(annotation, true, true));
    }

    private static String adviceFor(String annotation, boolean debugContext, boolean returnsFuture) {
        Class<?> advice;
        switch (annotation) {
            case RUN: // a run is timed until its method returns, whatever it returns
                advice = debugContext ? DebugContextAdvice.ForRun.class : RunAdvice.class;
                break;
            case TASK:
                advice = debugContext
                        ? returnsFuture ? DebugContextAdvice.ForAsyncTask.class : DebugContextAdvice.ForTask.class
                        : returnsFuture ? AsyncAdvice.ForTask.class : TaskAdvice.class;
                break;
            default:
                advice = debugContext
                        ? returnsFuture ? DebugContextAdvice.ForAsyncSubTask.class : DebugContextAdvice.ForSubTask.class
                        : returnsFuture ? AsyncAdvice.ForSubTask.class : SubTaskAdvice.class;
        }
        return advice.getName();
    }

    /** Methods declared to return a future. */
    private static ElementMatcher.Junction<MethodDescription> returnsFuture() {
        return returns(failSafe(hasSuperType(named("java.util.concurrent.CompletionStage"))));
    }

    /**
     * Instance methods of a class that implements {@code DebugContext}: they get the callbacks too.
     * A class whose super types cannot be read is taken not to be one, so it is still timed.
     */
    private static ElementMatcher.Junction<MethodDescription> ofDebugContext() {
        return not(isStatic()).and(isDeclaredBy(failSafe(hasSuperType(named(DEBUG_CONTEXT)))));
    }

    /**
     * The agent needs neither Byte Buddy's class injection nor its Nexus (it inlines advice and
     * never initialises woven types), but the builder's defaults touch both, and with them
     * {@code sun.misc.Unsafe}: on Java 24 and later that prints a deprecation warning into the
     * application's output. These switches keep the agent's relocated Byte Buddy away from it. The
     * names are written unrelocated: the build relocates these strings together with the classes,
     * so an application's own Byte Buddy is not affected.
     */
    private static void keepByteBuddyOffUnsafe() {
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        System.setProperty("net.bytebuddy.safe", "true");
    }

    private static ElementMatcher.Junction<MethodDescription> woven(String annotation) {
        return isAnnotatedWith(named(annotation)).and(not(isAbstract())).and(not(isNative()));
    }

    private static AgentBuilder.Transformer.ForAdvice advice() {
        return new AgentBuilder.Transformer.ForAdvice(Advice.withCustomMapping()
                .bind(WovenNames.ConstantBinding.name())
                .bind(WovenNames.ConstantBinding.logTiming()))
                .include(Weaver.class.getClassLoader());
    }

    private static AgentBuilder.Transformer annotations() {
        AgentBuilder.Transformer.ForAdvice advice = advice();
        for (String annotation : new String[] {RUN, TASK, SUB_TASK}) {
            advice = timing(advice, woven(annotation), annotation);
        }
        return advice;
    }

    private static AgentBuilder.Transformer facade() {
        return advice()
                .advice(named("setRun").and(takesArguments(String.class)), FacadeAdvice.SetRun.class.getName())
                .advice(named("finishRun").and(takesArguments(0)), FacadeAdvice.FinishRun.class.getName())
                .advice(named("setTask").and(takesArguments(String.class, boolean.class)), FacadeAdvice.SetTask.class.getName())
                .advice(named("finishTask").and(takesArguments(0)), FacadeAdvice.FinishTask.class.getName())
                .advice(named("count").and(takesArguments(String.class, long.class)), FacadeAdvice.Count.class.getName())
                .advice(named("setExtraInfo").and(takesArguments(1)).and(takesArgument(0, Map.class)),
                        FacadeAdvice.SetExtraInfo.class.getName())
                .advice(named("clearExtraInfo").and(takesArguments(0)), FacadeAdvice.ClearExtraInfo.class.getName())
                .advice(named("debugContext").and(takesArguments(2)), FacadeAdvice.DebugContextScope.class.getName());
    }

    /** The methods of the application's {@code DebugCallbacks} that need the agent's state. */
    private static AgentBuilder.Transformer debugCallbacks() {
        return advice()
                .advice(named("filterSettings").and(takesArguments(0)), FacadeAdvice.DebugSettings.class.getName())
                .advice(named("currentTaskName").and(takesArguments(0)), FacadeAdvice.CurrentTaskName.class.getName())
                .advice(named("runElapsedNanos").and(takesArguments(0)), FacadeAdvice.RunElapsedNanos.class.getName());
    }

    private static AgentBuilder.Transformer subTimer() {
        return advice()
                .advice(isConstructor().and(takesArguments(String.class)), FacadeAdvice.SubTimerStart.class.getName())
                .advice(named("finish").and(takesArguments(0)), FacadeAdvice.SubTimerFinish.class.getName());
    }

    /** Reports a class that could not be woven, once per class; the class then loads unwoven. */
    private static final class ErrorReporter extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            Diagnostics.once("weave:" + typeName, "could not weave " + typeName + "; it runs untimed: " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            // woven: nothing to report
        }
    }
}
