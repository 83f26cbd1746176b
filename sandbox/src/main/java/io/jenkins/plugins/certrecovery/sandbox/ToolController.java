package io.jenkins.plugins.certrecovery.sandbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server the tools' client scripts talk to over {@code /dev/tcp/127.0.0.1/PORT}.
 * <p>
 * Request: NUL-terminated fields {@code v1, host, tool, PWD, USER, EUID, KUBECONFIG-is-set (1|0), KUBECONFIG, argc, argv…}.
 * Response: frames {@code out\0TEXT\0}, {@code err\0TEXT\0}, ending with {@code exit\0N\0}.
 */
final class ToolController implements AutoCloseable {
    private final ClusterState state;
    private final Map<String, Tool> tools;
    private final ServerSocket server;
    private final ExecutorService workers;

    ToolController(ClusterState state, Map<String, Tool> tools) throws IOException {
        this.state = state;
        this.tools = Map.copyOf(tools);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "sandbox-tool-call");
            thread.setDaemon(true);
            return thread;
        });
        Thread acceptor = new Thread(this::accept, "sandbox-tool-controller");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("sandbox: tool controller accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            FrameOutput output = new FrameOutput(out);
            int exit;
            ToolCall call = null;
            try {
                call = readCall(in);
                state.toolCallArrived();
                Tool tool = tools.get(call.tool());
                exit = tool == null ? unknownTool(call, output) : tool.run(call, output);
            } catch (IllegalArgumentException e) {
                output.err("sandbox: " + e.getMessage() + "\n");
                exit = 127;
            } catch (java.io.UncheckedIOException e) {
                throw e;
            } catch (RuntimeException e) {
                output.err("sandbox: internal error in a simulated tool: " + e + "\n");
                exit = 70;
            }
            if (call != null) {
                // Before the exit frame: the caller's next call finds the cluster already moved on (stepped time).
                state.toolCallAnswered();
                state.record(new ToolEvent(
                        call.time(),
                        call.host().name(),
                        call.tool(),
                        call.argv(),
                        call.environment(),
                        call.privileged(),
                        exit));
            }
            output.frame("exit", String.valueOf(exit));
        } catch (IOException | java.io.UncheckedIOException e) {
            // The client went away (e.g. killed by a timeout): nothing left to tell it.
        }
    }

    private static int unknownTool(ToolCall call, ToolOutput output) {
        output.err(call.tool() + ": command not simulated\n");
        return 127;
    }

    private ToolCall readCall(InputStream in) throws IOException {
        String version = field(in);
        if (!"v1".equals(version)) {
            throw new IllegalArgumentException("tool protocol version '" + version + "' not understood; expected v1");
        }
        SimHost host = state.host(field(in));
        String tool = field(in);
        String workingDir = field(in);
        String user = field(in);
        String euid = field(in);
        boolean kubeconfigSet = "1".equals(field(in));
        String kubeconfig = field(in);
        int argc;
        try {
            argc = Integer.parseInt(field(in));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed tool request: argument count is not a number");
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            argv.add(field(in));
        }
        boolean privileged = "0".equals(euid) && (user.isEmpty() || "root".equals(user));
        return new ToolCall(
                host, tool, argv, workingDir, user, privileged, kubeconfigSet ? kubeconfig : null, state.now());
    }

    private static String field(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new IllegalArgumentException("malformed tool request: it ended early");
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes frames as the tool produces output, so that progress appears while a long call runs. */
    private static final class FrameOutput implements ToolOutput {
        private final OutputStream out;

        FrameOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void out(String text) {
            frame("out", text);
        }

        @Override
        public void err(String text) {
            frame("err", text);
        }

        synchronized void frame(String kind, String text) {
            try {
                out.write(kind.getBytes(StandardCharsets.UTF_8));
                out.write(0);
                out.write(text.replace("\0", "").getBytes(StandardCharsets.UTF_8));
                out.write(0);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("the tool's caller went away", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
