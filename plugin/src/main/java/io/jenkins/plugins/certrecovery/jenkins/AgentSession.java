package io.jenkins.plugins.certrecovery.jenkins;

import hudson.AbortException;
import io.jenkins.plugins.certrecovery.cluster.Inventory;
import io.jenkins.plugins.certrecovery.cluster.InventoryLoader;
import io.jenkins.plugins.certrecovery.ssh.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step's view of the cluster, on the agent: the validated inventory, the masked build log, the workspace and the options.
 */
public final class AgentSession implements AutoCloseable {
    private final ClusterRequest request;
    private final Inventory inventory;
    private final BuildLog log;
    private final Path workspace;

    private AgentSession(ClusterRequest request, Inventory inventory, BuildLog log, Path workspace) {
        this.request = request;
        this.inventory = inventory;
        this.log = log;
        this.workspace = workspace;
    }

    static AgentSession open(ClusterRequest request, BuildLog log) throws IOException {
        Path workspace = Path.of(request.workspace());
        InventoryLoader loader = InventoryLoader.forJenkins();
        Inventory inventory;
        if (request.cluster() != null) {
            inventory = loader.fromMap(withLoginUser(request.cluster(), request.login()), "the cluster argument");
        } else {
            Path file = workspacePath(workspace, request.inventoryFile(), "inventory");
            if (!Files.isRegularFile(file)) {
                throw new AbortException("inventory: '" + request.inventoryFile() + "' is not a file in the workspace " + workspace
                        + "; check it out or write it before this step");
            }
            Map<String, Object> map = InventoryLoader.parseYaml(Files.readString(file), request.inventoryFile());
            inventory = loader.fromMap(withLoginUser(map, request.login()), request.inventoryFile());
        }
        return new AgentSession(request, inventory, log, workspace);
    }

    /** The credential's user name logs in unless the inventory names {@code ssh.user} itself. */
    private static Map<String, Object> withLoginUser(Map<String, Object> cluster, LoginSecret login) {
        if (login.username() == null || login.username().isBlank()) {
            return cluster;
        }
        Map<String, Object> copy = new LinkedHashMap<>(cluster);
        Map<String, Object> ssh = new LinkedHashMap<>();
        if (copy.get("ssh") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> ssh.put(String.valueOf(k), v));
        } else if (copy.get("ssh") != null) {
            return cluster; // not a mapping: the loader reports it
        }
        ssh.putIfAbsent("user", login.username());
        copy.put("ssh", ssh);
        return copy;
    }

    /** A path inside the workspace, refusing absolute paths and {@code ..} so that a step never writes outside it. */
    static Path workspacePath(Path workspace, String relative, String argument) throws AbortException {
        Path resolved = workspace.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(workspace.normalize())) {
            throw new AbortException(argument + ": '" + relative + "' must be a path inside the workspace");
        }
        return resolved;
    }

    public Inventory inventory() {
        return inventory;
    }

    public boolean dryRun() {
        return request.dryRun();
    }

    public String runId() {
        return request.runId();
    }

    public Path workspace() {
        return workspace;
    }

    /** Writes one line to the build log, masked. */
    public void log(String line) {
        log.line(line);
    }

    public SecretMasker masker() {
        return log.masker();
    }

    @Override
    public void close() {
    }
}
