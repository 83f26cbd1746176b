package io.jenkins.plugins.certrecovery.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code oc} subset (4.3, and 4.6+ with certificates.k8s.io/v1 CSRs) that the documented procedure and a careful engine use. Error texts from kubectl 1.16 / oc 4.3
 * (k8s.io/kubectl pkg/cmd/util/helpers.go, k8s.io/apiserver handlers/responsewriters/errors.go, client-go clientcmd); see
 * docs/sandbox.md for each.
 */
final class OcTool implements Tool {
    static final String RECOVERY_SERVER = "https://localhost:7443";
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DESCRIBE_TIME = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern INDEX_TEMPLATE = Pattern.compile("\\{\\{\\s*index\\s+\\.data\\s+\"([^\"]+)\"\\s*}}");
    private static final Pattern DOT_TEMPLATE = Pattern.compile("\\{\\{\\s*\\.data\\.([A-Za-z0-9_.-]+)\\s*}}");

    /** kubectl -o json: encoding/json MarshalIndent with four spaces, {@code "key": value}. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter KUBECTL_JSON =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n"))
                    .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("    ", "\n"))
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));

    private final ClusterState state;

    OcTool(ClusterState state) {
        this.state = state;
    }

    /** The parsed command line: positional words and flags (both {@code --flag=value} and {@code --flag value}). */
    record Args(List<String> words, Map<String, String> flags) {
        String flag(String... names) {
            for (String name : names) {
                if (flags.containsKey(name)) {
                    return flags.get(name);
                }
            }
            return null;
        }
    }

    private static final List<String> VALUE_FLAGS = List.of(
            "kubeconfig",
            "n",
            "namespace",
            "o",
            "output",
            "template",
            "p",
            "patch",
            "type",
            "registry-config",
            "image-for",
            "request-timeout",
            "l",
            "selector",
            "server",
            "token",
            "context");
    private static final List<String> BOOLEAN_FLAGS =
            List.of("no-headers", "A", "all-namespaces", "insecure-skip-tls-verify", "raw", "minify");

    /** Thrown for a usage error: message for stderr, exit 1. */
    static final class OcError extends RuntimeException {
        OcError(String message) {
            super(message);
        }
    }

    static Args parse(List<String> argv) {
        List<String> words = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                words.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq > 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (!arg.startsWith("--") && body.length() > 1 && VALUE_FLAGS.contains(body.substring(0, 1))) {
                name = body.substring(0, 1);
                value = body.substring(1);
            }
            if (VALUE_FLAGS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.size()) {
                        throw new OcError("error: flag needs an argument: " + arg);
                    }
                    value = argv.get(++i);
                }
                flags.put(name, value);
            } else if (BOOLEAN_FLAGS.contains(name)) {
                flags.put(name, value == null ? "true" : value);
            } else {
                throw new OcError("Error: unknown flag: " + arg + "\nSee 'oc --help' for usage.");
            }
        }
        return new Args(words, flags);
    }

    @Override
    public int run(ToolCall call, ToolOutput out) {
        try {
            Args args = parse(call.argv());
            List<String> w = args.words();
            if (w.isEmpty()) {
                throw new OcError(
                        "error: you must specify a command (this simulated oc knows get, describe, patch, adm, config)");
            }
            if (w.size() >= 3
                    && w.get(0).equals("adm")
                    && w.get(1).equals("release")
                    && w.get(2).equals("info")) {
                return releaseInfo(call, args, out);
            }
            if (w.get(0).equals("version")) {
                out.outLine(
                        state.version.csrV1()
                                ? "Client Version: " + state.version.text() + ".0"
                                : "Client Version: 4.3.0-202001211731-4e7e8ff");
                return 0;
            }
            Session session = connect(call, args);
            return switch (w.get(0)) {
                case "get" -> get(session, args, out);
                case "describe" -> describe(session, args, out);
                case "patch" -> patch(session, args, out);
                case "adm" -> adm(session, args, out);
                case "whoami" -> {
                    out.outLine(session.user());
                    yield 0;
                }
                default ->
                    throw new OcError(
                            "Error: unknown command \"" + w.get(0) + "\" for \"oc\"\nRun 'oc --help' for usage.");
            };
        } catch (OcError e) {
            out.errLine(e.getMessage());
            return 1;
        }
    }

    // ---- connection -------------------------------------------------------------------------------------------------

    /** Who talks to which API server. */
    record Session(ToolCall call, String user, boolean admin, boolean bootstrapper, String node) {}

    private Session connect(ToolCall call, Args args) {
        String explicit = args.flag("kubeconfig");
        String path = explicit != null ? explicit : call.kubeconfig();
        if (path == null || path.isEmpty()) {
            // oc 4.3 with no kubeconfig at all (openshift/oc pkg/helpers/kubeconfig / kcmdutil).
            throw new OcError(
                    "error: Missing or incomplete configuration info.  Please point to an existing, complete config file:"
                            + "\n\n\n  1. Via the command-line flag --kubeconfig\n  2. Via the KUBECONFIG environment variable\n"
                            + "  3. In your home directory as ~/.kube/config\n\nTo view or setup config directly use the 'config' command.");
        }
        Path file = call.resolve(path);
        if (!Files.isRegularFile(file)) {
            if (explicit != null) {
                throw new OcError("error: stat " + path + ": no such file or directory");
            }
            // client-go skips missing files named in KUBECONFIG; then nothing is configured.
            return connect(call, new Args(args.words(), Map.of("kubeconfig", "")));
        }
        if (!call.privileged() && !HostFiles.isOthersReadable(file)) {
            throw new OcError(
                    "error: Error loading config file \"" + path + "\": open " + path + ": permission denied");
        }
        Kubeconfig kubeconfig;
        try {
            kubeconfig = Kubeconfig.parse(HostFiles.read(file).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new OcError("error: " + e.getMessage());
        }
        Instant now = state.now();
        String server = kubeconfig.server();
        String host = server.replaceFirst("^https://", "").replaceFirst("/.*$", "");
        boolean recovery = server.equals(RECOVERY_SERVER) || server.equals("https://127.0.0.1:7443");
        boolean cluster = server.equals(state.spec.apiServerInternalUri())
                || server.equals("https://api." + state.spec.clusterName() + "." + state.spec.baseDomain() + ":6443")
                || server.equals("https://localhost:6443");
        if (state.version.csrV1()) {
            // 4.6+: no recovery API server; every master's kube-apiserver (localhost:6443, also behind api-int and api)
            // answers
            // once it has started, its expired serving certificates regenerated at that moment.
            if (recovery || !cluster || !state.apiserverAnswers(now)) {
                if (!recovery && !cluster) {
                    String name = host.replaceFirst(":\\d+$", "");
                    throw new OcError("Unable to connect to the server: dial tcp: lookup " + name
                            + " on 127.0.0.53:53: no such host");
                }
                throw new OcError("The connection to the server " + host
                        + " was refused - did you specify the right host or port?");
            }
        } else if (recovery) {
            // The recovery API server listens on the loopback of the master that runs it.
            boolean local = state.recoveryHost().map(call.host().name()::equals).orElse(false);
            if (!local || !state.recoveryApiserverAnswers(now)) {
                throw new OcError("The connection to the server " + host
                        + " was refused - did you specify the right host or port?");
            }
        } else if (cluster) {
            if (!state.regenerated()) {
                throw new OcError("Unable to connect to the server: x509: certificate has expired or is not yet valid");
            }
        } else {
            String name = host.replaceFirst(":\\d+$", "");
            throw new OcError(
                    "Unable to connect to the server: dial tcp: lookup " + name + " on 127.0.0.53:53: no such host");
        }
        if (kubeconfig.token() != null) {
            if (kubeconfig.token().equals(state.bootstrapperToken) && cluster) {
                return new Session(call, ClusterState.BOOTSTRAPPER, false, true, null);
            }
            throw new OcError("error: You must be logged in to the server (Unauthorized)");
        }
        X509Certificate certificate = kubeconfig.clientCertificate();
        if (certificate == null && kubeconfig.clientCertificateFile() != null) {
            Path pem = call.resolve(kubeconfig.clientCertificateFile());
            certificate = HostFiles.read(pem)
                    .flatMap(t -> Pki.parseCertificates(t).stream().findFirst())
                    .orElse(null);
        }
        if (certificate == null || !HostFiles.validAt(certificate, now)) {
            throw new OcError("error: You must be logged in to the server (Unauthorized)");
        }
        String cn = Pki.commonName(certificate);
        if (recovery && cn.equals("system:admin")) {
            return new Session(call, cn, true, false, null);
        }
        if (state.version.csrV1() && cn.equals("system:admin")) {
            // node-kubeconfigs: system:admin/system:masters from node-system-admin-client.
            return new Session(call, cn, true, false, null);
        }
        if (state.version.csrV1() && cn.equals(ClusterState.BOOTSTRAPPER)) {
            // A master's /etc/kubernetes/kubeconfig: the installer's node-bootstrapper client certificate.
            return new Session(call, cn, false, true, null);
        }
        if (cluster && cn.startsWith("system:node:")) {
            return new Session(call, cn, false, false, cn.substring("system:node:".length()));
        }
        throw new OcError("error: You must be logged in to the server (Unauthorized)");
    }

    /** k8s.io/apiserver responsewriters.forbiddenMessage as kubectl prints it. */
    private static OcError forbidden(Session session, String verb, String resource, String group, String name) {
        // The object is named by its resource without the subresource; the verb's resource keeps it.
        String qualified = resource.replaceFirst("/.*$", "") + (group.isEmpty() ? "" : "." + group);
        String object = name == null ? qualified : qualified + " \"" + name + "\"";
        return new OcError(
                "Error from server (Forbidden): " + object + " is forbidden: User \"" + session.user() + "\" cannot "
                        + verb + " resource \"" + resource + "\" in API group \"" + group + "\" at the cluster scope");
    }

    // ---- get / describe
    // ----------------------------------------------------------------------------------------------

    private int get(Session session, Args args, ToolOutput out) {
        List<String> w = args.words();
        if (w.size() < 2) {
            throw new OcError(
                    "You must specify the type of resource to get. Use \"oc api-resources\" for a complete list of "
                            + "supported resources.\n\nerror: Required resource not specified.\nUse \"oc explain <resource>\" for a detailed "
                            + "description of that resource (e.g. oc explain pods).\nSee 'oc get -h' for help and examples.");
        }
        String type = w.get(1);
        List<String> names = w.subList(2, w.size());
        String output = args.flag("o", "output");
        String namespace = Optional.ofNullable(args.flag("n", "namespace")).orElse("default");
        String template = args.flag("template");
        return switch (canonical(type)) {
            case "namespaces" -> getNamespaces(session, names, out);
            case "certificatesigningrequests" -> getCsrs(session, names, output, args, out);
            case "nodes" -> getNodes(session, names, output, args, out);
            case "configmaps" -> getConfigMap(session, namespace, names, output, template, out);
            case "secrets" -> getSecret(session, namespace, names, output, out);
            case "infrastructures.config.openshift.io" -> getInfrastructure(session, names, output, out);
            case "kubeapiservers.operator.openshift.io",
                    "kubecontrollermanagers.operator.openshift.io",
                    "kubeschedulers.operator.openshift.io" -> getOperator(session, canonical(type), names, output, out);
            default -> throw new OcError("error: the server doesn't have a resource type \"" + type + "\"");
        };
    }

    private static String canonical(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "namespace", "namespaces", "ns" -> "namespaces";
            case "csr",
                    "csrs",
                    "certificatesigningrequest",
                    "certificatesigningrequests",
                    "certificatesigningrequest.certificates.k8s.io",
                    "certificatesigningrequests.certificates.k8s.io" -> "certificatesigningrequests";
            case "node", "nodes", "no" -> "nodes";
            case "configmap", "configmaps", "cm" -> "configmaps";
            case "secret", "secrets" -> "secrets";
            case "infrastructure",
                    "infrastructures",
                    "infrastructures.config.openshift.io",
                    "infrastructure.config.openshift.io" -> "infrastructures.config.openshift.io";
            case "kubeapiserver", "kubeapiservers", "kubeapiservers.operator.openshift.io" ->
                "kubeapiservers.operator.openshift.io";
            case "kubecontrollermanager", "kubecontrollermanagers", "kubecontrollermanagers.operator.openshift.io" ->
                "kubecontrollermanagers.operator.openshift.io";
            case "kubescheduler", "kubeschedulers", "kubeschedulers.operator.openshift.io" ->
                "kubeschedulers.operator.openshift.io";
            default -> t;
        };
    }

    private void requireAdmin(Session session, String verb, String resource, String group, String name) {
        if (!session.admin()) {
            throw forbidden(session, verb, resource, group, name);
        }
    }

    private static final List<String> NAMESPACES = List.of(
            "default",
            "kube-system",
            "openshift-kube-apiserver",
            "openshift-kube-apiserver-operator",
            "openshift-machine-config-operator",
            "openshift-config",
            "openshift-config-managed",
            "openshift-kube-controller-manager",
            "openshift-kube-scheduler");

    private int getNamespaces(Session session, List<String> names, ToolOutput out) {
        requireAdmin(
                session, names.isEmpty() ? "list" : "get", "namespaces", "", names.isEmpty() ? null : names.get(0));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "STATUS", "AGE"));
        String age = humanDuration(Duration.between(state.installedAt, state.now()));
        for (String name : names.isEmpty() ? NAMESPACES : names) {
            if (!NAMESPACES.contains(name)) {
                throw new OcError("Error from server (NotFound): namespaces \"" + name + "\" not found");
            }
            rows.add(List.of(name, "Active", age));
        }
        out.out(table(rows));
        return 0;
    }

    private int getCsrs(Session session, List<String> names, String output, Args args, ToolOutput out) {
        if (!session.admin() && !session.bootstrapper()) {
            throw forbidden(session, "list", "certificatesigningrequests", "certificates.k8s.io", null);
        }
        List<ClusterState.Csr> selected = new ArrayList<>();
        for (ClusterState.Csr csr : state.csrObjects()) {
            if (names.isEmpty() || names.contains(csr.name)) {
                selected.add(csr);
            }
        }
        for (String name : names) {
            if (selected.stream().noneMatch(c -> c.name.equals(name))) {
                throw new OcError("Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \""
                        + name + "\" not found");
            }
        }
        if (output != null) {
            List<JsonNode> items = selected.stream().map(this::csrJson).toList();
            return print(items, names.size() == 1, output, out);
        }
        if (selected.isEmpty()) {
            // kubectl 1.16 "No resources found."; from 1.17 (get.go) "No resources found" for cluster-scoped resources.
            out.errLine(state.version.csrV1() ? "No resources found" : "No resources found.");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        if (args.flag("no-headers") == null) {
            rows.add(csrColumns(List.of("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION")));
        }
        Instant now = state.now();
        for (ClusterState.Csr csr : selected) {
            String requested =
                    csr.expirationSeconds == null ? "<none>" : humanDuration(Duration.ofSeconds(csr.expirationSeconds));
            rows.add(csrColumns(List.of(
                    csr.name,
                    humanDuration(Duration.between(csr.created, now)),
                    csr.signerName == null ? "<none>" : csr.signerName,
                    csr.username,
                    requested,
                    csr.status().condition())));
        }
        out.out(table(rows));
        return 0;
    }

    /**
     * The server-side table's columns (kubernetes pkg/printers/internalversion/printers.go): 4.3 (Kubernetes 1.16) NAME AGE
     * REQUESTOR CONDITION; SIGNERNAME from 1.18, REQUESTEDDURATION from 1.22 (OCP 4.9).
     */
    private List<String> csrColumns(List<String> all) {
        List<String> columns = new ArrayList<>(all);
        if (!state.version.requestedDuration()) {
            columns.remove(4);
        }
        if (!state.version.csrV1()) {
            columns.remove(2);
        }
        return columns;
    }

    private JsonNode csrJson(ClusterState.Csr csr) {
        ObjectNode node = Kubeconfig.JSON.createObjectNode();
        String apiVersion = state.version.csrV1() ? "certificates.k8s.io/v1" : "certificates.k8s.io/v1beta1";
        node.put("apiVersion", apiVersion);
        node.put("kind", "CertificateSigningRequest");
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("creationTimestamp", RFC3339.format(csr.created));
        metadata.put("generateName", "csr-");
        metadata.put("name", csr.name);
        metadata.put("resourceVersion", String.valueOf(Math.abs(csr.name.hashCode() % 100000)));
        if (!state.version.csrV1()) {
            // selfLink was deprecated in 1.16 and is no longer set from 1.20 (OCP 4.7); left out for all 4.6+ here.
            metadata.put("selfLink", "/apis/certificates.k8s.io/v1beta1/certificatesigningrequests/" + csr.name);
        }
        ObjectNode spec = node.putObject("spec");
        if (csr.expirationSeconds != null) {
            spec.put("expirationSeconds", csr.expirationSeconds);
        }
        ArrayNode groups = spec.putArray("groups");
        csr.groups.forEach(groups::add);
        spec.put("request", Base64.getEncoder().encodeToString(csr.requestPem.getBytes()));
        if (csr.signerName != null) {
            spec.put("signerName", csr.signerName);
        }
        ArrayNode usages = spec.putArray("usages");
        csr.usages.forEach(usages::add);
        spec.put("username", csr.username);
        ObjectNode status = node.putObject("status");
        if (csr.certificatePem != null) {
            status.put("certificate", Base64.getEncoder().encodeToString(csr.certificatePem.getBytes()));
        }
        if (csr.approved || csr.denied) {
            ObjectNode condition = status.putArray("conditions").addObject();
            String when = RFC3339.format(csr.approvedAt == null ? csr.created : csr.approvedAt);
            if (state.version.csrV1()) {
                // v1 conditions carry lastTransitionTime and a required status.
                condition.put("lastTransitionTime", when);
            }
            condition.put("lastUpdateTime", when);
            // kubectl certificate approve/deny (k8s.io/kubectl pkg/cmd/certificates/certificates.go)
            condition.put(
                    "message",
                    csr.denied
                            ? "This CSR was denied by kubectl certificate deny."
                            : "This CSR was approved by kubectl certificate approve.");
            condition.put("reason", csr.denied ? "KubectlDeny" : "KubectlApprove");
            if (state.version.csrV1()) {
                condition.put("status", "True");
            }
            condition.put("type", csr.denied ? "Denied" : "Approved");
        }
        return node;
    }

    private int getNodes(Session session, List<String> names, String output, Args args, ToolOutput out) {
        if (!session.admin() && session.node() == null) {
            throw forbidden(session, "list", "nodes", "", null);
        }
        List<SimulatedNode> nodes = new ArrayList<>();
        for (SimulatedNode node : state.nodes()) {
            if (names.isEmpty() || names.contains(node.name())) {
                nodes.add(node);
            }
        }
        for (String name : names) {
            if (nodes.stream().noneMatch(n -> n.name().equals(name))) {
                throw new OcError("Error from server (NotFound): nodes \"" + name + "\" not found");
            }
        }
        if (output != null) {
            return print(nodes.stream().map(this::nodeJson).toList(), names.size() == 1, output, out);
        }
        List<List<String>> rows = new ArrayList<>();
        if (args.flag("no-headers") == null) {
            rows.add(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
        }
        String age = humanDuration(Duration.between(state.installedAt, state.now()));
        for (SimulatedNode node : nodes) {
            rows.add(List.of(
                    node.name(),
                    node.ready() ? "Ready" : "NotReady",
                    node.role() == HostRole.MASTER ? "master" : "worker",
                    age,
                    state.version.kubernetesVersion()));
        }
        out.out(table(rows));
        return 0;
    }

    private JsonNode nodeJson(SimulatedNode node) {
        ObjectNode json = Kubeconfig.JSON.createObjectNode();
        json.put("apiVersion", "v1");
        json.put("kind", "Node");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("creationTimestamp", RFC3339.format(state.installedAt));
        ObjectNode labels = metadata.putObject("labels");
        labels.put("kubernetes.io/hostname", node.name());
        labels.put("node-role.kubernetes.io/" + (node.role() == HostRole.MASTER ? "master" : "worker"), "");
        metadata.put("name", node.name());
        ObjectNode status = json.putObject("status");
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("address", state.host(node.name()).ip()).put("type", "InternalIP");
        addresses.addObject().put("address", node.name()).put("type", "Hostname");
        ObjectNode ready = status.putArray("conditions").addObject();
        ready.put("type", "Ready");
        if (node.ready()) {
            ready.put("status", "True").put("reason", "KubeletReady").put("message", "kubelet is posting ready status");
        } else {
            // node lifecycle controller (k8s.io/kubernetes pkg/controller/nodelifecycle) once a kubelet stops
            // reporting.
            ready.put("status", "Unknown")
                    .put("reason", "NodeStatusUnknown")
                    .put("message", "Kubelet stopped posting node status.");
        }
        status.putObject("nodeInfo").put("kubeletVersion", state.version.kubernetesVersion());
        return json;
    }

    private int getConfigMap(
            Session session, String namespace, List<String> names, String output, String template, ToolOutput out) {
        String name = single(names, "configmaps");
        requireAdmin(session, "get", "configmaps", "", name);
        Map<String, String> data = new LinkedHashMap<>();
        if (namespace.equals("openshift-kube-apiserver-operator")
                && name.equals("kube-apiserver-to-kubelet-client-ca")) {
            data.put("ca-bundle.crt", state.certificates.kubeletCaBundle());
        } else if (namespace.equals("openshift-kube-apiserver") && name.equals("client-ca")) {
            data.put("ca-bundle.crt", state.certificates.clientCaBundle());
        } else {
            throw new OcError("Error from server (NotFound): configmaps \"" + name + "\" not found");
        }
        ObjectNode json = Kubeconfig.JSON.createObjectNode();
        json.put("apiVersion", "v1");
        ObjectNode dataNode = json.putObject("data");
        data.forEach(dataNode::put);
        json.put("kind", "ConfigMap");
        json.putObject("metadata").put("name", name).put("namespace", namespace);
        if (template != null) {
            return template(json, template, out);
        }
        return print(List.of(json), true, output == null ? "table" : output, out);
    }

    private int template(JsonNode object, String template, ToolOutput out) {
        Matcher index = INDEX_TEMPLATE.matcher(template);
        Matcher dot = DOT_TEMPLATE.matcher(template);
        String key;
        int start;
        int end;
        if (index.find()) {
            key = index.group(1);
            start = index.start();
            end = index.end();
        } else if (dot.find()) {
            key = dot.group(1);
            start = dot.start();
            end = dot.end();
        } else {
            throw new OcError("error: error parsing template " + template + ", this simulated oc understands only "
                    + "{{ index .data \"KEY\" }} and {{ .data.KEY }}");
        }
        JsonNode value = object.path("data").get(key);
        out.out(template.substring(0, start)
                + (value == null ? "<no value>" : value.asText())
                + template.substring(end));
        return 0;
    }

    private int getSecret(Session session, String namespace, List<String> names, String output, ToolOutput out) {
        String name = single(names, "secrets");
        requireAdmin(session, "get", "secrets", "", name);
        if (!namespace.equals("openshift-machine-config-operator") || !name.equals("node-bootstrapper-token")) {
            throw new OcError("Error from server (NotFound): secrets \"" + name + "\" not found");
        }
        ObjectNode json = Kubeconfig.JSON.createObjectNode();
        json.put("apiVersion", "v1");
        ObjectNode data = json.putObject("data");
        data.put("ca.crt", Kubeconfig.base64(state.certificates.rootCa.certificatePem()));
        data.put("namespace", Kubeconfig.base64("openshift-machine-config-operator"));
        data.put("token", Kubeconfig.base64(state.bootstrapperToken));
        json.put("kind", "Secret");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name).put("namespace", namespace);
        metadata.putObject("annotations").put("kubernetes.io/service-account.name", "node-bootstrapper");
        json.put("type", "kubernetes.io/service-account-token");
        return print(List.of(json), true, output == null ? "table" : output, out);
    }

    private int getInfrastructure(Session session, List<String> names, String output, ToolOutput out) {
        String name = single(names, "infrastructures.config.openshift.io");
        requireAdmin(session, "get", "infrastructures", "config.openshift.io", name);
        if (!name.equals("cluster")) {
            throw new OcError(
                    "Error from server (NotFound): infrastructures.config.openshift.io \"" + name + "\" not found");
        }
        ObjectNode json = Kubeconfig.JSON.createObjectNode();
        json.put("apiVersion", "config.openshift.io/v1");
        json.put("kind", "Infrastructure");
        json.putObject("metadata").put("name", "cluster");
        ObjectNode status = json.putObject("status");
        status.put("apiServerInternalURI", state.spec.apiServerInternalUri());
        status.put("apiServerURL", "https://api." + state.spec.clusterName() + "." + state.spec.baseDomain() + ":6443");
        status.put("etcdDiscoveryDomain", state.spec.clusterName() + "." + state.spec.baseDomain());
        status.put("infrastructureName", state.spec.clusterName() + "-x7k2p");
        status.put("platform", "None");
        return print(List.of(json), true, output == null ? "table" : output, out);
    }

    private int getOperator(Session session, String resource, List<String> names, String output, ToolOutput out) {
        String name = single(names, resource);
        String plural = resource.substring(0, resource.indexOf('.'));
        requireAdmin(session, "get", plural, "operator.openshift.io", name);
        if (!name.equals("cluster")) {
            throw new OcError("Error from server (NotFound): " + resource + " \"" + name + "\" not found");
        }
        return print(List.of(operatorJson(plural)), true, output == null ? "table" : output, out);
    }

    private JsonNode operatorJson(String plural) {
        ObjectNode json = Kubeconfig.JSON.createObjectNode();
        json.put("apiVersion", "operator.openshift.io/v1");
        json.put(
                "kind",
                switch (plural) {
                    case "kubeapiservers" -> "KubeAPIServer";
                    case "kubecontrollermanagers" -> "KubeControllerManager";
                    default -> "KubeScheduler";
                });
        json.putObject("metadata").put("name", "cluster");
        ObjectNode spec = json.putObject("spec");
        spec.put("managementState", "Managed");
        state.forceRedeploymentReason(plural.substring(0, plural.length() - 1))
                .ifPresent(reason -> spec.put("forceRedeploymentReason", reason));
        return json;
    }

    private static String single(List<String> names, String resource) {
        if (names.size() != 1) {
            throw new OcError("error: this simulated oc reads one " + resource + " by name at a time");
        }
        return names.get(0);
    }

    /** Prints objects as -o json|yaml|name|jsonpath=…, or as a NAME AGE table. */
    private int print(List<JsonNode> items, boolean single, String output, ToolOutput out) {
        JsonNode value;
        if (single && items.size() == 1) {
            value = items.get(0);
        } else {
            ObjectNode list = Kubeconfig.JSON.createObjectNode();
            list.put("apiVersion", "v1");
            ArrayNode array = list.putArray("items");
            items.forEach(array::add);
            list.put("kind", "List");
            list.putObject("metadata").put("resourceVersion", "").put("selfLink", "");
            value = list;
        }
        try {
            if (output.equals("json")) {
                out.outLine(Kubeconfig.JSON.writer(KUBECTL_JSON).writeValueAsString(value));
            } else if (output.equals("yaml")) {
                out.out(Kubeconfig.YAML.writeValueAsString(value));
            } else if (output.equals("name")) {
                for (JsonNode item : items) {
                    out.outLine(resourcePrefix(item) + "/"
                            + item.path("metadata").path("name").asText());
                }
            } else if (output.startsWith("jsonpath=")) {
                out.out(JsonPath.evaluate(value, output.substring("jsonpath=".length())));
            } else if (output.equals("table") || output.equals("wide")) {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("NAME", "AGE"));
                for (JsonNode item : items) {
                    rows.add(List.of(
                            item.path("metadata").path("name").asText(),
                            humanDuration(Duration.between(state.installedAt, state.now()))));
                }
                out.out(table(rows));
            } else {
                throw new OcError("error: unable to match a printer suitable for the output format \"" + output
                        + "\", allowed formats are: json,jsonpath,name,yaml");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return 0;
    }

    private static String resourcePrefix(JsonNode item) {
        return switch (item.path("kind").asText()) {
            case "CertificateSigningRequest" -> "certificatesigningrequest.certificates.k8s.io";
            case "Node" -> "node";
            default -> item.path("kind").asText().toLowerCase(Locale.ROOT);
        };
    }

    private int describe(Session session, Args args, ToolOutput out) {
        List<String> w = args.words();
        if (w.size() < 3 || !canonical(w.get(1)).equals("certificatesigningrequests")) {
            throw new OcError("error: this simulated oc describes only certificatesigningrequests by name");
        }
        requireAdmin(session, "get", "certificatesigningrequests", "certificates.k8s.io", w.get(2));
        StringBuilder text = new StringBuilder();
        for (String name : w.subList(2, w.size())) {
            ClusterState.Csr csr = state.csr(name)
                    .orElseThrow(() -> new OcError(
                            "Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \"" + name
                                    + "\" not found"));
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(describeCsr(csr));
        }
        out.out(text.toString());
        return 0;
    }

    /**
     * kubectl describe for a CSR (kubernetes/kubectl pkg/describe/describe.go, describeCertificateSigningRequest; before 1.19
     * pkg/describe/versioned/describe.go). {@code Signer:} only when spec.signerName is set (kubectl 1.19+, commit 15819eb46 "Add
     * signerName field to CSR resource spec": here 4.6+), {@code Requested Duration:} only when spec.expirationSeconds is set
     * (kubectl 1.22+, commit 82734c256: here the 4.14+ OVN CSRs, 24 h, which duration.HumanDuration prints as {@code 24h}).
     */
    private static String describeCsr(ClusterState.Csr csr) {
        CsrStatus status = csr.status();
        String condition = status.condition();
        List<List<String>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<List<String>> header = new ArrayList<>(List.of(
                List.of("Name:", csr.name),
                List.of("Labels:", "<none>"),
                List.of("Annotations:", "<none>"),
                List.of("CreationTimestamp:", DESCRIBE_TIME.format(csr.created)),
                List.of("Requesting User:", csr.username)));
        if (csr.signerName != null) {
            header.add(List.of("Signer:", csr.signerName));
        }
        if (csr.expirationSeconds != null) {
            header.add(List.of("Requested Duration:", humanDuration(Duration.ofSeconds(csr.expirationSeconds))));
        }
        header.add(List.of("Status:", condition));
        text.append(tabbed(header));
        text.append("Subject:\n");
        rows.add(List.of("         Common Name:", status.commonName()));
        rows.add(List.of("         Serial Number:", ""));
        rows.add(List.of("         Organization:", String.join(", ", status.organizations())));
        text.append(tabbed(rows));
        if (!status.dnsNames().isEmpty() || !status.ipAddresses().isEmpty()) {
            text.append("Subject Alternative Names:\n");
            List<List<String>> sans = new ArrayList<>();
            if (!status.dnsNames().isEmpty()) {
                sans.add(List.of("         DNS Names:", String.join(", ", status.dnsNames())));
            }
            if (!status.ipAddresses().isEmpty()) {
                sans.add(List.of("         IP Addresses:", String.join(", ", status.ipAddresses())));
            }
            text.append(tabbed(sans));
        }
        text.append("Events:  <none>\n");
        return text.toString();
    }

    private static String tabbed(List<List<String>> rows) {
        int width = rows.stream().mapToInt(r -> r.get(0).length()).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            text.append(String.format("%-" + width + "s%s", row.get(0), row.get(1))
                            .stripTrailing())
                    .append('\n');
        }
        return text.toString();
    }

    // ---- patch
    // -------------------------------------------------------------------------------------------------------

    private int patch(Session session, Args args, ToolOutput out) {
        List<String> w = args.words();
        if (w.size() != 3) {
            throw new OcError("error: resource(s) were provided, but no name, label selector, or --all flag specified");
        }
        String resource = canonical(w.get(1));
        if (!resource.endsWith(".operator.openshift.io")) {
            throw new OcError(
                    "error: this simulated oc patches only kubeapiserver, kubecontrollermanager and kubescheduler");
        }
        String plural = resource.substring(0, resource.indexOf('.'));
        String name = w.get(2);
        String patch = args.flag("p", "patch");
        if (patch == null) {
            throw new OcError("error: must specify -p to patch");
        }
        String type = Optional.ofNullable(args.flag("type")).orElse("strategic");
        requireAdmin(session, "patch", plural, "operator.openshift.io", name);
        if (!name.equals("cluster")) {
            throw new OcError("Error from server (NotFound): " + resource + " \"" + name + "\" not found");
        }
        JsonNode body;
        try {
            // kubectl patch converts the patch with yaml.ToJSON first (k8s.io/kubectl pkg/cmd/patch/patch.go).
            body = Kubeconfig.YAML.readTree(patch);
        } catch (JsonProcessingException e) {
            throw new OcError("error: unable to parse \"" + patch + "\": yaml: "
                    + e.getOriginalMessage().split("\n")[0]);
        }
        if (type.equals("strategic")) {
            // Custom resources have no strategic merge patch (k8s.io/apiserver handlers/patch.go).
            throw new OcError(
                    "Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted "
                            + "media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        if (!type.equals("merge")) {
            throw new OcError("error: this simulated oc supports --type=merge for operator resources");
        }
        if (body == null || !body.isObject()) {
            throw new OcError("Error from server (BadRequest): json: cannot unmarshal " + kind(body)
                    + " into Go value of type map[string]interface {}");
        }
        String kind = operatorJson(plural).path("kind").asText();
        JsonNode reason = body.path("spec").path("forceRedeploymentReason");
        if (!body.path("spec").isMissingNode() && !body.path("spec").isObject()) {
            throw invalid(kind, "spec", kind(body.path("spec")), "object");
        }
        if (reason.isMissingNode()) {
            out.outLine(resource.replace("s.operator", ".operator") + "/" + name + " patched (no change)");
            return 0;
        }
        if (!reason.isTextual()) {
            throw invalid(kind, "spec.forceRedeploymentReason", kind(reason), "string");
        }
        boolean changed = state.setForceRedeploymentReason(plural.substring(0, plural.length() - 1), reason.asText());
        out.outLine(resource.replace("s.operator", ".operator") + "/" + name + " patched"
                + (changed ? "" : " (no change)"));
        return 0;
    }

    /** CRD structural schema validation (k8s.io/kube-openapi pkg/validation/errors InvalidType, as the API server reports it). */
    private static OcError invalid(String kind, String field, String actual, String expected) {
        return new OcError("The " + kind + " \"cluster\" is invalid: " + field + ": Invalid value: \"" + actual + "\": "
                + field + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isArray()) {
            return "array";
        }
        return node.isObject() ? "object" : "string";
    }

    // ---- adm
    // ---------------------------------------------------------------------------------------------------------

    private int adm(Session session, Args args, ToolOutput out) {
        List<String> w = args.words();
        if (w.size() >= 3
                && w.get(1).equals("certificate")
                && (w.get(2).equals("approve") || w.get(2).equals("deny"))) {
            boolean approve = w.get(2).equals("approve");
            List<String> names = w.subList(3, w.size());
            if (names.isEmpty()) {
                throw new OcError("error: one or more CSRs must be specified as <name> or -f <filename>");
            }
            int exit = 0;
            for (String typedName : names) {
                // kubectl takes NAME or TYPE/NAME (what oc get csr -o name prints)
                String name = typedName.contains("/")
                                && canonical(typedName.substring(0, typedName.indexOf('/')))
                                        .equals("certificatesigningrequests")
                        ? typedName.substring(typedName.indexOf('/') + 1)
                        : typedName;
                // kubectl first GETs the CSR (the node-bootstrapper may), then PUTs the approval subresource.
                Optional<ClusterState.Csr> csr = state.csr(name);
                if (!session.admin() && (csr.isPresent() || !session.bootstrapper())) {
                    throw forbidden(
                            session, "update", "certificatesigningrequests/approval", "certificates.k8s.io", name);
                }
                if (csr.isEmpty()) {
                    out.errLine("Error from server (NotFound): certificatesigningrequests.certificates.k8s.io \"" + name
                            + "\" not found");
                    exit = 1;
                    continue;
                }
                if (approve) {
                    state.approve(csr.get(), state.now());
                } else {
                    state.deny(csr.get());
                }
                out.outLine(
                        "certificatesigningrequest.certificates.k8s.io/" + name + (approve ? " approved" : " denied"));
            }
            return exit;
        }
        throw new OcError("error: this simulated oc knows 'adm release info' and 'adm certificate approve|deny'");
    }

    private int releaseInfo(ToolCall call, Args args, ToolOutput out) {
        List<String> w = args.words();
        if (w.size() != 4) {
            throw new OcError("error: info expects one release image (got " + (w.size() - 3) + ")");
        }
        String image = w.get(3);
        String registryConfig = args.flag("registry-config");
        if (registryConfig != null) {
            Path file = call.resolve(registryConfig);
            if (!Files.isRegularFile(file)) {
                throw new OcError("error: unable to load --registry-config: open " + registryConfig
                        + ": no such file or directory");
            }
            if (!call.privileged() && !HostFiles.isOthersReadable(file)) {
                throw new OcError(
                        "error: unable to load --registry-config: open " + registryConfig + ": permission denied");
            }
        }
        if (!image.equals(state.spec.releaseImage())) {
            throw new OcError("error: unable to read image " + image + ": manifest unknown: manifest unknown");
        }
        if (registryConfig == null) {
            throw new OcError("error: unable to read image " + image
                    + ": unauthorized: access to the requested resource is not " + "authorized");
        }
        String imageFor = args.flag("image-for");
        if (imageFor == null) {
            out.outLine("Name:      " + state.spec.releaseImage().replaceFirst("^.*:", ""));
            out.outLine("Digest:    sha256:" + state.hex(32));
            return 0;
        }
        if (!imageFor.equals("cluster-kube-apiserver-operator") && !imageFor.equals("hyperkube")) {
            throw new OcError("error: no image tag \"" + imageFor + "\" exists in the release image " + image);
        }
        out.outLine(
                imageFor.equals("cluster-kube-apiserver-operator")
                        ? state.operatorImage
                        : state.operatorImage.replaceFirst("@sha256:.*", "@sha256:" + "0".repeat(64)));
        return 0;
    }

    // ---- formatting -----------------------------------------------------------------------------------------------

    /** kubectl's table printer: columns padded to the widest cell plus 3 spaces (text/tabwriter, padding 3). */
    static String table(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** k8s.io/apimachinery pkg/util/duration HumanDuration, as the AGE column shows it. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return hours / 24 / 365 + "y" + (hours / 24) % 365 + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
