package io.jenkins.plugins.certrecovery.expiry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads the certificate chain a TLS endpoint presents: a handshake and nothing else (no request is sent, no client certificate is
 * offered). The chain is recorded, not trusted: an expired or unknown certificate is exactly what this has to see, so the trust
 * manager accepts every chain and this socket is closed right after the handshake.
 */
public final class TlsChainReader {
    private final Duration timeout;

    /** @param timeout limit for the TCP connect and, separately, for the handshake */
    public TlsChainReader(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @return the chain in the order the server sent it, the server's own certificate first
     * @throws IOException when the endpoint cannot be reached or the handshake fails (the message says which)
     */
    public List<X509Certificate> read(TlsEndpoint endpoint) throws IOException {
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new RecordingTrustManager(presented)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
        int millis = Math.toIntExact(timeout.toMillis());
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            plain.setSoTimeout(millis);
            try (SSLSocket tls = (SSLSocket)
                    context.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true)) {
                SSLParameters parameters = tls.getSSLParameters();
                if (isHostName(endpoint.host())) {
                    parameters.setServerNames(List.of(new SNIHostName(endpoint.host())));
                }
                tls.setSSLParameters(parameters);
                tls.startHandshake();
            }
        } catch (IOException e) {
            if (presented.get() == null) {
                throw e;
            }
            // The chain arrived before the handshake failed (e.g. the server insists on a client certificate): it is
            // what we wanted.
        }
        X509Certificate[] chain = presented.get();
        if (chain == null || chain.length == 0) {
            throw new IOException("the handshake completed without a server certificate");
        }
        return List.of(chain);
    }

    private static boolean isHostName(String host) {
        return host.indexOf(':') < 0 && !host.matches("[0-9.]+") && host.contains(".");
    }

    /** Records the server's chain and accepts it; client-side checks are never asked of it. */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate[]> presented;

        RecordingTrustManager(AtomicReference<X509Certificate[]> presented) {
            this.presented = presented;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.set(chain.clone());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            presented.set(chain.clone());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            presented.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("this trust manager only records server chains");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("this trust manager only records server chains");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("this trust manager only records server chains");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
