package dev.tasklog.bench;

import dev.tasklog.SubTask;
import dev.tasklog.Task;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The same trivial method once per way of timing it, for {@link PeerBenchmark}: unannotated, as a
 * tasklog sub-task and task, as an OpenTelemetry {@code @WithSpan}, and unannotated again for
 * OpenTelemetry's {@code otel.instrumentation.methods.include} (named by {@link #CONFIGURED}).
 */
public class PeerWorkload {

    /** The methods OpenTelemetry instruments by configuration, in the form that setting takes. */
    public static final String CONFIGURED = PeerWorkload.class.getName() + "[configured,configuredSeesSpan]";

    private int state;

    public int plain(int x) {
        state += x;
        return state;
    }

    @SubTask("bench.peer.sub")
    public int subTask(int x) {
        state += x;
        return state;
    }

    @Task("bench.peer.task")
    public int task(int x) {
        state += x;
        return state;
    }

    @WithSpan
    public int withSpan(int x) {
        state += x;
        return state;
    }

    public int configured(int x) {
        state += x;
        return state;
    }

    /** @return whether a span is active inside a {@code @WithSpan} method: false when no agent instrumented it */
    @WithSpan
    public boolean withSpanSeesSpan() {
        return Span.current().getSpanContext().isValid();
    }

    /** @return whether a span is active inside a method listed in {@link #CONFIGURED} */
    public boolean configuredSeesSpan() {
        return Span.current().getSpanContext().isValid();
    }
}
