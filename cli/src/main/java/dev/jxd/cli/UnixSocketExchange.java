package dev.jxd.cli;

import dev.jxd.client.JxdClientException;
import dev.jxd.client.RawResponse;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP/1.1 request and response over a unix socket with the JDK alone, for {@link FastQuery}: starting Jetty's
 * client costs a {@code jxc} run more than everything else the command does. The request asks the server to close
 * the connection afterwards; the response body may be framed by {@code Content-Length}, chunked, or end with the
 * connection.
 */
final class UnixSocketExchange
        implements AutoCloseable
{
    // What Jetty's client sends for the http://unix.socket base URL of JxdClient.unixSocket
    private static final String HOST = "unix.socket";
    // As JxdClient: a response larger than this is an error rather than an out-of-memory risk
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    // The body's limit plus room for the head and the framing of a chunked body
    private static final int MAX_RECEIVED_BYTES = MAX_RESPONSE_BYTES + 1024 * 1024;
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};
    private static final byte[] END_OF_LINE = {'\r', '\n'};

    private final Path socketPath;
    private final SocketChannel channel;
    private final Duration idleTimeout;
    private byte[] received = new byte[16 * 1024];
    private int receivedLength;
    private Selector selector;

    private UnixSocketExchange(Path socketPath, SocketChannel channel, Duration idleTimeout)
    {
        this.socketPath = requireNonNull(socketPath, "socketPath is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
    }

    /**
     * Connects to the socket.
     *
     * @param idleTimeout how long to wait for the next byte of the response, as Jetty's idle timeout
     * @throws IOException when nothing listens there; no request was sent then
     */
    static UnixSocketExchange connect(Path socketPath, Duration idleTimeout)
            throws IOException
    {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new UnixSocketExchange(socketPath, channel, idleTimeout);
    }

    /**
     * Sends the request and returns the response, whatever its status.
     *
     * @param pathAndQuery sent verbatim, so it must be a valid request target
     * @param body {@code null} to send none
     * @throws JxdClientException with {@link dev.jxd.client.JxdClient}'s wording when the exchange failed
     */
    RawResponse send(String method, String pathAndQuery, byte[] body, String contentType, String userAgent)
    {
        try {
            writeRequest(method, pathAndQuery, body, contentType, userAgent);
            return readResponse();
        }
        catch (IOException e) {
            String message = e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getSimpleName() : e.getMessage();
            throw new JxdClientException("jxd unix socket \"%s\" not accessible: %s".formatted(socketPath, message), e);
        }
    }

    @Override
    public void close()
    {
        try {
            if (selector != null) {
                selector.close();
            }
            channel.close();
        }
        catch (IOException _) {
            // Nothing is left to tell the server
        }
    }

    private void writeRequest(String method, String pathAndQuery, byte[] body, String contentType, String userAgent)
            throws IOException
    {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(HOST).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        else if (method.equals("POST") || method.equals("PUT")) {
            // As Jetty's client (and RFC 9110's advice): these methods say when they carry no body
            head.append("Content-Length: 0\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteBuffer[] buffers = {
                ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap(body == null ? new byte[0] : body)};
        while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
            channel.write(buffers);
        }
        // A blocking read cannot time out, so the response is read without blocking, waiting in a selector
        selector = Selector.open();
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
    }

    private RawResponse readResponse()
            throws IOException
    {
        int position = 0;
        while (true) {
            int headEnd = find(END_OF_HEAD, position);
            List<String> lines = lines(new String(received, position, headEnd - position, StandardCharsets.ISO_8859_1));
            int status = parseStatus(lines.getFirst());
            position = headEnd + END_OF_HEAD.length;
            // Interim responses (100 Continue) precede the real one
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            Map<String, String> headers = parseHeaders(lines);
            return new RawResponse(status, headers, readBody(status, headers, position));
        }
    }

    private byte[] readBody(int status, Map<String, String> headers, int start)
            throws IOException
    {
        if (status == 204 || status == 304) {
            return new byte[0];
        }
        String transferEncoding = header(headers, "Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(start);
        }
        String contentLength = header(headers, "Content-Length");
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.strip());
            }
            catch (NumberFormatException e) {
                throw new IOException("Invalid Content-Length: " + contentLength);
            }
            if (length < 0 || length > MAX_RESPONSE_BYTES) {
                throw new IOException("Buffering capacity %d exceeded".formatted(MAX_RESPONSE_BYTES));
            }
            require(start + (int) length);
            return Arrays.copyOfRange(received, start, start + (int) length);
        }
        while (readMore()) {
            // Without a length the body ends with the connection
        }
        return Arrays.copyOfRange(received, start, receivedLength);
    }

    private byte[] readChunked(int start)
            throws IOException
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = start;
        while (true) {
            int lineEnd = find(END_OF_LINE, position);
            String sizeLine = new String(received, position, lineEnd - position, StandardCharsets.ISO_8859_1);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip(), 16);
            }
            catch (NumberFormatException e) {
                throw new IOException("Invalid chunk size: " + sizeLine);
            }
            position = lineEnd + END_OF_LINE.length;
            if (size == 0) {
                // Trailer fields, if any, up to an empty line
                int trailerEnd = find(END_OF_LINE, position);
                while (trailerEnd != position) {
                    position = trailerEnd + END_OF_LINE.length;
                    trailerEnd = find(END_OF_LINE, position);
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_RESPONSE_BYTES) {
                throw new IOException("Buffering capacity %d exceeded".formatted(MAX_RESPONSE_BYTES));
            }
            require(position + (int) size + END_OF_LINE.length);
            body.write(received, position, (int) size);
            position += (int) size + END_OF_LINE.length;
        }
    }

    private static int parseStatus(String statusLine)
            throws IOException
    {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Invalid HTTP status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        }
        catch (NumberFormatException e) {
            throw new IOException("Invalid HTTP status line: " + statusLine);
        }
    }

    // Not String.split, whose two-character separator would compile a regular expression
    private static List<String> lines(String head)
    {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int end = head.indexOf("\r\n");
        while (end >= 0) {
            lines.add(head.substring(start, end));
            start = end + 2;
            end = head.indexOf("\r\n", start);
        }
        lines.add(head.substring(start));
        return lines;
    }

    // Repeated headers are joined with ", ", as JxdClient does
    private static Map<String, String> parseHeaders(List<String> lines)
    {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                String previous = headers.get(name);
                headers.put(name, previous == null ? value : previous + ", " + value);
            }
        }
        return headers;
    }

    private static String header(Map<String, String> headers, String name)
    {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** The index of the first {@code sequence} at or after {@code from}, reading more until it arrives. */
    private int find(byte[] sequence, int from)
            throws IOException
    {
        int searchFrom = from;
        while (true) {
            for (int i = searchFrom; i + sequence.length <= receivedLength; i++) {
                if (Arrays.equals(received, i, i + sequence.length, sequence, 0, sequence.length)) {
                    return i;
                }
            }
            searchFrom = Math.max(from, receivedLength - sequence.length + 1);
            if (!readMore()) {
                throw new EOFException("the connection was closed before the response was complete");
            }
        }
    }

    /** Reads until at least {@code length} bytes have been received. */
    private void require(int length)
            throws IOException
    {
        while (receivedLength < length) {
            if (!readMore()) {
                throw new EOFException("the connection was closed before the response was complete");
            }
        }
    }

    /** Reads what the server sent next, waiting at most the idle timeout; false at the end of the stream. */
    private boolean readMore()
            throws IOException
    {
        if (receivedLength == received.length) {
            if (received.length >= MAX_RECEIVED_BYTES) {
                throw new IOException("Buffering capacity %d exceeded".formatted(MAX_RESPONSE_BYTES));
            }
            received = Arrays.copyOf(received, Math.min(received.length * 2, MAX_RECEIVED_BYTES));
        }
        ByteBuffer buffer = ByteBuffer.wrap(received, receivedLength, received.length - receivedLength);
        int count = channel.read(buffer);
        while (count == 0) {
            awaitReadable();
            count = channel.read(buffer);
        }
        if (count < 0) {
            return false;
        }
        receivedLength += count;
        return true;
    }

    private void awaitReadable()
            throws IOException
    {
        if (selector.select(idleTimeout.toMillis()) == 0) {
            throw new IOException("Idle timeout expired: %d/%d ms".formatted(idleTimeout.toMillis(), idleTimeout.toMillis()));
        }
        selector.selectedKeys().clear();
    }
}
