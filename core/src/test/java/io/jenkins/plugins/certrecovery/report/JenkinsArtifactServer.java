package io.jenkins.plugins.certrecovery.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the files of one directory over HTTP on 127.0.0.1 (an ephemeral port) the way Jenkins serves a build's archived files
 * and workspace, and HTML Publisher its reports: every response carries {@link #CONTENT_SECURITY_POLICY}. Like Jenkins, it answers
 * {@code /favicon.ico}.
 */
public final class JenkinsArtifactServer implements AutoCloseable {
    /** {@code jenkins.model.DirectoryBrowserSupport.DEFAULT_CSP_VALUE}: no script, no inline style, styles and images from the same origin. */
    public static final String CONTENT_SECURITY_POLICY =
            "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";

    private final Path root;
    private final HttpServer server;

    private JenkinsArtifactServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static JenkinsArtifactServer serve(Path directory) throws IOException {
        return new JenkinsArtifactServer(directory);
    }

    /** The address of {@code fileName} in the served directory (percent-encoded as the report links a file beside it). */
    public URI uri(String fileName) {
        return URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/" + ExpiryHtmlReport.relativeUrl(fileName));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            if (exchange.getRequestURI().getPath().equals("/favicon.ico")) {
                // Jenkins answers this at its root; Chromium asks for it some time after the load, and a 404 would be a
                // console error.
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders()
                    .set("Content-Type", contentType(file.getFileName().toString()));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "application/octet-stream";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
