package dev.jxd.daemon;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The training run that records the daemon's AOT cache ({@code daemon/target/jxd.aot}, JEP 483/514) at
 * build time: run with {@code -XX:AOTCacheOutput}, it does what a start does (a first start that creates
 * the state directory, then a restart on it) and serves a few requests over the unix socket and HTTPS,
 * so that the classes, linkage and profiles of those paths are ready when {@code bin/jxd} starts.
 * Offline and deterministic: everything happens in a temporary directory and on loopback.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=jxd.aot -cp jxd.jar dev.jxd.daemon.AotTraining}
 */
public final class AotTraining
{
    private static final List<String> UNIX_REQUESTS = List.of(
            "GET /1.0",
            "GET /1.0",
            "GET /",
            "GET /1.0/projects?recursion=1",
            "GET /1.0/projects/default",
            "GET /1.0/operations",
            "GET /1.0/auth/identities?recursion=1",
            "GET /1.0/auth/groups?recursion=1",
            "GET /1.0/auth/permissions",
            "GET /1.0/certificates?recursion=1",
            "GET /1.0/no-such-endpoint",
            "POST /1.0/projects {\"name\":\"aot-training\",\"config\":{}}",
            "PATCH /1.0 {\"config\":{}}",
            "GET /1.0/projects/aot-training");
    private static final List<String> HTTPS_REQUESTS = List.of("GET /1.0", "GET /1.0/projects");

    private AotTraining() {}

    public static void main(String[] args)
            throws Exception
    {
        // A short path under the temporary directory: a unix socket path may not exceed 107 bytes, which one
        // deep inside a build directory easily does
        Path directory = Files.createTempDirectory("jxd-aot-training");
        Main.prepareRuntime();
        StartupWarmUp.start();
        Main.parsePlainArguments(new String[] {"--state-dir", directory.toString(), "--https-address", "127.0.0.1:0"}).orElseThrow();
        DaemonOptions options = new DaemonOptions(directory, Optional.of("127.0.0.1:0"), InstantSource.system(), "aot-training");
        CertificateAndKey client = Certificates.generate("aot-training", true, Duration.ofDays(1));
        // First start creates the certificate and the database; the second is the usual restart
        for (int start = 0; start < 2; start++) {
            try (Daemon daemon = Daemon.start(options)) {
                for (String request : UNIX_REQUESTS) {
                    unixRequest(daemon.socketPath(), request);
                }
                int port = daemon.httpsPort().orElseThrow();
                for (String request : HTTPS_REQUESTS) {
                    httpsRequest(port, client, request);
                }
            }
        }
        deleteRecursively(directory);
        // Jetty's and the JDK's lingering non-daemon threads must not keep the run (and the cache dump) waiting
        System.exit(0);
    }

    private static void unixRequest(Path socket, String request)
            throws IOException
    {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap(httpRequest(request)));
            drain(Channels.newInputStream(channel));
        }
    }

    private static void httpsRequest(int port, CertificateAndKey client, String request)
            throws Exception
    {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(Certificates.keyManagers(client), new TrustManager[] {new TrustAnyServer()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream output = socket.getOutputStream();
            output.write(httpRequest(request));
            output.flush();
            drain(socket.getInputStream());
        }
    }

    private static byte[] httpRequest(String request)
    {
        String[] parts = request.split(" ", 3);
        String body = parts.length > 2 ? parts[2] : "";
        String head = parts[0] + " " + parts[1] + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: jxd-aot-training\r\nConnection: close\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void drain(InputStream input)
            throws IOException
    {
        // Connection: close, so the response ends with the stream
        input.transferTo(OutputStream.nullOutputStream());
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException exception)
                    throws IOException
            {
                Files.delete(visited);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The training client talks to its own daemon on loopback; there is nothing to verify. */
    private static final class TrustAnyServer
            extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
