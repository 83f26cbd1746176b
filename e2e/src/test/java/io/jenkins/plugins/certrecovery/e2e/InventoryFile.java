package io.jenkins.plugins.certrecovery.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.certrecovery.cluster.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory YAML an operator would write for the OpenSSH cluster: real paths (no {@code pathPrefix}), the operator's key and
 * the known_hosts built from the generated host keys. Kept as a map so hostile variants can change one value; written by a YAML
 * library, so every value is quoted as YAML needs.
 */
final class InventoryFile {
    private InventoryFile() {}

    /** The inventory of every host of the cluster, an OpenShift {@code ocpVersion} (4.N) cluster, logging in as {@code user}. */
    static Map<String, Object> of(OpenSshCluster cluster, String ocpVersion, String releaseImage, String user) {
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("user", user);
        ssh.put("port", cluster.port());
        ssh.put("identityFile", cluster.operatorKey().toString());
        ssh.put("knownHosts", cluster.knownHosts().toString());
        List<Map<String, Object>> masters = new ArrayList<>();
        List<Map<String, Object>> workers = new ArrayList<>();
        for (NamespacedSshd host : cluster.hosts()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", host.spec().name());
            node.put("host", host.spec().address());
            (host.spec().role() == NodeRole.MASTER ? masters : workers).add(node);
        }
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("ocpVersion", ocpVersion);
        inventory.put("releaseImage", releaseImage);
        inventory.put("ssh", ssh);
        inventory.put("masters", masters);
        inventory.put("workers", workers);
        return inventory;
    }

    static Path write(Map<String, Object> inventory, Path file) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), inventory);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the inventory " + file, e);
        }
    }
}
