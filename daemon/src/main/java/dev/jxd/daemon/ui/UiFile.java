package dev.jxd.daemon.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * One file of the web UI: its content, a strong entity tag derived from that content, and (computed once,
 * on first use) its gzip encoding.
 */
public final class UiFile
{
    /** Below this size gzip saves too little to be worth a second variant. */
    private static final int MINIMUM_COMPRESSED_SIZE = 1024;

    private final String path;
    private final byte[] content;
    private final String etag;
    private volatile byte[] gzipped;

    public UiFile(String path, byte[] content)
    {
        this.path = requireNonNull(path, "path is null");
        this.content = requireNonNull(content, "content is null").clone();
        this.etag = "\"" + sha256(this.content).substring(0, 32) + "\"";
    }

    /** The path relative to the UI root, with {@code /} separators ({@code index.html}, {@code assets/app-1a2b.js}). */
    public String path()
    {
        return path;
    }

    /** The bytes as read, shared: the handler writes them as they are and nothing may change them. */
    byte[] content()
    {
        return content;
    }

    public String etag()
    {
        return etag;
    }

    /** Whether a gzip variant is worth serving: text that compresses, and large enough to matter. */
    boolean compressible()
    {
        return content.length >= MINIMUM_COMPRESSED_SIZE && MediaTypes.isCompressible(path);
    }

    byte[] gzipped()
    {
        byte[] result = gzipped;
        if (result == null) {
            result = gzip(content);
            gzipped = result;
        }
        return result;
    }

    private static byte[] gzip(byte[] content)
    {
        ByteArrayOutputStream output = new ByteArrayOutputStream(content.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
            gzip.write(content);
        }
        catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return output.toByteArray();
    }

    private static String sha256(byte[] content)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is not available", exception);
        }
    }

    @Override
    public String toString()
    {
        return "UiFile{" + path + ", " + content.length + " bytes}";
    }
}
