package io.jenkins.plugins.certrecovery.expiry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 in front of one simulated host that delays every byte by a fixed one-way latency in each direction, as a
 * network between a runner and a cluster in another region does; bandwidth is not limited and the order of bytes is kept. Each
 * direction of each connection has a reader that stamps what it reads with the time it is due and a writer that sends it then.
 */
final class LatencyProxy implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final int targetPort;
    private final long delayNanos;

    private record Chunk(byte[] bytes, long dueNanos) {}

    LatencyProxy(int targetPort, Duration oneWay) throws IOException {
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayNanos = oneWay.toNanos();
        daemon("latency-proxy-accept-" + port(), this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One direction: bytes read from {@code from} are written to {@code to} once their delay has passed. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("latency-proxy-read", () -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // the peer went away: end this direction after what was read
            }
            queue.add(new Chunk(END, System.nanoTime() + delayNanos));
        });
        daemon("latency-proxy-write", () -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Chunk chunk = queue.take(); ; chunk = queue.take()) {
                    long wait = chunk.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes() == END) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(to);
                closeQuietly(from);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /**
     * A process of proxies, so that their CPU is neither the runner's nor the hosts': {@code LatencyProxy ONE_WAY_MS PORT…} prints
     * {@code PORT -> PROXY_PORT} per target and runs until standard input closes.
     */
    public static void main(String[] args) throws IOException {
        Duration oneWay = Duration.ofMillis(Long.parseLong(args[0]));
        java.util.List<LatencyProxy> proxies = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            LatencyProxy proxy = new LatencyProxy(Integer.parseInt(args[i]), oneWay);
            proxies.add(proxy);
            System.out.println(args[i] + " -> " + proxy.port());
        }
        System.out.println("close standard input to stop");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until standard input closes
        }
        for (LatencyProxy proxy : proxies) {
            proxy.close();
        }
    }
}
