package dev.tasklog.agent.logback;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads one class of logback event ({@code ch.qos.logback.classic.spi.ILoggingEvent}
 * implementations) through method handles, looked up once per class. Methods a logback version does
 * not have (key-value pairs before 1.3) read as empty.
 */
public final class LogbackEventReader {

    private static final ClassValue<LogbackEventReader> READERS = new ClassValue<LogbackEventReader>() {
        @Override
        protected LogbackEventReader computeValue(Class<?> type) {
            return new LogbackEventReader(type);
        }
    };

    private final MethodHandle message;
    private final MethodHandle timestamp;
    private final MethodHandle thread;
    private final MethodHandle throwableProxy;
    private final MethodHandle mdc;
    private final MethodHandle keyValuePairs;

    private LogbackEventReader(Class<?> type) {
        message = find(type, "getFormattedMessage");
        timestamp = find(type, "getTimeStamp");
        thread = find(type, "getThreadName");
        throwableProxy = find(type, "getThrowableProxy");
        mdc = find(type, "getMDCPropertyMap");
        keyValuePairs = find(type, "getKeyValuePairs");
    }

    /**
     * @param event a logback event
     * @return the reader for its class
     */
    public static LogbackEventReader of(Object event) {
        return READERS.get(event.getClass());
    }

    private static MethodHandle find(Class<?> type, String name) {
        try {
            Method m = publicMethod(type, name);
            if (m == null) {
                return null;
            }
            return MethodHandles.publicLookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** The method as declared by a public interface or class, so that it can be called from here. */
    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> iface : allInterfaces(type)) {
            try {
                return iface.getMethod(name);
            } catch (NoSuchMethodException e) {
                // next
            }
        }
        try {
            Method m = type.getMethod(name);
            return java.lang.reflect.Modifier.isPublic(m.getDeclaringClass().getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<Class<?>> allInterfaces(Class<?> type) {
        List<Class<?>> result = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (java.lang.reflect.Modifier.isPublic(i.getModifiers())) {
                    result.add(i);
                }
            }
        }
        return result;
    }

    private static Object call(MethodHandle h, Object event) {
        if (h == null) {
            return null;
        }
        try {
            return (Object) h.invokeExact(event);
        } catch (Throwable t) {
            return null;
        }
    }

    public String message(Object event) {
        Object m = call(message, event);
        return m == null ? null : m.toString();
    }

    public long timestamp(Object event) {
        Object t = call(timestamp, event);
        return t instanceof Long ? (Long) t : System.currentTimeMillis();
    }

    public String thread(Object event) {
        Object t = call(thread, event);
        return t == null ? Thread.currentThread().getName() : t.toString();
    }

    /** @return the MDC of the event, never null */
    @SuppressWarnings("unchecked")
    public Map<String, String> mdc(Object event) {
        Object m = call(mdc, event);
        return m instanceof Map ? (Map<String, String>) m : Collections.emptyMap();
    }

    /**
     * Adds the event's SLF4J 2 key-value pairs ({@code log.atInfo().addKeyValue(k, v)}) to {@code into}.
     *
     * @param event the event
     * @param into  where to put them
     */
    public void keyValuePairs(Object event, Map<String, Object> into) {
        Object list = call(keyValuePairs, event);
        if (!(list instanceof List)) {
            return;
        }
        for (Object pair : (List<?>) list) {
            if (pair == null) {
                continue;
            }
            try {
                Field key = pair.getClass().getField("key");
                Field value = pair.getClass().getField("value");
                into.put(String.valueOf(key.get(pair)), value.get(pair));
            } catch (ReflectiveOperationException | RuntimeException e) {
                into.put(pair.toString(), null);
            }
        }
    }

    /**
     * @param event the event
     * @return its exception as a full stack trace (causes and suppressed ones included), or null
     */
    public String throwable(Object event) {
        Object proxy = call(throwableProxy, event);
        if (proxy == null) {
            return null;
        }
        try {
            Method getThrowable = proxy.getClass().getMethod("getThrowable");
            Object t = getThrowable.invoke(proxy);
            if (t instanceof Throwable) {
                StringWriter sw = new StringWriter();
                ((Throwable) t).printStackTrace(new PrintWriter(sw));
                return sw.toString();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a proxy without the original throwable: fall back to what it says of itself
        }
        return proxy.toString();
    }
}
