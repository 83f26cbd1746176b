package io.jenkins.plugins.certrecovery.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * Faults of {@code oc} itself, injected by a wrapper in front of the sandbox's oc on one host (the sandbox's client moves to
 * {@code oc.sandbox}): switched by flag files in the tools dir, which the host sees at /usr/local/bin.
 * <ul>
 *   <li>malformed JSON: every {@code -o json} call prints a truncated document and exits 0, as a broken oc or proxy would;</li>
 *   <li>garbage CSR: {@code oc get csr -o json} lists one more pending CSR, from the node-bootstrapper for a real node, whose
 *       request is not a PEM certificate request.</li>
 * </ul>
 */
final class OcFaults {
    static final String GARBAGE_CSR_NAME = "csr-e2egarbage";
    private static final String MALFORMED_FLAG = ".e2e-fault-malformed-json";
    private static final String GARBAGE_FLAG = ".e2e-fault-garbage-csr";

    private final Path toolsDir;

    private OcFaults(Path toolsDir) {
        this.toolsDir = toolsDir;
    }

    /** Puts the wrapper in front of the sandbox's oc in a host's tools dir (before its sshd starts or while it runs). */
    static OcFaults install(Path toolsDir, String node) {
        try {
            Path oc = toolsDir.resolve("oc");
            Files.move(oc, toolsDir.resolve("oc.sandbox"));
            Files.writeString(oc, wrapper(node), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(oc, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new OcFaults(toolsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the oc fault wrapper in " + toolsDir, e);
        }
    }

    void malformedJson(boolean on) {
        flag(MALFORMED_FLAG, on);
    }

    void garbageCsr(boolean on) {
        flag(GARBAGE_FLAG, on);
    }

    private void flag(String name, boolean on) {
        try {
            if (on) {
                Files.writeString(toolsDir.resolve(name), "on\n");
            } else {
                Files.deleteIfExists(toolsDir.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bootstrapper client CSR for {@code node} whose request decodes to text that is no PKCS#10 request at all. */
    static String garbageCsrJson(String node) {
        String request = Base64.getEncoder()
                .encodeToString(("-----BEGIN CERTIFICATE REQUEST-----\nnot a request for " + node
                                + " $(touch /tmp/ocpcr-e2e-canary)\n-----END CERTIFICATE REQUEST-----\n")
                        .getBytes(StandardCharsets.UTF_8));
        return "{\"apiVersion\": \"certificates.k8s.io/v1beta1\", \"kind\": \"CertificateSigningRequest\", \"metadata\": {"
                + "\"creationTimestamp\": \"2026-01-01T00:00:00Z\", \"name\": \"" + GARBAGE_CSR_NAME
                + "\"}, \"spec\": {"
                + "\"groups\": [\"system:serviceaccounts:openshift-machine-config-operator\", \"system:serviceaccounts\","
                + " \"system:authenticated\"], \"request\": \"" + request + "\", \"usages\": [\"digital signature\","
                + " \"key encipherment\", \"client auth\"], \"username\":"
                + " \"system:serviceaccount:openshift-machine-config-operator:node-bootstrapper\"}, \"status\": {}}";
    }

    private static String wrapper(String node) {
        String garbage = garbageCsrJson(node).replace("/", "\\/");
        return """
                #!/bin/bash
                # e2e fault wrapper in front of the sandbox's oc (see OcFaults)
                here=$(dirname "$0")
                json= csr= named= prev=
                for a in "$@"; do
                  case $a in
                    -ojson|--output=json) json=1 ;;
                    json) case $prev in -o|--output) json=1 ;; esac ;;
                    csr|csrs|certificatesigningrequests) csr=1 ;;
                    csr-*) named=1 ;;
                  esac
                  prev=$a
                done
                if [ -n "$json" ] && [ -e "$here/%s" ]; then
                  "$here/oc.sandbox" "$@" | head -c 120
                  echo
                  exit 0
                fi
                if [ -n "$json" ] && [ -n "$csr" ] && [ -z "$named" ] && [ -e "$here/%s" ]; then
                  "$here/oc.sandbox" "$@" | sed -e 's/"items": \\[ \\]/"items": [ %s ]/' -e t -e 's/"items": \\[$/"items": [ %s,/'
                  exit "${PIPESTATUS[0]}"
                fi
                exec "$here/oc.sandbox" "$@"
                """.formatted(MALFORMED_FLAG, GARBAGE_FLAG, garbage, garbage);
    }
}
