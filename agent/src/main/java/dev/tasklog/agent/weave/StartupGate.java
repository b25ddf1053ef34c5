package dev.tasklog.agent.weave;

import dev.tasklog.agent.util.Bytes;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The class-file transformer the JVM calls while Byte Buddy's is still being built on another
 * thread, and which hands every class to it afterwards. A class that may need weaving — it names
 * one of the annotations or {@code java/lang/Thread} (a subclass adopts in its own {@code run}),
 * or it is one of the few classes woven by name — waits for the transformer; every other class is
 * passed over after a byte scan. A program that never loads such a class never waits.
 */
final class StartupGate implements ClassFileTransformer {

    /** The thread that builds the transformer: its own class loading must not wait for itself. */
    static final String THREAD_NAME = "tasklog-weaving-setup";
    /** How long a class waits for the transformer before it loads unwoven. */
    private static final long WAIT_SECONDS = 60;

    private static final byte[][] MARKERS = {
        bytes("Ldev/tasklog/Run;"), bytes("Ldev/tasklog/Task;"), bytes("Ldev/tasklog/SubTask;"), bytes("java/lang/Thread"),
    };
    private static final String[] WOVEN_BY_NAME = {
        "dev/tasklog/TaskLog", "dev/tasklog/SubTimer", "dev/tasklog/internal/DebugCallbacks", "ch/qos/logback/classic/Logger",
    };
    private static final String[] NEVER = {"java/", "jdk/", "sun/", "com/sun/", "dev/tasklog/agent/"};

    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile ClassFileTransformer transformer;
    private volatile boolean open;

    /**
     * Hands over to Byte Buddy's transformer from now on.
     *
     * @param woven the transformer, or null when it could not be built (nothing is woven then)
     */
    void open(ClassFileTransformer woven) {
        transformer = woven;
        open = true;
        opened.countDown();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        if (!open) {
            if (className == null || !mayNeedWeaving(className, bytes) || Thread.currentThread().getName().equals(THREAD_NAME)) {
                return null;
            }
            try {
                if (!opened.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        ClassFileTransformer woven = transformer;
        return woven == null ? null : woven.transform(module, loader, className, classBeingRedefined, domain, bytes);
    }

    private static boolean mayNeedWeaving(String className, byte[] bytes) {
        for (String prefix : NEVER) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String name : WOVEN_BY_NAME) {
            if (className.equals(name)) {
                return true;
            }
        }
        for (byte[] marker : MARKERS) {
            if (Bytes.contains(bytes, marker)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
