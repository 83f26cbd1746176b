package io.jenkins.plugins.certrecovery.cluster;

/**
 * One thing wrong with an inventory.
 *
 * @param path   where: the key path as written ({@code masters[1].host}), or a line and column for YAML syntax errors
 * @param reason what is wrong with the value
 * @param fix    what to do about it
 */
public record InventoryProblem(String path, String reason, String fix) {
    @Override
    public String toString() {
        return path + ": " + reason + " — " + fix;
    }
}
