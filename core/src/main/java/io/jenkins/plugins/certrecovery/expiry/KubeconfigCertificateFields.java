package io.jenkins.plugins.certrecovery.expiry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate fields of a kubeconfig: {@code clusters[].cluster.certificate-authority(-data)} and
 * {@code users[].user.client-certificate(-data)}, of a kubeconfig in any form YAML allows (block or flow style, JSON). Reads only
 * those fields: tokens, keys and {@code exec} settings are never looked at, so they cannot reach a row.
 */
public final class KubeconfigCertificateFields {
    /**
     * One field.
     *
     * @param label     {@code clusters[name].certificate-authority-data} and the like
     * @param embedded  the base64 value of a {@code -data} field, or null
     * @param namedFile the path a file field names (as written, possibly relative), or null
     */
    public record Field(String label, String embedded, String namedFile) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private KubeconfigCertificateFields() {}

    /** @throws IllegalArgumentException naming the line when the text is not a YAML kubeconfig */
    public static List<Field> read(String kubeconfig) {
        JsonNode root;
        try {
            root = YAML.readTree(kubeconfig);
        } catch (JsonProcessingException e) {
            // Only the location: the parser's message may quote the input.
            throw new IllegalArgumentException("not a YAML kubeconfig"
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ")"));
        }
        List<Field> fields = new ArrayList<>();
        if (root != null) {
            collect(root.path("clusters"), "clusters", "cluster", "certificate-authority", fields);
            collect(root.path("users"), "users", "user", "client-certificate", fields);
        }
        return fields;
    }

    /** True for a YAML or JSON mapping with a top-level {@code clusters} key: how an extra path's file is told from PEM. */
    public static boolean isKubeconfig(String text) {
        if (text.contains("-----BEGIN ")) {
            return false;
        }
        try {
            JsonNode root = YAML.readTree(text);
            return root != null && root.isObject() && root.has("clusters");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static void collect(JsonNode entries, String section, String entryKey, String field, List<Field> fields) {
        for (JsonNode entry : entries) {
            String name = entry.path("name").asText("");
            JsonNode body = entry.path(entryKey);
            String prefix = section + "[" + name + "].";
            String data = text(body.path(field + "-data"));
            if (data != null) {
                fields.add(new Field(prefix + field + "-data", data, null));
            }
            String file = text(body.path(field));
            if (file != null) {
                fields.add(new Field(prefix + field, null, file));
            }
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText().strip() : null;
    }
}
