package io.jenkins.plugins.certrecovery.cluster;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates an inventory. Both spellings take one path: a YAML file (CLI, or a workspace file in Jenkins) is parsed
 * into a map, and a map (a Groovy map from a pipeline, or that parsed YAML) is validated into an {@link Inventory}. Every problem
 * is collected and reported at once in an {@link InventoryException}; unknown keys are problems too.
 * <p>Longer than 300 lines on purpose: it is the one place that knows the inventory format, a short method per field, and splitting
 * it would spread the rules of one file format over several classes.
 */
public final class InventoryLoader {
    /** Who reads the inventory: decides whether {@code ssh.identityFile} (CLI) or {@code ssh.credentialsId} (Jenkins) is allowed. */
    public enum Caller {
        CLI,
        JENKINS
    }

    private static final Set<String> TOP_KEYS =
            Set.of("name", "ocpVersion", "releaseImage", "ssh", "masters", "workers", "adminKubeconfig");
    private static final Set<String> SSH_KEYS = Set.of(
            "user",
            "port",
            "identityFile",
            "credentialsId",
            "knownHosts",
            "knownHostsText",
            "hostKeyFingerprints",
            "jumpHost",
            "insecureAcceptAnyHostKey");
    private static final Set<String> NODE_KEYS = Set.of("name", "host", "port", "pathPrefix");

    // Image references as containers/image reference/regexp.go reads them: [registry[:port]/]path[:tag][@digest]. A
    // release image
    // is always pinned, so a tag or a digest is required here.
    private static final Pattern IMAGE_REFERENCE =
            Pattern.compile("(?:(?<registry>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]{1,5})?)/)?"
                    + "(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
                    + "(?:@(?<digest>sha256:[a-f0-9]{64}))?");
    // The form ssh-keygen -l and OpenSSH print: SHA256 and 43 characters of unpadded base64.
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    // POSIX portable user names (as useradd accepts them).
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    // A cluster name goes into metric labels, Pushgateway URL paths and file names: only characters that need no
    // escaping there.
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final Caller caller;
    private final Path home;

    /**
     * @param caller who reads the inventory
     * @param home   the directory {@code ~} in file paths stands for
     */
    public InventoryLoader(Caller caller, Path home) {
        this.caller = caller;
        this.home = home;
    }

    /** A loader for the CLI, {@code ~} being this user's home. */
    public static InventoryLoader forCli() {
        return new InventoryLoader(Caller.CLI, Path.of(System.getProperty("user.home")));
    }

    /** A loader for the Jenkins steps, {@code ~} being the home of the user running this JVM (on the agent, the agent's). */
    public static InventoryLoader forJenkins() {
        return new InventoryLoader(Caller.JENKINS, Path.of(System.getProperty("user.home")));
    }

    /** Reads and validates a YAML inventory file ({@code ~} expanded). */
    public Inventory load(String file) {
        Path path = expandHome(file);
        String yaml;
        try {
            yaml = Files.readString(path);
        } catch (IOException e) {
            throw new InventoryException(
                    file,
                    List.of(new InventoryProblem(
                            "(file)", "cannot be read: " + e, "check the path and that this user may read it")));
        }
        return fromMap(parseYaml(yaml, path.toString()), path);
    }

    /**
     * Validates a YAML inventory given as text; {@code source} names it in messages. Without a {@code name} key the cluster is
     * named after its first master, as for a map without a file.
     */
    public Inventory fromYaml(String yaml, String source) {
        return fromMap(parseYaml(yaml, source), source);
    }

    /**
     * Parses YAML into the map spelling, without validating its content. Unquoted decimals are kept as written
     * ({@code ocpVersion: 4.10} stays 4.10, not 4.1); duplicate keys are refused.
     */
    public static Map<String, Object> parseYaml(String yaml, String source) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Object parsed = null;
        try {
            // Jackson refuses a document without content; for the user that is an empty inventory, reported as such
            // below.
            boolean onlyComments =
                    yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"));
            if (!onlyComments) {
                parsed = mapper.readValue(yaml, Object.class);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "(yaml)" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InventoryException(
                    source,
                    List.of(new InventoryProblem(
                            where,
                            "is not valid YAML: " + e.getOriginalMessage(),
                            "fix the YAML syntax (docs/inventory.md has a complete example)")));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InventoryException(
                    source,
                    List.of(
                            new InventoryProblem(
                                    "(top level)",
                                    parsed == null
                                            ? "the inventory is empty"
                                            : "is " + describe(parsed) + ", not a mapping of keys",
                                    "start from the example in docs/inventory.md (name, ocpVersion, releaseImage, ssh, masters, workers)")));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    /**
     * Validates the map spelling (keys as in the YAML file; Groovy strings, numbers and lists are accepted as such) of an
     * inventory that has no file, such as the Jenkins steps' {@code cluster:} argument: without a {@code name} key the cluster is
     * named after its first master.
     */
    public Inventory fromMap(Map<?, ?> map, String source) {
        return fromMap(map, source, null);
    }

    /**
     * Validates the map read from the inventory file {@code file} (parsed with {@link #parseYaml}): without a {@code name} key
     * the cluster is named after the file, without its extension ({@code prod-east.yaml} is {@code prod-east}).
     */
    public Inventory fromMap(Map<?, ?> map, Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return fromMap(map, file.toString(), dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    private Inventory fromMap(Map<?, ?> map, String source, String fileName) {
        Problems problems = new Problems();
        unknownKeys(map, TOP_KEYS, "", problems);
        OcpVersion version = version(map.get("ocpVersion"), problems);
        String releaseImage = releaseImage(map.get("releaseImage"), version, problems);
        List<ClusterNode> masters = nodes(map.get("masters"), "masters", NodeRole.MASTER, problems);
        List<ClusterNode> workers = nodes(map.get("workers"), "workers", NodeRole.WORKER, problems);
        uniqueNames(masters, workers, problems);
        List<String> nodeNames = new ArrayList<>();
        masters.forEach(n -> nodeNames.add(n.name()));
        workers.forEach(n -> nodeNames.add(n.name()));
        SshSettings ssh = ssh(map.get("ssh"), nodeNames, problems);
        String name = clusterName(map.get("name"), fileName, masters, problems);
        String adminKubeconfig = adminKubeconfig(map.get("adminKubeconfig"), problems);
        if (!problems.list.isEmpty()) {
            throw new InventoryException(source, problems.list);
        }
        return new Inventory(name, version, releaseImage, ssh, masters, workers, adminKubeconfig);
    }

    /** An absolute path on the first master, or null when the key is absent. */
    private static String adminKubeconfig(Object value, Problems problems) {
        if (value == null) {
            return null;
        }
        String path = text(value, "adminKubeconfig", problems);
        if (path != null && (!path.startsWith("/") || path.contains("\n"))) {
            problems.add(
                    "adminKubeconfig",
                    "'" + path + "' is not an absolute path",
                    "give the absolute path on the first master of an admin kubeconfig, e.g. adminKubeconfig: /root/kubeconfig "
                            + "(the installer's auth/kubeconfig copied there)");
            return null;
        }
        return path;
    }

    private static final class Problems {
        final List<InventoryProblem> list = new ArrayList<>();

        void add(String path, String reason, String fix) {
            list.add(new InventoryProblem(path, reason, fix));
        }
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix, Problems problems) {
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!known.contains(name)) {
                problems.add(
                        prefix + name,
                        "is not a known key",
                        "remove it or correct its spelling; allowed here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static String clusterName(Object value, String fileName, List<ClusterNode> masters, Problems problems) {
        String fix =
                "give the cluster a name of letters, digits, '.', '_' and '-' (at most 253, starting with a letter or "
                        + "digit), unique in the fleet, e.g. name: prod-east";
        if (value != null) {
            String name = text(value, "name", problems);
            if (name != null && !CLUSTER_NAME.matcher(name).matches()) {
                problems.add("name", "'" + name + "' is not a cluster name", fix);
            }
            return name;
        }
        if (fileName != null) {
            if (!CLUSTER_NAME.matcher(fileName).matches()) {
                problems.add(
                        "name",
                        "is missing and the file name '" + fileName + "' is not a cluster name to default to",
                        fix);
            }
            return fileName;
        }
        // Node names are validated Kubernetes names, always valid cluster names; no master is a problem reported
        // already.
        return masters.isEmpty() ? null : masters.get(0).name();
    }

    private static OcpVersion version(Object value, Problems problems) {
        String text = value instanceof BigDecimal decimal
                ? decimal.toPlainString()
                : value instanceof Number || value instanceof CharSequence ? value.toString() : null;
        if (value == null) {
            problems.add("ocpVersion", "is missing", "add the cluster's version, e.g. ocpVersion: \"4.3\"");
        } else if (text == null) {
            problems.add(
                    "ocpVersion",
                    "is " + describe(value) + ", not a version",
                    "write it as text, e.g. ocpVersion: \"4.3\"");
        } else {
            try {
                return OcpVersion.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(
                        "ocpVersion",
                        e.getMessage(),
                        "write the cluster's major.minor version, e.g. \"4.3\" ("
                                + "`oc get clusterversion` shows it)");
            }
        }
        return null;
    }

    private static String releaseImage(Object value, OcpVersion version, Problems problems) {
        String fix =
                "give the cluster's own release image, e.g. quay.io/openshift-release-dev/ocp-release:4.3.0-x86_64 "
                        + "(`oc get clusterversion -o jsonpath='{.status.desired.image}'` shows it)";
        if (value == null) {
            if (version != null && version.hasRecoveryApiserver()) {
                problems.add(
                        "releaseImage",
                        "is missing; OpenShift " + version + " recovers with the operator image of this " + "release",
                        fix);
            }
            return null;
        }
        String image = text(value, "releaseImage", problems);
        if (image == null) {
            return null;
        }
        var matcher = IMAGE_REFERENCE.matcher(image);
        if (!matcher.matches() || image.length() > 512) {
            problems.add(
                    "releaseImage",
                    "'" + image + "' is not an image reference ([registry/]path:tag or path@sha256:digest)",
                    fix);
        } else if (matcher.group("tag") == null && matcher.group("digest") == null) {
            problems.add(
                    "releaseImage",
                    "'" + image + "' has neither a tag nor a digest; a release image is always pinned",
                    fix);
        }
        return image;
    }

    private static List<ClusterNode> nodes(Object value, String key, NodeRole role, Problems problems) {
        List<ClusterNode> nodes = new ArrayList<>();
        if (value == null) {
            if (role == NodeRole.MASTER) {
                problems.add(
                        key,
                        "is missing",
                        "list the control-plane nodes, e.g. masters: [{name: master-0, host: 10.0.0.10}]");
            }
            return nodes;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(key, "is " + describe(value) + ", not a list", "write a list of {name, host} entries");
            return nodes;
        }
        if (list.isEmpty() && role == NodeRole.MASTER) {
            problems.add(key, "is empty", "list at least one master (name and host)");
        }
        for (int i = 0; i < list.size(); i++) {
            String path = key + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> entry)) {
                problems.add(
                        path,
                        "is " + describe(list.get(i)) + ", not a mapping",
                        "write {name: <node name>, host: <address>}");
                continue;
            }
            unknownKeys(entry, NODE_KEYS, path + ".", problems);
            String name =
                    required(entry.get("name"), path + ".name", "the node name as `oc get nodes` shows it", problems);
            if (name != null) {
                NetworkNames.nodeNameProblem(name)
                        .ifPresent(
                                reason -> problems.add(
                                        path + ".name",
                                        reason,
                                        "use the Kubernetes node name exactly as `oc get nodes` shows it (lower case, digits, '-', '.')"));
            }
            String host =
                    required(entry.get("host"), path + ".host", "the DNS name or IP address SSH connects to", problems);
            if (host != null) {
                NetworkNames.hostProblem(host)
                        .ifPresent(reason -> problems.add(
                                path + ".host", reason, "give a DNS name or an IPv4/IPv6 address, nothing else"));
            }
            int port = port(entry.get("port"), path + ".port", problems);
            String pathPrefix = pathPrefix(entry.get("pathPrefix"), path + ".pathPrefix", problems);
            if (name != null && host != null) {
                nodes.add(new ClusterNode(name, host, port, pathPrefix, role));
            }
        }
        return nodes;
    }

    private static void uniqueNames(List<ClusterNode> masters, List<ClusterNode> workers, Problems problems) {
        Map<String, String> seen = new LinkedHashMap<>();
        List<ClusterNode> all = new ArrayList<>(masters);
        all.addAll(workers);
        int masterIndex = 0;
        int workerIndex = 0;
        for (ClusterNode node : all) {
            String path = node.isMaster() ? "masters[" + masterIndex++ + "]" : "workers[" + workerIndex++ + "]";
            String first = seen.putIfAbsent(node.name(), path);
            if (first != null) {
                problems.add(
                        path + ".name",
                        "'" + node.name() + "' is already the name of " + first,
                        "every node appears once; remove the duplicate or correct the name");
            }
        }
    }

    private SshSettings ssh(Object value, List<String> nodeNames, Problems problems) {
        if (value == null) {
            return new SshSettings(null, 0, null, null, null, null, null, false, null);
        }
        if (!(value instanceof Map<?, ?> ssh)) {
            problems.add("ssh", "is " + describe(value) + ", not a mapping", "write ssh: {user: core, port: 22, …}");
            return null;
        }
        unknownKeys(ssh, SSH_KEYS, "ssh.", problems);
        String user = optionalText(ssh.get("user"), "ssh.user", problems);
        if (user != null) {
            userProblem(user)
                    .ifPresent(
                            reason -> problems.add("ssh.user", reason, "give the login user, usually core on RHCOS"));
        }
        int port = port(ssh.get("port"), "ssh.port", problems);
        String identityFile = file(ssh.get("identityFile"), "ssh.identityFile", problems);
        if (identityFile != null && caller == Caller.JENKINS) {
            problems.add(
                    "ssh.identityFile",
                    "is for the command-line tool only",
                    "in Jenkins give credentialsId: the id of an 'SSH Username with private key' credential");
        }
        String credentialsId = optionalText(ssh.get("credentialsId"), "ssh.credentialsId", problems);
        if (credentialsId != null && caller == Caller.CLI) {
            problems.add(
                    "ssh.credentialsId",
                    "is for Jenkins only",
                    "on the command line give identityFile: the private key file");
        } else if (credentialsId != null
                && (credentialsId.isBlank() || credentialsId.chars().anyMatch(Character::isISOControl))) {
            problems.add(
                    "ssh.credentialsId",
                    "is blank or has control characters",
                    "give the credential's id as Jenkins shows it");
        }
        String knownHosts = file(ssh.get("knownHosts"), "ssh.knownHosts", problems);
        String knownHostsText = knownHostsText(ssh.get("knownHostsText"), problems);
        Map<String, String> fingerprints = fingerprints(ssh.get("hostKeyFingerprints"), nodeNames, problems);
        String jumpHost = optionalText(ssh.get("jumpHost"), "ssh.jumpHost", problems);
        if (jumpHost != null) {
            JumpHost.problem(jumpHost)
                    .ifPresent(reason -> problems.add(
                            "ssh.jumpHost", reason, "write it as user@host:port, e.g. core@bastion.example.com:22"));
        }
        boolean insecure = flag(ssh.get("insecureAcceptAnyHostKey"), "ssh.insecureAcceptAnyHostKey", problems);
        if (knownHosts != null && knownHostsText != null) {
            problems.add("ssh.knownHostsText", "is given together with ssh.knownHosts", "keep one of the two");
        }
        if (insecure && (knownHosts != null || knownHostsText != null || !fingerprints.isEmpty())) {
            problems.add(
                    "ssh.insecureAcceptAnyHostKey",
                    "is true while host keys are also given",
                    "remove insecureAcceptAnyHostKey: the given host keys are checked");
        }
        return new SshSettings(
                user, port, identityFile, knownHosts, knownHostsText, fingerprints, jumpHost, insecure, credentialsId);
    }

    /** A file path, {@code ~} expanded; on the CLI it must be a readable file at load time. */
    private String file(Object value, String path, Problems problems) {
        String text = optionalText(value, path, problems);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            problems.add(path, "is blank", "give a file path or remove the key");
            return null;
        }
        Path file = expandHome(text);
        if (caller == Caller.CLI && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            String reason = !Files.exists(file)
                    ? "does not exist"
                    : !Files.isRegularFile(file) ? "is not a regular file" : "cannot be read by this user";
            problems.add(path, "'" + file + "' " + reason, "give the path of an existing, readable file");
        }
        return file.toString();
    }

    /** {@code ~} and {@code ~/…} become the home directory; other paths are taken as they are. */
    public Path expandHome(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static String knownHostsText(Object value, Problems problems) {
        String text = optionalText(value, "ssh.knownHostsText", problems);
        if (text == null) {
            return null;
        }
        String[] lines = text.split("\\R");
        int entries = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            entries++;
            if (line.split("\\s+").length < 3) {
                problems.add(
                        "ssh.knownHostsText",
                        "line " + (i + 1) + " is not 'host key-type base64-key'",
                        "paste lines as ssh-keyscan or ~/.ssh/known_hosts show them");
            }
        }
        if (entries == 0) {
            problems.add(
                    "ssh.knownHostsText", "has no host key lines", "paste the output of ssh-keyscan for the nodes");
        }
        return text;
    }

    private static Map<String, String> fingerprints(Object value, List<String> nodeNames, Problems problems) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(
                    "ssh.hostKeyFingerprints",
                    "is " + describe(value) + ", not a mapping",
                    "write {master-0: \"SHA256:…\", …}");
            return result;
        }
        map.forEach((k, v) -> {
            String node = String.valueOf(k);
            String path = "ssh.hostKeyFingerprints." + node;
            if (!nodeNames.contains(node) && !node.equals(SshSettings.JUMP_HOST_KEY)) {
                problems.add(
                        path,
                        "'" + node + "' is not a node of masters or workers",
                        "use a node name from the inventory, or " + SshSettings.JUMP_HOST_KEY + " for the bastion");
            }
            String fingerprint = text(v, path, problems);
            if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
                problems.add(
                        path,
                        "'" + fingerprint + "' is not a SHA256 fingerprint",
                        "copy it from `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the node (SHA256:…, 43 characters)");
            }
            if (fingerprint != null) {
                result.put(node, fingerprint);
            }
        });
        return result;
    }

    /** Why {@code user} is not a login name, or empty. */
    static Optional<String> userProblem(String user) {
        return USER.matcher(user).matches()
                ? Optional.empty()
                : Optional.of("'" + user + "' is not a login name (letters, digits, '.', '_', '-', at most 32)");
    }

    /** The port as a number 1-65535, or 0 when {@code text} is not one. */
    static int portNumber(String text) {
        if (!DIGITS.matcher(text).matches()) {
            return 0;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : 0;
    }

    private static int port(Object value, String path, Problems problems) {
        if (value == null) {
            return 0;
        }
        String text = value instanceof Integer
                        || value instanceof Long
                        || value instanceof BigInteger
                        || value instanceof Short
                        || value instanceof CharSequence
                ? value.toString()
                : null;
        int port = text == null ? 0 : portNumber(text);
        if (port == 0) {
            problems.add(
                    path,
                    "'" + value + "' is not a port number",
                    "give a whole number from 1 to 65535, or leave it out");
        }
        return port;
    }

    private static boolean flag(Object value, String path, Problems problems) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence s
                && (s.toString().equals("true") || s.toString().equals("false"))) {
            return Boolean.parseBoolean(s.toString());
        }
        problems.add(path, "'" + value + "' is not true or false", "write true or false");
        return false;
    }

    private static String pathPrefix(Object value, String path, Problems problems) {
        String prefix = optionalText(value, path, problems);
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        boolean absolute = prefix.startsWith("/");
        boolean dotSegments = List.of(prefix.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals("."));
        boolean control = prefix.chars().anyMatch(Character::isISOControl);
        if (!absolute || dotSegments || control) {
            problems.add(
                    path,
                    "'" + prefix + "' is not an absolute path without '.', '..' or control characters",
                    "give an absolute directory (only the sandbox needs pathPrefix; real hosts leave it out)");
        }
        return prefix;
    }

    private static String required(Object value, String path, String what, Problems problems) {
        if (value == null) {
            problems.add(path, "is missing", "give " + what);
            return null;
        }
        return text(value, path, problems);
    }

    private static String optionalText(Object value, String path, Problems problems) {
        return value == null ? null : text(value, path, problems);
    }

    /** Text as given; Groovy strings (GString) and other character sequences are accepted as text. */
    private static String text(Object value, String path, Problems problems) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        problems.add(path, "is " + describe(value) + ", not text", "quote the value");
        return null;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        if (value instanceof Number) {
            return "the number " + (value instanceof BigDecimal d ? d.toPlainString() : value);
        }
        return "a " + (value == null ? "null" : value.getClass().getSimpleName());
    }
}
