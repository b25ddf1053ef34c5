package dev.tasklog.bench;

import dev.tasklog.TaskLog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application thread's cost of one INFO event, in bursts of {@value #BURST} events (which fit
 * the store's queue), with a pause between bursts in which the store's writer catches up. Run once
 * under the agent with the store on (and logback's own appender doing nothing), and once without
 * the agent into a logback {@code FileAppender} (see {@link BenchMain}). Scores are per burst.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, batchSize = StoredEventBenchmark.BURST)
@Measurement(iterations = 20, batchSize = StoredEventBenchmark.BURST)
@State(Scope.Thread)
public class StoredEventBenchmark {

    static final int BURST = 20_000;

    private final Logger log = LoggerFactory.getLogger("bench.events");
    private int i;

    @Setup(Level.Trial)
    public void startTask() {
        TaskLog.setRun("bench");
        TaskLog.setTask("events", false);
    }

    @Setup(Level.Iteration)
    public void letTheWriterCatchUp() throws InterruptedException {
        Thread.sleep(1_000);
    }

    @TearDown(Level.Trial)
    public void finishTask() {
        TaskLog.finishTask();
        TaskLog.finishRun();
    }

    @Benchmark
    public void infoEvent() {
        log.info("order {} processed", ++i);
    }
}
