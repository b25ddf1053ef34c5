package dev.tasklog.agent.logback;

import dev.tasklog.agent.util.Bytes;
import dev.tasklog.agent.util.Diagnostics;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Numbers every SLF4J logging call ({@code Logger.info(..)} and the like, and the fluent
 * {@code LoggingEventBuilder.log(..)}) in the application's classes as they are loaded, and wraps
 * it in {@code Hooks.callSite(n)} / {@code Hooks.callSiteDone()}. The store then knows the file and
 * line of an event from a thread-local number instead of walking the stack, which costs
 * microseconds per event.
 *
 * <p>Classes that never mention {@code org/slf4j/} are passed over after a byte scan, unparsed.
 * The inserted calls are straight-line code that leaves the operand stack as it was, so stack map
 * frames stay valid and only the maximum stack depth grows by one.
 */
public final class CallSiteWeaver implements ClassFileTransformer {

    private static final byte[] SLF4J = "org/slf4j/".getBytes(StandardCharsets.US_ASCII);
    private static final String HOOKS = "dev/tasklog/agent/bootstrap/Hooks";
    private static final Set<String> LOGGER_METHODS = Set.of("trace", "debug", "info", "warn", "error");
    private static final String[] SKIPPED = {"dev/tasklog/agent/", "org/slf4j/", "ch/qos/logback/", "java/", "javax/",
        "jdk/", "sun/", "com/sun/", "net/bytebuddy/"};

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (loader == null || className == null || redefined != null || skipped(className) || !Bytes.contains(bytes, SLF4J)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            Weaving weaving = new Weaving(writer);
            reader.accept(weaving, 0);
            return weaving.changed ? writer.toByteArray() : null;
        } catch (RuntimeException e) {
            Diagnostics.once("call-sites:" + className, "could not number the logging calls of " + className
                    + " (its events get their file and line the slow way): " + e);
            return null;
        }
    }

    private static boolean skipped(String className) {
        if (isTasklogApi(className)) {
            // the API's own logging calls (a DebugLog writing for a context) are not call sites:
            // their events belong to the application code that caused them
            return true;
        }
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param internalName a class name with slashes
     * @return whether it is a class of tasklog's API jar ({@code dev.tasklog} and its
     *     {@code internal} and {@code logback} packages), not application code in a sub-package
     */
    static boolean isTasklogApi(String internalName) {
        if (!internalName.startsWith("dev/tasklog/")) {
            return false;
        }
        String rest = internalName.substring("dev/tasklog/".length());
        return rest.indexOf('/') < 0 || rest.startsWith("internal/") || rest.startsWith("logback/");
    }

    static boolean isLoggingCall(int opcode, String owner, String name) {
        if (opcode != Opcodes.INVOKEINTERFACE) {
            return false;
        }
        return owner.equals("org/slf4j/Logger") && LOGGER_METHODS.contains(name)
                || owner.equals("org/slf4j/spi/LoggingEventBuilder") && name.equals("log");
    }

    /** Visits one class. */
    private static final class Weaving extends ClassVisitor {
        private String source;
        boolean changed;

        Weaving(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitSource(String file, String debug) {
            source = file;
            super.visitSource(file, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return source == null ? next : new MethodWeaving(next);
        }

        /** Visits one method. */
        private final class MethodWeaving extends MethodVisitor {
            private int line;
            private boolean woven;

            MethodWeaving(MethodVisitor next) {
                super(Opcodes.ASM9, next);
            }

            @Override
            public void visitLineNumber(int line, Label start) {
                this.line = line;
                super.visitLineNumber(line, start);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (line <= 0 || !isLoggingCall(opcode, owner, name)) {
                    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                    return;
                }
                super.visitLdcInsn(CallSites.register(source, line));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "callSite", "(I)V", false);
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "callSiteDone", "()V", false);
                woven = true;
                changed = true;
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(woven ? maxStack + 1 : maxStack, maxLocals);
            }
        }
    }
}
