package io.jenkins.plugins.certrecovery.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Carries a target's SSH connection through a direct-tcpip channel of the jump host's connection, so no local port is opened
 * that other local processes could use.
 */
final class JumpHostProxy implements Proxy {
    private final Session jumpSession;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    JumpHostProxy(Session jumpSession) {
        this.jumpSession = jumpSession;
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeout) throws Exception {
        channel = jumpSession.getStreamForwarder(host, port);
        in = channel.getInputStream();
        out = channel.getOutputStream();
        channel.connect(timeout);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
        closeQuietly(in);
        closeQuietly(out);
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (Exception e) {
            // The channel is gone already; nothing is left to release.
        }
    }
}
