package dev.tasklog.agent.context;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Wall-clock and thread CPU time, in nanoseconds. Tests substitute their own. */
public interface Clock {

    /** The JVM's clocks: {@code System.nanoTime} and the current thread's CPU clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long wallNanos() {
            return System.nanoTime();
        }

        @Override
        public long cpuNanos() {
            return ThreadCpu.now();
        }
    };

    /** @return a monotonic wall-clock reading */
    long wallNanos();

    /** @return the current thread's CPU time so far, or -1 when this JVM cannot measure it */
    long cpuNanos();

    /**
     * The thread CPU clock, looked up on first use rather than in the premain (the management
     * classes cost start-up time, and some JVMs lack the clock).
     */
    final class ThreadCpu {
        private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
        private static final boolean AVAILABLE = enable();

        private ThreadCpu() {
        }

        private static boolean enable() {
            try {
                if (!BEAN.isCurrentThreadCpuTimeSupported()) {
                    return false;
                }
                if (!BEAN.isThreadCpuTimeEnabled()) {
                    BEAN.setThreadCpuTimeEnabled(true);
                }
                return BEAN.getCurrentThreadCpuTime() >= 0;
            } catch (RuntimeException e) {
                return false;
            }
        }

        static long now() {
            return AVAILABLE ? BEAN.getCurrentThreadCpuTime() : -1L;
        }
    }
}
