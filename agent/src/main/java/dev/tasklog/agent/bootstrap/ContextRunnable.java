package dev.tasklog.agent.bootstrap;

/**
 * A plain {@code Runnable} handed to {@code ThreadPoolExecutor.execute} while a task is active,
 * wrapped so that it runs in that task's context. ({@code FutureTask}s and {@code ForkJoinTask}s
 * carry their context themselves and are never wrapped.)
 */
public final class ContextRunnable implements Runnable {

    private final Runnable work;
    private final Object context;

    ContextRunnable(Runnable work, Object context) {
        this.work = work;
        this.context = context;
    }

    @Override
    public void run() {
        Object token = Hooks.adopt(context);
        try {
            work.run();
        } finally {
            Hooks.release(token);
        }
    }

    @Override
    public String toString() {
        return work.toString();
    }
}
