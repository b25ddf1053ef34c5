package dev.tasklog.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running {@link StoreLoad} from the benchmarks jar: when it started logging (its own
 * clock), how long its application threads took, and when it had ended (all its events written).
 */
final class LoadProcess {

    long startMillis;
    long endMillis;
    long appMillis;
    private final Process process;

    private LoadProcess(Process process) {
        this.process = process;
    }

    /** Runs one to its end. */
    static LoadProcess run(Path dir, List<String> jvmArgs, int threads, int events) throws Exception {
        LoadProcess p = start(dir, jvmArgs, threads, events);
        p.await();
        return p;
    }

    /** Starts one and returns at once; {@link #await()} waits for it. */
    static LoadProcess start(Path dir, List<String> jvmArgs, int threads, int events) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(new File(LoadProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        command.add(StoreLoad.class.getName());
        command.add(String.valueOf(threads));
        command.add(String.valueOf(events));
        return new LoadProcess(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
    }

    void await() throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("benchmark JVM failed: " + out);
        }
        endMillis = System.currentTimeMillis();
        for (String line : out.split("\\R")) {
            if (line.startsWith("start ")) {
                startMillis = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("application threads ")) {
                appMillis = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("[tasklog]")) {
                System.out.println("  " + line);
            }
        }
    }
}
