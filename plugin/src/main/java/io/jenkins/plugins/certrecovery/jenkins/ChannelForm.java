package io.jenkins.plugins.certrecovery.jenkins;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form in which the plugin's values cross the agent channel: maps, lists, strings, boxed numbers and booleans only. The
 * controller deserializes what an agent sends through Jenkins' class filter, which refuses a class unless it is one of the JDK types
 * it lists or its jar carries a plugin manifest; remoting applies a filter to what the controller sends, too. Sending only those JDK
 * types keeps a future record from breaking every step on a real agent, whatever a jar's manifest says. A record becomes a
 * {@link LinkedHashMap} of its components (nested records as nested maps, other values as {@link PipelineValues#plain}) and is
 * rebuilt through its canonical constructor on the other side.
 */
final class ChannelForm {
    private ChannelForm() {}

    static LinkedHashMap<String, Object> of(Record record) {
        LinkedHashMap<String, Object> form = new LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            form.put(component.getName(), value instanceof Record nested ? of(nested) : PipelineValues.plain(value));
        }
        return form;
    }

    static <R extends Record> R to(Class<R> type, Map<?, ?> form) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object value = form.get(components[i].getName());
            values[i] = value instanceof Map<?, ?> nested && types[i].isRecord()
                    ? to(types[i].asSubclass(Record.class), nested)
                    : value;
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName() + " from the channel", e);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read " + component.getName() + " of "
                            + record.getClass().getSimpleName(),
                    e);
        }
    }
}
