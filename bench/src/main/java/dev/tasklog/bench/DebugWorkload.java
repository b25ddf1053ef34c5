package dev.tasklog.bench;

import dev.tasklog.DebugContext;
import dev.tasklog.DebugEvent;
import dev.tasklog.DebugLog;
import dev.tasklog.SubTask;
import dev.tasklog.Task;

/** {@link Workload}'s methods on an object that is a {@link DebugContext}. */
public class DebugWorkload implements DebugContext {

    private int state;

    @SubTask("bench.sub")
    public int subTask(int x) {
        state += x;
        return state;
    }

    @Task("bench.task")
    public int task(int x) {
        state += x;
        return state;
    }

    @Override
    public void logDebugMessage(DebugLog log, DebugEvent event) {
        log.log("{} state={} returned={}", event.method(), state, event.returned());
    }
}
