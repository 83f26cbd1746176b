package io.jenkins.plugins.certrecovery.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line on a sandbox host without SSH, as the end-to-end hosts do: bash in the host's directory with its tools
 * first on PATH, as root or as the login user (USER decides, as sudo sets it).
 */
final class LocalShell {
    private LocalShell() {}

    static SshSession.Result run(Sandbox sandbox, String host, boolean root, String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", command)
                .directory(sandbox.hostRoot(host).toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", sandbox.toolsDir(host) + ":/usr/local/bin:/usr/bin:/bin");
        env.put("USER", root ? "root" : "core");
        env.put("HOME", sandbox.hostRoot(host).toString());
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("command did not finish in 60 s: " + command);
            }
            return new SshSession.Result(out.join(), err.join(), process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
