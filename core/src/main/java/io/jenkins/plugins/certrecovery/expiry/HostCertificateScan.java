package io.jenkins.plugins.certrecovery.expiry;

import io.jenkins.plugins.certrecovery.cluster.ClusterNode;
import io.jenkins.plugins.certrecovery.cluster.HostLayout;
import io.jenkins.plugins.certrecovery.cluster.OcpVersion;
import io.jenkins.plugins.certrecovery.ssh.CommandResult;
import io.jenkins.plugins.certrecovery.ssh.RemoteCommand;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every certificate of one host in a single SSH command: a fixed POSIX sh script ({@code cert-scan.sh}) that gets every path
 * as its own quoted argument and prints only certificate PEM blocks and the certificate fields of kubeconfigs, each behind a record
 * line that starts with a per-scan random marker. Parsing and classification happen here, in the runner (no openssl on the host).
 * <p>Which paths: the certificate directories of the static pods and the current kube-apiserver revision on masters; the kubelet's
 * {@code pki/}, CA and kubeconfigs on every node (openshift-recovery-facts.md, "Where certificates live"); and the user's paths.
 */
public final class HostCertificateScan {
    static final String SCRIPT = ClasspathText.read(HostCertificateScan.class, "cert-scan.sh");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ClusterNode node;
    private final HostLayout layout;
    private final List<ScanTarget> targets;

    /**
     * @param userPaths absolute paths, directories or globs as seen on the host; they are read on every node
     */
    public HostCertificateScan(ClusterNode node, HostLayout layout, OcpVersion version, List<String> userPaths) {
        this.node = node;
        this.layout = layout;
        this.targets = targets(node, layout, version, userPaths);
    }

    private static List<ScanTarget> targets(ClusterNode node, HostLayout layout, OcpVersion version, List<String> userPaths) {
        List<ScanTarget> targets = new ArrayList<>();
        if (node.isMaster()) {
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR, layout.kubeApiserverCertsDir()));
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR, layout.kubeControllerManagerCertsDir()));
            // The scheduler's cert-dir appears in later kube-scheduler pod templates; openshift-recovery-facts.md does not list it
            // for 4.1-4.3, so its absence is not reported (its certificates are in the revision directories there).
            targets.add(ScanTarget.of(ScanTarget.Kind.CERT_DIR_IF_PRESENT, layout.kubeSchedulerCertsDir()));
            targets.add(new ScanTarget(ScanTarget.Kind.APISERVER_REVISION, layout.kubeApiserverManifest(),
                    layout.staticPodResourcesDir()));
            if (version.hasNodeKubeconfigs()) {
                targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG_DIR, layout.nodeKubeconfigsDir()));
            }
        }
        targets.add(ScanTarget.of(ScanTarget.Kind.FILE, layout.kubeletCa()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG, layout.bootstrapKubeconfig()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBECONFIG, layout.kubeletKubeconfig()));
        targets.add(ScanTarget.of(ScanTarget.Kind.KUBELET_PKI_DIR, layout.kubeletPkiDir()));
        for (String userPath : userPaths) {
            if (!userPath.startsWith("/")) {
                throw new IllegalArgumentException("extra certificate path '" + userPath
                        + "' is not absolute: give the full path on the host, e.g. /etc/pki/custom/*.crt");
            }
            targets.add(ScanTarget.of(ScanTarget.Kind.USER_PATH, layout.prefix() + userPath));
        }
        return List.copyOf(targets);
    }

    public ClusterNode node() {
        return node;
    }

    public List<ScanTarget> targets() {
        return targets;
    }

    /** The one command that reads everything; {@code marker} must not occur in any file (use a random one per scan). */
    public RemoteCommand command(String marker) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "sh", marker, layout.prefix()));
        targets.forEach(target -> argv.add(target.argument()));
        return new RemoteCommand(argv, Map.of(), null, true, TIMEOUT);
    }

    /** The rows of the command's output: one per certificate, one per path that could not be read. */
    public List<ExpiryRow> rows(CommandResult result, String marker, ExpiryThresholds thresholds, Instant now, SecretMasker masker) {
        return new OutputReader(marker, thresholds, now, masker).read(result);
    }

    /** Turns the script's records into rows; one instance per command output. */
    private final class OutputReader {
        private final String prefix;
        private final ExpiryThresholds thresholds;
        private final Instant now;
        private final SecretMasker masker;
        private final List<ExpiryRow> rows = new ArrayList<>();
        /** Kubeconfig fields naming a file, by the name as written, waiting for the REF record that carries the file. */
        private final Map<String, Deque<String>> namedFileFields = new HashMap<>();
        private String referringField;

        OutputReader(String marker, ExpiryThresholds thresholds, Instant now, SecretMasker masker) {
            this.prefix = marker + " ";
            this.thresholds = thresholds;
            this.now = now;
            this.masker = masker;
        }

        List<ExpiryRow> read(CommandResult result) {
            String[] lines = result.stdout().split("\n", -1);
            int i = 0;
            while (i < lines.length) {
                String line = lines[i++];
                if (!line.startsWith(prefix)) {
                    continue;
                }
                String record = line.substring(prefix.length());
                int space = record.indexOf(' ');
                String word = space < 0 ? record : record.substring(0, space);
                String argument = space < 0 ? "" : record.substring(space + 1);
                if (word.equals("FILE") || word.equals("KUBECONFIG")) {
                    StringBuilder content = new StringBuilder();
                    while (i < lines.length && !lines[i].equals(prefix + "END")) {
                        content.append(lines[i++]).append('\n');
                    }
                    if (i == lines.length) {
                        pathError(argument, ErrorKind.SCAN_FAILED, "the scan output ended inside this file: the command was cut off ("
                                + (result.exitCode() == 0 ? "output incomplete" : "exit status " + result.exitCode()) + ")");
                        break;
                    }
                    i++;
                    if (word.equals("FILE")) {
                        certificates(argument, content.toString());
                    } else {
                        kubeconfig(argument, content.toString());
                    }
                } else {
                    problem(word, argument);
                }
            }
            if (!result.succeeded() || !result.stderr().isBlank()) {
                rows.add(ExpiryRow.error(node.name(), SourceKind.HOST, "certificate scan", ErrorKind.SCAN_FAILED,
                        masker.mask("the scan command exited with status " + result.exitCode()
                                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()))));
            }
            return rows;
        }

        private void certificates(String path, String pem) {
            SourceKind kind = referringField == null ? SourceKind.FILE : SourceKind.KUBECONFIG;
            String source = source(path);
            List<PemCertificates.Decoded> decoded = PemCertificates.decode(pem);
            if (decoded.isEmpty()) {
                rows.add(ExpiryRow.error(node.name(), kind, source, ErrorKind.UNPARSEABLE,
                        "the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)"));
            }
            addDecoded(kind, source, decoded);
        }

        private void addDecoded(SourceKind kind, String source, List<PemCertificates.Decoded> decoded) {
            for (int n = 0; n < decoded.size(); n++) {
                String where = decoded.size() == 1 ? source : source + " [" + (n + 1) + "/" + decoded.size() + "]";
                PemCertificates.Decoded one = decoded.get(n);
                rows.add(one.ok()
                        ? ExpiryRow.certificate(node.name(), kind, where, one.certificate(), thresholds, now)
                        : ExpiryRow.error(node.name(), kind, where, ErrorKind.UNPARSEABLE, one.problem()));
            }
        }

        private void kubeconfig(String path, String filtered) {
            referringField = null;
            String shown = layout.unprefixed(path);
            List<KubeconfigCertificateFields.Field> fields;
            try {
                fields = KubeconfigCertificateFields.read(filtered);
            } catch (IllegalArgumentException e) {
                rows.add(ExpiryRow.error(node.name(), SourceKind.KUBECONFIG, shown, ErrorKind.UNPARSEABLE, e.getMessage()));
                return;
            }
            if (fields.isEmpty()) {
                rows.add(ExpiryRow.error(node.name(), SourceKind.KUBECONFIG, shown, ErrorKind.UNPARSEABLE,
                        "no certificate-authority or client-certificate field (only YAML block-style kubeconfigs are read)"));
            }
            namedFileFields.clear();
            for (KubeconfigCertificateFields.Field field : fields) {
                String source = shown + " " + field.label();
                if (field.embedded() != null) {
                    embedded(source, field.embedded());
                } else {
                    namedFileFields.computeIfAbsent(field.namedFile(), name -> new ArrayDeque<>()).add(source);
                }
            }
        }

        private void embedded(String source, String base64) {
            String pem;
            try {
                pem = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                rows.add(ExpiryRow.error(node.name(), SourceKind.KUBECONFIG, source, ErrorKind.UNPARSEABLE,
                        "the field is not valid base64"));
                return;
            }
            List<PemCertificates.Decoded> decoded = PemCertificates.decode(pem);
            if (decoded.isEmpty()) {
                rows.add(ExpiryRow.error(node.name(), SourceKind.KUBECONFIG, source, ErrorKind.UNPARSEABLE,
                        "the field holds no PEM certificate"));
            }
            addDecoded(SourceKind.KUBECONFIG, source, decoded);
        }

        /** The source of a file row: the path, or the kubeconfig field that named it and the path it resolved to. */
        private String source(String path) {
            String shown = layout.unprefixed(path);
            String field = referringField;
            referringField = null;
            return field == null ? shown : field + " -> " + shown;
        }

        private void problem(String word, String argument) {
            switch (word) {
                case "REF" -> {
                    Deque<String> waiting = namedFileFields.get(argument);
                    referringField = waiting == null || waiting.isEmpty() ? "kubeconfig field" : waiting.poll();
                }
                case "MISSING" -> pathError(argument, ErrorKind.MISSING, "expected path is missing");
                case "DANGLING" -> pathError(argument, ErrorKind.MISSING, "the symbolic link points to a missing file");
                case "NOMATCH" -> pathError(argument, ErrorKind.MISSING,
                        "no file matches this extra path: correct it or remove it from the check");
                case "DENIED" -> pathError(argument, ErrorKind.PERMISSION_DENIED,
                        "permission denied: the login user cannot read it (is passwordless sudo set up for it?)");
                case "NOTFILE" -> pathError(argument, ErrorKind.UNPARSEABLE, "expected a regular file, found a directory or special file");
                case "NOTDIR" -> pathError(argument, ErrorKind.UNPARSEABLE, "expected a directory, found a file");
                case "NOREVISION" -> pathError(argument, ErrorKind.UNPARSEABLE,
                        "the kube-apiserver manifest names no kube-apiserver-pod-N revision directory");
                case "DIRERR" -> {
                    int space = argument.indexOf(' ');
                    String dir = space < 0 ? argument : argument.substring(0, space);
                    // find's message names the unreadable entry with the prefix; show it as the host sees it.
                    String message = space < 0 ? "" : argument.substring(space + 1);
                    pathError(dir, message.contains("ermission denied") ? ErrorKind.PERMISSION_DENIED : ErrorKind.SCAN_FAILED,
                            "could not list everything below it: "
                                    + (layout.prefix().isEmpty() ? message : message.replace(layout.prefix() + "/", "/")));
                }
                default -> rows.add(ExpiryRow.error(node.name(), SourceKind.HOST, "certificate scan", ErrorKind.SCAN_FAILED,
                        masker.mask("unexpected scan record " + word + " " + argument)));
            }
        }

        private void pathError(String path, ErrorKind kind, String message) {
            SourceKind sourceKind = referringField == null ? SourceKind.FILE : SourceKind.KUBECONFIG;
            rows.add(ExpiryRow.error(node.name(), sourceKind, source(path), kind, masker.mask(message)));
        }
    }
}
