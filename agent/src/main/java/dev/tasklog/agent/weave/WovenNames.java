package dev.tasklog.agent.weave;

import java.lang.annotation.Annotation;
import java.util.function.BiFunction;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationValue;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.StackManipulation;
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

    /**
     * Binds advice parameters carrying annotation {@code A} to a constant computed from the woven
     * method when it is woven.
     */
    static final class ConstantBinding<A extends Annotation> implements Advice.OffsetMapping.Factory<A> {
        private final Class<A> annotationType;
        private final BiFunction<A, MethodDescription, StackManipulation> constant;

        private ConstantBinding(Class<A> annotationType, BiFunction<A, MethodDescription, StackManipulation> constant) {
            this.annotationType = annotationType;
            this.constant = constant;
        }

        /** {@link WovenName}: the name of the run, task or sub-task. */
        static ConstantBinding<WovenName> name() {
            return new ConstantBinding<>(WovenName.class, (a, method) -> new TextConstant(nameOf(method, a.value())));
        }

        /** {@link WovenLogTiming}: {@code @Task(logTiming)}. */
        static ConstantBinding<WovenLogTiming> logTiming() {
            return new ConstantBinding<>(WovenLogTiming.class, (a, method) -> IntegerConstant.forValue(logTimingOf(method)));
        }

        @Override
        public Class<A> getAnnotationType() {
            return annotationType;
        }

        @Override
        public Advice.OffsetMapping make(ParameterDescription.InDefinedShape target,
                                         AnnotationDescription.Loadable<A> annotation,
                                         AdviceType adviceType) {
            A loaded = annotation.load();
            return (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                    new Advice.OffsetMapping.Target.ForStackManipulation(constant.apply(loaded, instrumentedMethod));
        }
    }
}
