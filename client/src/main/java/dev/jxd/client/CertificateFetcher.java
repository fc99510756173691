package dev.jxd.client;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Reads the certificate a server presents, without trusting it: the caller decides by comparing its
 * fingerprint with a trust token or by asking the user.
 */
final class CertificateFetcher
{
    private CertificateFetcher() {}

    static X509Certificate fetch(ServerAddress address, Duration timeout)
    {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        SSLContext context = AcceptAnyContext.INSTANCE;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            // Closing the TLS socket closes the TCP one too: without that, close() waits for the server's close_notify
            // (and a delayed ACK), tens of milliseconds per fetch on loopback
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, address.host(), address.port(), true)) {
                if (!isIpLiteral(address.host())) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(address.host())));
                    socket.setSSLParameters(parameters);
                }
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new JxdClientException("Server %s presented no X.509 certificate".formatted(address));
                }
                return leaf;
            }
        }
        catch (IOException | IllegalArgumentException e) {
            throw new JxdClientException("Unable to connect to %s: %s".formatted(address, describe(e)), e);
        }
    }

    private static boolean isIpLiteral(String host)
    {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String describe(Exception e)
    {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Created once: a TLS context costs about a millisecond to set up and this one holds no secrets. */
    private static final class AcceptAnyContext
    {
        private static final SSLContext INSTANCE = TlsContexts.create(new AcceptAnyTrustManager(), null, null);
    }

    /** Used only to read the presented certificate; no request is ever sent over such a connection. */
    private static final class AcceptAnyTrustManager
            extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
