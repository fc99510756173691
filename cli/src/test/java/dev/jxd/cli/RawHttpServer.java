package dev.jxd.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP/1.1 server on a unix socket that answers every request with the same bytes, written in the given
 * pieces, and records each request as received: for response framings the fake daemon (Jetty, always with a
 * {@code Content-Length}) does not produce, such as chunked bodies, trailers or bodies that end with the connection.
 */
final class RawHttpServer
        implements AutoCloseable
{
    /** A request as received: everything up to the empty line, and the body. */
    record Request(String head, String body)
    {
        String requestLine()
        {
            return head.substring(0, head.indexOf("\r\n"));
        }

        /** The value of a header (case-insensitive name), or {@code null}. */
        String header(String name)
        {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final ServerSocketChannel server;
    private final List<byte[]> responsePieces;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /**
     * @param responsePieces written one after the other, each flushed, so that the client sees them in separate reads;
     * empty to answer nothing and keep the connection open
     */
    RawHttpServer(Path socketPath, List<String> responsePieces)
            throws IOException
    {
        this.responsePieces = requireNonNull(responsePieces, "responsePieces is null").stream()
                .map(piece -> piece.getBytes(StandardCharsets.UTF_8))
                .toList();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        thread = Thread.ofPlatform().daemon().name("raw-http-server").start(this::serve);
    }

    List<Request> requests()
    {
        return List.copyOf(requests);
    }

    @Override
    public void close()
            throws Exception
    {
        server.close();
        thread.join();
    }

    private void serve()
    {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                InputStream input = Channels.newInputStream(channel);
                OutputStream output = Channels.newOutputStream(channel);
                requests.add(readRequest(input));
                if (responsePieces.isEmpty()) {
                    // Never answers: waits until the client gives up and closes
                    input.transferTo(OutputStream.nullOutputStream());
                    continue;
                }
                for (byte[] piece : responsePieces) {
                    output.write(piece);
                    output.flush();
                    Thread.sleep(5);
                }
            }
            catch (IOException _) {
                // Closed at the end of the test, or a client that went away
            }
            catch (InterruptedException _) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Request readRequest(InputStream input)
            throws IOException
    {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int next;
        while ((next = input.read()) >= 0) {
            head.write(next);
            byte[] bytes = head.toByteArray();
            int length = bytes.length;
            if (length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n') {
                break;
            }
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        Request headOnly = new Request(headText, "");
        String contentLength = headOnly.header("Content-Length");
        if (contentLength == null) {
            return headOnly;
        }
        byte[] body = input.readNBytes(Integer.parseInt(contentLength));
        return new Request(headText, new String(body, StandardCharsets.UTF_8));
    }
}
