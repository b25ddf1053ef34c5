package dev.tasklog.bench;

import dev.tasklog.SubTask;
import dev.tasklog.Task;

/** The same trivial method, unannotated and annotated. */
public class Workload {

    private int state;

    public int plain(int x) {
        state += x;
        return state;
    }

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
}
