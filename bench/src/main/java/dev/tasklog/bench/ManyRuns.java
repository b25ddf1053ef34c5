package dev.tasklog.bench;

import dev.tasklog.TaskLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a store for the admin's benchmark, under the agent: {@code runs} runs of five names, each
 * with three tasks and about {@code eventsPerRun} stored events (the application's and tasklog's
 * own lines), every 20th run with a warning and every 50th with an error.
 */
public final class ManyRuns {

    private static final Logger LOG = LoggerFactory.getLogger("orders.import");

    private ManyRuns() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        int eventsPerRun = Integer.parseInt(args[1]);
        // tasklog itself stores a start and an end line per run and per task
        int perTask = Math.max(1, (eventsPerRun - 8) / 3);
        for (int r = 0; r < runs; r++) {
            TaskLog.setRun("nightly-" + (r % 5));
            for (String task : new String[] {"extract", "transform", "load"}) {
                TaskLog.setTask(task);
                for (int i = 0; i < perTask; i++) {
                    LOG.info("run {} {} record {} done", r, task, i);
                }
                TaskLog.count("records", perTask);
                if (task.equals("transform") && r % 20 == 0) {
                    LOG.warn("run {}: 3 records without a country", r);
                }
                if (task.equals("load") && r % 50 == 0) {
                    LOG.error("run {}: the target rejected a batch", r);
                }
                TaskLog.finishTask();
            }
            TaskLog.finishRun();
        }
    }
}
