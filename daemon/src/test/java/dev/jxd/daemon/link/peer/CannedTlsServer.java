package dev.jxd.daemon.link.peer;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * A TLS server that is not LXD: it answers every connection with the same bytes (an HTTP 404, a web page, garbage),
 * so tests can check how peers that speak TLS but not the LXD API are reported.
 */
final class CannedTlsServer
        implements AutoCloseable
{
    private final CertificateAndKey certificate = Certificates.generate("not-lxd", false, Duration.ofDays(30));
    private final SSLServerSocket serverSocket;
    private final Thread acceptor;

    CannedTlsServer(String response)
    {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(Certificates.keyManagers(certificate), null, null);
            serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        acceptor = Thread.ofVirtual().start(() -> {
            while (!serverSocket.isClosed()) {
                try {
                    Socket socket = serverSocket.accept();
                    Thread.ofVirtual().start(() -> answer(socket, bytes));
                }
                catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** An HTTP server answering {@code 404 Not Found} with a plain-text body, as a web server would. */
    static CannedTlsServer notFound()
    {
        return new CannedTlsServer("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found");
    }

    /** An HTTP server answering 200 with a web page. */
    static CannedTlsServer webPage()
    {
        return new CannedTlsServer("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<html></html>");
    }

    /** Speaks TLS, then not HTTP. */
    static CannedTlsServer garbage()
    {
        return new CannedTlsServer("SSH-2.0-OpenSSH_9.6\r\n\r\n");
    }

    String address()
    {
        return "127.0.0.1:" + serverSocket.getLocalPort();
    }

    String fingerprint()
    {
        return certificate.fingerprint();
    }

    CertificateAndKey certificate()
    {
        return certificate;
    }

    private static void answer(Socket socket, byte[] response)
    {
        try (socket) {
            InputStream input = socket.getInputStream();
            // Read the request head (enough for GET /1.0) before answering, as a server would
            input.read(new byte[8192]);
            socket.getOutputStream().write(response);
            socket.getOutputStream().flush();
        }
        catch (IOException ignored) {
            // the client went away; nothing to report
        }
    }

    @Override
    public void close()
    {
        try {
            serverSocket.close();
            acceptor.join(Duration.ofSeconds(5));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
