package dev.tasklog.bench;

import dev.tasklog.Run;
import dev.tasklog.SubTask;
import dev.tasklog.Task;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application side of {@link WholeJobMain}: a batch job of one run, {@code tasks} tasks, each
 * making {@code calls} sub-task calls of a few microseconds of real work (a hash over 2 KB) and
 * logging {@code events} INFO events. Prints how long the job took and a checksum of the work,
 * which must be the same with and without the agent.
 *
 * <pre>WholeJob tasks calls-per-task events-per-task</pre>
 */
public final class WholeJob {

    /** The logger of the job's own events, counted afterwards in the log file and in the store. */
    static final String LOGGER = "bench.wholejob";
    static final String TASK = "bench.wholejob.task";
    static final String STEP = "bench.wholejob.step";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final byte[] data = new byte[2048];
    private long checksum;

    private WholeJob() {
        new Random(42).nextBytes(data);
    }

    public static void main(String[] args) {
        int tasks = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        WholeJob job = new WholeJob();
        long t0 = System.nanoTime();
        job.run(tasks, calls, events);
        System.out.println("job " + (System.nanoTime() - t0) / 1_000 + " us");
        System.out.println("checksum " + Long.toHexString(job.checksum));
    }

    @Run("bench.wholejob")
    void run(int tasks, int calls, int events) {
        for (int t = 0; t < tasks; t++) {
            task(t, calls, events);
        }
    }

    @Task(TASK)
    void task(int t, int calls, int events) {
        int every = calls / events;
        for (int i = 0; i < calls; i++) {
            long h = step(t * calls + i);
            checksum += h;
            if (i % every == every - 1) {
                LOG.info("task {} step {}: hash {}", t, i, h);
            }
        }
    }

    /** FNV-1a over the 2 KB buffer, seeded per call: some microseconds the JIT cannot skip. */
    @SubTask(STEP)
    long step(int seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : data) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
