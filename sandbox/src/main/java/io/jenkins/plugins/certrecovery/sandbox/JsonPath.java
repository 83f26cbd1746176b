package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of kubectl's JSONPath (k8s.io/client-go util/jsonpath) that scripts use: literal text around {@code {…}} expressions
 * of dotted fields, {@code \.} inside a field name, {@code [N]} and {@code [*]}; several results are joined by a space.
 */
final class JsonPath {
    private JsonPath() {}

    static String evaluate(JsonNode root, String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template.substring(i));
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new OcTool.OcError("error: error parsing jsonpath " + template + ", unclosed action");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode node :
                    select(root, template.substring(open + 1, close).trim(), template)) {
                values.add(node.isValueNode() ? node.asText() : node.toString());
            }
            out.append(String.join(" ", values));
            i = close + 1;
        }
        return out.toString();
    }

    private static List<JsonNode> select(JsonNode root, String expression, String template) {
        String path = expression.startsWith("$") ? expression.substring(1) : expression;
        List<JsonNode> current = new ArrayList<>(List.of(root));
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                StringBuilder name = new StringBuilder();
                i++;
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    if (path.charAt(i) == '\\' && i + 1 < path.length()) {
                        i++;
                    }
                    name.append(path.charAt(i++));
                }
                if (name.isEmpty()) {
                    continue;
                }
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode node : current) {
                    JsonNode child = node.get(name.toString());
                    if (child != null) {
                        next.add(child);
                    }
                }
                current = next;
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new OcTool.OcError("error: error parsing jsonpath " + template + ", unterminated array");
                }
                String index = path.substring(i + 1, end);
                List<JsonNode> next = new ArrayList<>();
                for (JsonNode node : current) {
                    if (index.equals("*")) {
                        node.forEach(next::add);
                    } else {
                        try {
                            JsonNode child = node.get(Integer.parseInt(index));
                            if (child != null) {
                                next.add(child);
                            }
                        } catch (NumberFormatException e) {
                            throw new OcTool.OcError("error: error parsing jsonpath " + template
                                    + ", this simulated oc understands [N] and [*] only");
                        }
                    }
                }
                current = next;
                i = end + 1;
            } else {
                throw new OcTool.OcError(
                        "error: error parsing jsonpath " + template + ", unrecognized character in action: " + c);
            }
        }
        return current;
    }
}
