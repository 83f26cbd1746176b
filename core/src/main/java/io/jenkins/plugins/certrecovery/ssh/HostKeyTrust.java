package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which host keys are trusted: known_hosts content (plain, hashed and {@code [host]:port} entries) and/or {@code SHA256:}
 * fingerprints pinned per node name (the jump host under the key {@code jumpHost}). Accepting any key is a separate, explicitly insecure
 * mode that warns at every connect.
 */
public final class HostKeyTrust {
    private final HostKeyRepository knownHosts;
    private final Map<String, String> pinned;
    private final boolean acceptAny;

    private HostKeyTrust(HostKeyRepository knownHosts, Map<String, String> pinned, boolean acceptAny) {
        this.knownHosts = knownHosts;
        this.pinned = pinned;
        this.acceptAny = acceptAny;
    }

    /**
     * Trust what known_hosts content and pinned fingerprints say.
     *
     * @param knownHostsText known_hosts content, or null
     * @param fingerprints   {@code SHA256:} fingerprints by node name ({@code jumpHost} for the bastion), possibly empty
     * @throws IllegalArgumentException when neither holds a single key or a fingerprint is malformed
     */
    public static HostKeyTrust verified(String knownHostsText, Map<String, String> fingerprints) {
        Map<String, String> pins = new LinkedHashMap<>();
        (fingerprints == null ? Map.<String, String>of() : fingerprints)
                .forEach((node, fingerprint) -> pins.put(node, KeyFingerprint.normalise(fingerprint)));
        HostKeyRepository repository = null;
        if (knownHostsText != null) {
            JSch parser = new JSch();
            try {
                parser.setKnownHosts(new ByteArrayInputStream(knownHostsText.getBytes(StandardCharsets.UTF_8)));
            } catch (JSchException e) {
                throw new IllegalArgumentException("known_hosts content cannot be read: " + e.getMessage());
            }
            repository = parser.getHostKeyRepository();
            if (repository.getHostKey().length == 0 && pins.isEmpty()) {
                throw new IllegalArgumentException("known_hosts is empty (no host key line in it): add each host's key "
                        + "(ssh-keyscan -p PORT HOST, after comparing its fingerprint with the host's console) or pin "
                        + "SHA256 fingerprints per node in hostKeyFingerprints");
            }
        }
        if (repository == null && pins.isEmpty()) {
            throw new IllegalArgumentException(
                    "no host key trust configured: give known_hosts (knownHosts or knownHostsText) or "
                            + "hostKeyFingerprints per node; accepting any host key needs the explicit insecureAcceptAnyHostKey option");
        }
        return new HostKeyTrust(repository, Map.copyOf(pins), false);
    }

    /** Accepts every host key, warning at every connect. Only for throw-away test clusters. */
    public static HostKeyTrust insecureAcceptAny() {
        return new HostKeyTrust(null, Map.of(), true);
    }

    /** A repository for one connection; it remembers what it refused so the failure can say why. */
    Verifier verifierFor(String node, String address, OutputSink sink) {
        return new Verifier(node, address, sink);
    }

    final class Verifier implements HostKeyRepository {
        private final String node;
        private final String address;
        private final OutputSink sink;
        private volatile String refusal;

        private Verifier(String node, String address, OutputSink sink) {
            this.node = node;
            this.address = address;
            this.sink = sink;
        }

        /** Why the host key was refused, or null when it was not. */
        String refusal() {
            return refusal;
        }

        @Override
        public int check(String host, byte[] key) {
            KeyFingerprint offered = KeyFingerprint.of(key);
            String where = node + " (" + address + ")";
            if (acceptAny) {
                sink.warning(
                        node,
                        "INSECURE: host key of " + where + " accepted without verification (insecureAcceptAnyHostKey); "
                                + "it offered " + offered + ". Pin it with hostKeyFingerprints: {" + node + ": "
                                + offered.sha256() + "}");
                return OK;
            }
            String pin = pinned.getOrDefault(node, pinned.get(host));
            if (pin != null) {
                if (pin.equals(offered.sha256())) {
                    return OK;
                }
                refusal = "host key of " + where + " does not match its pinned fingerprint " + pin
                        + ": the host offered " + offered
                        + ". This may be a man-in-the-middle; if the host's key really changed, verify "
                        + offered.sha256()
                        + " on the host's console (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and update hostKeyFingerprints";
                return CHANGED;
            }
            int known = knownHosts == null ? NOT_INCLUDED : knownHosts.check(host, key);
            if (known == OK) {
                return OK;
            }
            if (known == CHANGED) {
                refusal = "host key of " + where + " has changed: the host offered " + offered
                        + " but known_hosts holds a different "
                        + offered.keyType() + " key for " + host
                        + ". This may be a man-in-the-middle; if the host was reinstalled, verify "
                        + offered.sha256() + " on its console and replace its known_hosts entry";
            } else {
                refusal = "host key of " + where + " is unknown: the host offered " + offered
                        + ", which is not in known_hosts"
                        + (pinned.isEmpty() ? "" : " nor pinned") + ". If " + offered.sha256()
                        + " matches ssh-keygen -lf "
                        + "/etc/ssh/ssh_host_*_key.pub on the host's console, add the host's key to known_hosts (as "
                        + host
                        + ") or pin it with hostKeyFingerprints: {" + node + ": " + offered.sha256() + "}";
            }
            return known;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // Trust comes only from the configuration: keys are never learned.
        }

        @Override
        public void remove(String host, String type) {
            // Read-only: the configuration is the only source of trust.
        }

        @Override
        public void remove(String host, String type, byte[] key) {
            // Read-only: the configuration is the only source of trust.
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "configured host keys";
        }

        @Override
        public HostKey[] getHostKey() {
            return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey();
        }

        // JSch asks which key types it knows for a host so that it negotiates a host key it can verify.
        @Override
        public HostKey[] getHostKey(String host, String type) {
            return knownHosts == null ? new HostKey[0] : knownHosts.getHostKey(host, type);
        }
    }
}
