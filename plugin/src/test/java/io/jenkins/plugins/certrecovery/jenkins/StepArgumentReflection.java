package io.jenkins.plugins.certrecovery.jenkins;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundSetter;

/** A step's arguments as structs sees them: its {@code @DataBoundSetter}s, and the getters that report their effective values. */
final class StepArgumentReflection {
    private StepArgumentReflection() {}

    /** The arguments a pipeline can give the step, by name. */
    static Map<String, Method> setters(Class<?> step) {
        Map<String, Method> setters = new LinkedHashMap<>();
        for (Method m : step.getMethods()) {
            if (m.getAnnotation(DataBoundSetter.class) != null) {
                setters.put(
                        Character.toLowerCase(m.getName().charAt(3))
                                + m.getName().substring(4),
                        m);
            }
        }
        return setters;
    }

    /** The value the step's getter reports for an argument. */
    static Object effectiveValue(Object step, String argument) throws Exception {
        String capitalized = Character.toUpperCase(argument.charAt(0)) + argument.substring(1);
        for (Method m : step.getClass().getMethods()) {
            if (m.getParameterCount() == 0
                    && (m.getName().equals("get" + capitalized) || m.getName().equals("is" + capitalized))) {
                return m.invoke(step);
            }
        }
        throw new AssertionError(step.getClass().getSimpleName() + " has no getter for " + argument);
    }
}
