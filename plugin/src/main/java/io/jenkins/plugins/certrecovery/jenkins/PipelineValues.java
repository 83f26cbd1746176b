package io.jenkins.plugins.certrecovery.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts what a pipeline passes (Groovy maps, lists, GStrings) into plain serializable Java values, and back. */
final class PipelineValues {
    private PipelineValues() {}

    /**
     * A deep copy with maps as {@link LinkedHashMap}, lists as {@link ArrayList}, numbers and booleans kept and every other
     * value (GString, CharSequence) as its text.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof Object[] items) {
            return plain(List.of(items));
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plainMap(Map<?, ?> map) {
        return (Map<String, Object>) plain(map);
    }
}
