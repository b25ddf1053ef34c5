package dev.tasklog.agent.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name and this process's id, as stored in {@code LOG_RUN.HOST} and {@code PID}. */
public final class Host {

    private static volatile String name;

    private Host() {
    }

    /** @return the host name, looked up once */
    public static String name() {
        String n = name;
        if (n == null) {
            n = lookUp();
            name = n;
        }
        return n;
    }

    /** @return this process's id (looked up when first asked: {@code ProcessHandle} starts a thread pool) */
    public static long pid() {
        return Pid.VALUE;
    }

    private static final class Pid {
        static final long VALUE = ProcessHandle.current().pid();
    }

    private static String lookUp() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) {
            return Limits.cut(env, Limits.SHORT);
        }
        try {
            return Limits.cut(InetAddress.getLocalHost().getHostName(), Limits.SHORT);
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
