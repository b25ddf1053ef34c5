package dev.tasklog.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the operating system's scheduling priority of the calling thread, so that the store's
 * writer (and the embedded database working on its thread) takes only CPU time the application
 * leaves over. {@code Thread.setPriority} does nothing on Linux, so this asks the system's
 * {@code renice} for the thread's "nice" value; threads the writer starts inherit it. Where that
 * is not possible (not Linux, no {@code renice}, a JVM already running at a lower priority) the
 * writer simply keeps the application's priority: it is an optimisation, not a requirement.
 */
final class ThreadNice {

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final String[] RENICE = {"/usr/bin/renice", "/bin/renice"};
    private static final long WAIT_SECONDS = 5;

    private ThreadNice() {
    }

    /**
     * @param nice 1 (a little lower) to 19 (the lowest); 0 leaves the thread as it is
     * @return true when the calling thread now runs at that nice value
     */
    static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return false;
        }
        String renice = renice();
        if (renice == null || !Files.isSymbolicLink(THREAD_SELF)) {
            return false;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>": setpriority on a tid is per thread
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process p = new ProcessBuilder(renice, "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String renice() {
        for (String candidate : RENICE) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
