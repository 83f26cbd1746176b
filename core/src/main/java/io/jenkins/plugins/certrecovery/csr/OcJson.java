package io.jenkins.plugins.certrecovery.csr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Parses what {@code oc get csr -o json} and {@code oc get nodes -o json} print: a {@code List} with {@code items}, or a single
 * object. Malformed output is refused with an {@link IllegalArgumentException} saying what was expected.
 */
public final class OcJson {
    private final ObjectMapper mapper = new ObjectMapper();

    /** The CSRs of {@code oc get csr -o json}, in the order printed. */
    public List<CertificateSigningRequest> parseCsrs(String json) {
        List<CertificateSigningRequest> csrs = new ArrayList<>();
        for (JsonNode item : items(json, "CertificateSigningRequest", "oc get csr -o json")) {
            String name = item.path("metadata").path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a CSR in the `oc get csr -o json` output has no metadata.name");
            }
            JsonNode spec = item.path("spec");
            JsonNode status = item.path("status");
            List<String> conditions = new ArrayList<>();
            status.path("conditions").forEach(c -> conditions.add(c.path("type").asText("")));
            String certificate = status.path("certificate").asText("");
            csrs.add(new CertificateSigningRequest(
                    name,
                    timestamp(item.path("metadata").path("creationTimestamp"), name),
                    spec.path("username").asText(""),
                    texts(spec.path("groups")),
                    texts(spec.path("usages")),
                    spec.hasNonNull("signerName") ? spec.get("signerName").asText() : null,
                    spec.hasNonNull("expirationSeconds")
                            ? expirationSeconds(spec.get("expirationSeconds"), name)
                            : null,
                    decodeRequest(spec.path("request").asText("")),
                    conditions,
                    !certificate.isEmpty()));
        }
        return csrs;
    }

    /** The nodes of {@code oc get nodes -o json}, in the order printed. */
    public List<NodeStatus> parseNodes(String json) {
        List<NodeStatus> nodes = new ArrayList<>();
        for (JsonNode item : items(json, "Node", "oc get nodes -o json")) {
            String name = item.path("metadata").path("name").asText("");
            List<NodeStatus.Address> addresses = new ArrayList<>();
            item.path("status")
                    .path("addresses")
                    .forEach(a -> addresses.add(new NodeStatus.Address(
                            a.path("type").asText(""), a.path("address").asText(""))));
            boolean ready = false;
            for (JsonNode condition : item.path("status").path("conditions")) {
                if (condition.path("type").asText("").equals("Ready")) {
                    ready = condition.path("status").asText("").equals("True");
                }
            }
            nodes.add(new NodeStatus(name, addresses, ready));
        }
        return nodes;
    }

    private List<JsonNode> items(String json, String kind, String command) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the output of `" + command + "` is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the output of `" + command + "` is not a JSON object");
        }
        List<JsonNode> result = new ArrayList<>();
        if (root.has("items")) {
            root.get("items").forEach(result::add);
        } else if (kind.equals(root.path("kind").asText())) {
            result.add(root);
        } else {
            throw new IllegalArgumentException("the output of `" + command + "` has neither items nor kind " + kind);
        }
        return result;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static long expirationSeconds(JsonNode value, String name) {
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(
                    "CSR " + name + " has an unreadable spec.expirationSeconds '" + value.asText() + "'");
        }
        return value.asLong();
    }

    private static Instant timestamp(JsonNode value, String name) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "CSR " + name + " has an unreadable creationTimestamp '" + value.asText() + "'");
        }
    }

    /** spec.request is base64 in JSON; undecodable text is kept as its raw bytes so the validator reports it as garbage. */
    private static byte[] decodeRequest(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
