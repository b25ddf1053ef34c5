package dev.tasklog.agent.weave;

import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.config.ConfigKey;
import dev.tasklog.agent.config.MethodList;
import dev.tasklog.agent.util.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The methods named by {@code methods.run}, {@code methods.task} and {@code methods.subtask}: woven
 * exactly as annotated ones, named {@code SimpleClassName.methodName}. Remembers what matched, so
 * that an entry that never matched anything is reported when the JVM ends.
 */
final class ConfiguredMethods {

    /** One configured entry for one kind, and what it matched. */
    static final class Target {
        final ConfigKey key;
        final String annotation;
        final MethodList.Entry entry;
        final Set<String> classes = ConcurrentHashMap.newKeySet();
        final Set<String> methods = ConcurrentHashMap.newKeySet();

        Target(ConfigKey key, String annotation, MethodList.Entry entry) {
            this.key = key;
            this.annotation = annotation;
            this.entry = entry;
        }
    }

    private final List<Target> targets = new ArrayList<>();

    ConfiguredMethods(AgentConfig config) {
        add(config, ConfigKey.METHODS_RUN, Weaver.RUN);
        add(config, ConfigKey.METHODS_TASK, Weaver.TASK);
        add(config, ConfigKey.METHODS_SUBTASK, Weaver.SUB_TASK);
    }

    private void add(AgentConfig config, ConfigKey key, String annotation) {
        for (MethodList.Entry e : config.methods(key).entries()) {
            targets.add(new Target(key, annotation, e));
        }
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    List<Target> targets() {
        return targets;
    }

    /** @return whether any entry names this class (so that it is not ignored even in a JDK package) */
    boolean namesClass(String binaryName) {
        for (Target t : targets) {
            if (t.entry.matchesClass(binaryName)) {
                return true;
            }
        }
        return false;
    }

    /** Classes of one entry, recorded as they are seen. */
    static ElementMatcher<TypeDescription> types(Target t) {
        return type -> {
            if (t.entry.matchesClass(type.getName())) {
                t.classes.add(type.getName());
                return true;
            }
            return false;
        };
    }

    /**
     * Methods of one entry, recorded as they are woven: declared, with a body, not synthetic, not a
     * constructor, and not already carrying the annotation (which weaves it anyway).
     */
    static ElementMatcher<MethodDescription> methods(Target t) {
        return method -> {
            if (!method.isMethod() || method.isAbstract() || method.isNative() || method.isSynthetic() || method.isBridge()
                    || !t.entry.matchesClass(method.getDeclaringType().asErasure().getName())
                    || !t.entry.matchesMethod(method.getName())) {
                return false;
            }
            for (net.bytebuddy.description.annotation.AnnotationDescription a : method.getDeclaredAnnotations()) {
                if (a.getAnnotationType().getName().equals(t.annotation)) {
                    return false;
                }
            }
            t.methods.add(method.getName());
            return true;
        };
    }

    /** Reports, once, every entry that matched no class or none of its methods. */
    void reportUnmatched() {
        for (Target t : targets) {
            String entry = t.key.key() + " entry " + t.entry;
            if (t.classes.isEmpty()) {
                Diagnostics.say("config: " + entry + " matched no class loaded by this JVM (is the class name right?)");
            } else if (t.entry.allMethods() && t.methods.isEmpty()) {
                Diagnostics.say("config: " + entry + " matched " + t.classes + " but no method with a body in it");
            } else {
                for (String m : t.entry.methods()) {
                    if (!m.equals("*") && !t.methods.contains(m)) {
                        Diagnostics.say("config: " + entry + ": no method " + m + " with a body in " + t.classes);
                    }
                }
            }
        }
    }
}
