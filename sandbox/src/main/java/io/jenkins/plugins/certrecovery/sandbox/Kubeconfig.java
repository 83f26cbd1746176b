package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A kubeconfig file as client-go reads it: the current context's cluster (server, CA) and user (token or client certificate).
 * Written in the layout {@code kubectl config view} prints (keys sorted, {@code preferences: {}}).
 */
record Kubeconfig(
        String clusterName,
        String server,
        String caData,
        String tlsServerName,
        String userName,
        String token,
        String clientCertificateData,
        String clientKeyData,
        String clientCertificateFile) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final ObjectMapper JSON = new ObjectMapper();

    /** Parses kubeconfig YAML; a clear IllegalArgumentException when it has no usable current context. */
    static Kubeconfig parse(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("error loading config: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("invalid configuration: no configuration has been provided");
        }
        String current = root.path("current-context").asText("");
        JsonNode context = named(root.path("contexts"), current).path("context");
        String clusterName = context.path("cluster").asText("");
        String userName = context.path("user").asText("");
        JsonNode cluster = named(root.path("clusters"), clusterName).path("cluster");
        JsonNode user = named(root.path("users"), userName).path("user");
        String server = cluster.path("server").asText("");
        if (server.isEmpty()) {
            throw new IllegalArgumentException(
                    "invalid configuration: no server found for cluster \"" + clusterName + "\"");
        }
        return new Kubeconfig(
                clusterName,
                server,
                text(cluster, "certificate-authority-data"),
                text(cluster, "tls-server-name"),
                userName,
                text(user, "token"),
                text(user, "client-certificate-data"),
                text(user, "client-key-data"),
                text(user, "client-certificate"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.path("name").asText("").equals(name)) {
                return entry;
            }
        }
        return JSON.missingNode();
    }

    /** The certificate embedded for the cluster's CA, or null. */
    X509Certificate certificateAuthority() {
        return firstCertificate(caData);
    }

    /** The embedded client certificate, or null. */
    X509Certificate clientCertificate() {
        return firstCertificate(clientCertificateData);
    }

    private static X509Certificate firstCertificate(String base64Pem) {
        if (base64Pem == null) {
            return null;
        }
        try {
            List<X509Certificate> certificates = Pki.parseCertificates(
                    new String(Base64.getMimeDecoder().decode(base64Pem), StandardCharsets.UTF_8));
            return certificates.isEmpty() ? null : certificates.get(0);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The kubeconfig as YAML, in the shape {@code kubectl config view --raw} prints. */
    String toYaml(String contextName) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "v1");
        ArrayNode clusters = root.putArray("clusters");
        ObjectNode cluster = clusters.addObject();
        ObjectNode clusterBody = cluster.putObject("cluster");
        if (caData != null) {
            clusterBody.put("certificate-authority-data", caData);
        }
        clusterBody.put("server", server);
        if (tlsServerName != null) {
            clusterBody.put("tls-server-name", tlsServerName);
        }
        cluster.put("name", clusterName);
        ObjectNode context = root.putArray("contexts").addObject();
        context.putObject("context").put("cluster", clusterName).put("user", userName);
        context.put("name", contextName);
        root.put("current-context", contextName);
        root.put("kind", "Config");
        root.putObject("preferences");
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", userName);
        ObjectNode userBody = user.putObject("user");
        if (clientCertificateFile != null) {
            userBody.put("client-certificate", clientCertificateFile);
            userBody.put("client-key", clientCertificateFile);
        }
        if (clientCertificateData != null) {
            userBody.put("client-certificate-data", clientCertificateData);
            userBody.put("client-key-data", clientKeyData);
        }
        if (token != null) {
            userBody.put("token", token);
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a kubeconfig", e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
