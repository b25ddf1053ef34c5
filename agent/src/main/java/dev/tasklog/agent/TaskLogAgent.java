package dev.tasklog.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * The {@code Premain-Class} and {@code Agent-Class} of {@code tasklog.jar}.
 *
 * <p>Does as little as possible, with JDK classes only: it appends the agent's bootstrap package to
 * the bootstrap class path, then hands over to {@code AgentStarter} by name. It must not refer to
 * any class of {@code dev.tasklog.agent.bootstrap} directly: the system class loader would then
 * define its own copy before the bootstrap loader could, and woven code would call a different
 * class than the agent installed its runtime into. Whatever fails, the application starts.
 */
public final class TaskLogAgent {

    private static final String BOOTSTRAP_PACKAGE = "dev/tasklog/agent/bootstrap/";
    private static final String STARTER = "dev.tasklog.agent.AgentStarter";

    private TaskLogAgent() {
    }

    /**
     * Entry point for {@code -javaagent:tasklog.jar[=key=value,...]}.
     *
     * @param args            the agent argument
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, false);
    }

    /**
     * Entry point when attached to a running JVM; classes already loaded are woven too.
     *
     * @param args            the agent argument
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, true);
    }

    private static void start(String args, Instrumentation instrumentation, boolean attachedLate) {
        try {
            putBootstrapPackageOnBootstrapLoader(instrumentation);
            Class.forName(STARTER)
                    .getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, args, instrumentation, attachedLate);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            System.err.println("[tasklog] the agent could not start; the application runs without it: " + cause);
        }
    }

    /**
     * Defines the bootstrap package's classes in the bootstrap loader directly when the JDK lets the
     * agent do so (through {@code jdk.internal.misc.Unsafe}, opened to the agent alone). Appending a
     * jar to the bootstrap search path would do the same, but it makes the JVM switch off class-data
     * sharing for every class not loaded by the bootstrap loader (slower start-up, and a warning on
     * stderr); it remains the fallback.
     */
    private static void putBootstrapPackageOnBootstrapLoader(Instrumentation instrumentation) throws Exception {
        Map<String, byte[]> classes = readBootstrapClasses();
        try {
            defineInBootstrapLoader(instrumentation, classes);
        } catch (Exception | LinkageError e) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar(classes)));
        }
    }

    private static void defineInBootstrapLoader(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Set<Module> agent = Set.of(TaskLogAgent.class.getModule());
        instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", agent), Map.of(),
                Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // A class can only be defined once its supertypes are: retry until a pass makes no progress.
        Map<String, byte[]> pending = new TreeMap<>(classes);
        while (!pending.isEmpty()) {
            int before = pending.size();
            LinkageError last = null;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> e = it.next();
                String name = e.getKey().substring(0, e.getKey().length() - ".class".length()).replace('/', '.');
                try {
                    define.invoke(unsafe, name, e.getValue(), 0, e.getValue().length, null, null);
                    it.remove();
                } catch (java.lang.reflect.InvocationTargetException ex) {
                    if (!(ex.getCause() instanceof NoClassDefFoundError)) {
                        throw ex;
                    }
                    last = (LinkageError) ex.getCause();
                }
            }
            if (pending.size() == before) {
                throw last;
            }
        }
    }

    /**
     * Writes the bootstrap package's classes into a small jar in the temporary directory, named by
     * a digest of its contents so that JVMs of the same agent share one file and none is rewritten.
     */
    private static File bootstrapJar(Map<String, byte[]> classes) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            digest.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(e.getValue());
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) {
            hex.append(String.format("%02x", b));
        }
        Path jar = Path.of(System.getProperty("java.io.tmpdir"), "tasklog-bootstrap-" + hex.substring(0, 16) + ".jar");
        if (!Files.isRegularFile(jar)) {
            Path partial = Files.createTempFile(jar.getParent(), "tasklog-bootstrap-", ".partial");
            try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    jarOut.putNextEntry(new JarEntry(e.getKey()));
                    jarOut.write(e.getValue());
                    jarOut.closeEntry();
                }
            }
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return jar.toFile();
    }

    private static Map<String, byte[]> readBootstrapClasses() throws IOException, URISyntaxException {
        Map<String, byte[]> classes = new TreeMap<>();
        Path location = agentLocation();
        if (Files.isDirectory(location)) {
            Path dir = location.resolve(BOOTSTRAP_PACKAGE);
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.toString().endsWith(".class")) {
                        classes.put(BOOTSTRAP_PACKAGE + p.getFileName(), Files.readAllBytes(p));
                    }
                }
            }
        } else {
            readFromJar(location, classes);
        }
        if (classes.isEmpty()) {
            throw new IOException("no " + BOOTSTRAP_PACKAGE + " classes in " + location);
        }
        return classes;
    }

    private static void readFromJar(Path location, Map<String, byte[]> classes) throws IOException {
        try (JarFile agentJar = new JarFile(location.toFile())) {
            Enumeration<JarEntry> entries = agentJar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(BOOTSTRAP_PACKAGE) && name.endsWith(".class")) {
                    try (InputStream in = agentJar.getInputStream(entry)) {
                        classes.put(name, in.readAllBytes());
                    }
                }
            }
        }
    }

    private static Path agentLocation() throws URISyntaxException {
        return Path.of(TaskLogAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
