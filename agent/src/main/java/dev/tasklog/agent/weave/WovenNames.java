package dev.tasklog.agent.weave;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

/**
 * Computes, at weave time, the name and options a woven method stands for, and binds them into the
 * advice as constants: the woven code never looks anything up at run time.
 *
 * <p>The name is the annotation's {@code value()} when given, else {@code SimpleClassName.methodName}
 * (for an anonymous class, its binary name without package, e.g. {@code Job$1.call}).
 */
final class WovenNames {

    private WovenNames() {
    }

    static String nameOf(MethodDescription method, String annotationType) {
        AnnotationDescription annotation = find(method, annotationType);
        if (annotation != null) {
            String value = property(annotation, "value", String.class, "");
            if (!value.isEmpty()) {
                return value;
            }
        }
        return simpleName(method.getDeclaringType().asErasure()) + "." + method.getName();
    }

    static boolean logTimingOf(MethodDescription method) {
        AnnotationDescription task = find(method, Weaver.TASK);
        return task == null || property(task, "logTiming", Boolean.class, Boolean.TRUE);
    }

    static String simpleName(TypeDescription type) {
        String simple = type.getSimpleName();
        if (simple != null && !simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static AnnotationDescription find(MethodDescription method, String annotationType) {
        for (AnnotationDescription a : method.getDeclaredAnnotations()) {
            if (a.getAnnotationType().getName().equals(annotationType)) {
                return a;
            }
        }
        return null;
    }

    private static <T> T property(AnnotationDescription annotation, String property, Class<T> type, T absent) {
        for (MethodDescription.InDefinedShape p : annotation.getAnnotationType().getDeclaredMethods()) {
            if (p.getName().equals(property)) {
                AnnotationValue<?, ?> value = annotation.getValue(p);
                return value == null ? absent : value.resolve(type);
            }
        }
        return absent;
    }

    /** Binds {@link WovenName} parameters. */
    static final class NameBinding implements Advice.OffsetMapping.Factory<WovenName> {
        @Override
        public Class<WovenName> getAnnotationType() {
            return WovenName.class;
        }

        @Override
        public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                         AnnotationDescription.Loadable<WovenName> annotation,
                                         AdviceType adviceType) {
            String annotationType = annotation.load().value();
            return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                    new Advice.OffsetMapping.Target.ForStackManipulation(
                            new TextConstant(nameOf(instrumentedMethod, annotationType)));
        }
    }

    /** Binds {@link WovenLogTiming} parameters. */
    static final class LogTimingBinding implements Advice.OffsetMapping.Factory<WovenLogTiming> {
        @Override
        public Class<WovenLogTiming> getAnnotationType() {
            return WovenLogTiming.class;
        }

        @Override
        public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                         AnnotationDescription.Loadable<WovenLogTiming> annotation,
                                         AdviceType adviceType) {
            return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                    new Advice.OffsetMapping.Target.ForStackManipulation(
                            IntegerConstant.forValue(logTimingOf(instrumentedMethod)));
        }
    }
}
