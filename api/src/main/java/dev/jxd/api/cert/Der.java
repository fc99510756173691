package dev.jxd.api.cert;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The little DER needed to read private keys with the JDK alone: walking SEC 1, PKCS #1 and PKCS #8
 * structures and wrapping the first two into the PKCS #8 form {@code KeyFactory} takes.
 */
final class Der
{
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;

    private Der() {}

    /** One element: its tag, its whole encoding and where its contents lie within that encoding. */
    record Element(int tag, byte[] encoding, int contentOffset)
    {
        byte[] contents()
        {
            return Arrays.copyOfRange(encoding, contentOffset, encoding.length);
        }

        Reader reader()
        {
            return new Reader(contents());
        }

        BigInteger integer()
        {
            expect(INTEGER);
            return new BigInteger(contents());
        }

        Element expect(int expectedTag)
        {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("expected DER tag 0x%02x, found 0x%02x".formatted(expectedTag, tag));
            }
            return this;
        }
    }

    /** Reads consecutive elements from the contents of a constructed element. */
    static final class Reader
    {
        private final byte[] data;
        private int position;

        Reader(byte[] data)
        {
            this.data = data;
        }

        boolean hasMore()
        {
            return position < data.length;
        }

        int peekTag()
        {
            require(1);
            return data[position] & 0xff;
        }

        Element next()
        {
            int start = position;
            require(2);
            int tag = data[position++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("multi-byte DER tags are not supported");
            }
            int length = data[position++] & 0xff;
            if (length > 0x7f) {
                int octets = length & 0x7f;
                if (octets == 0 || octets > 3) {
                    throw new IllegalArgumentException("unsupported DER length");
                }
                require(octets);
                length = 0;
                for (int index = 0; index < octets; index++) {
                    length = (length << 8) | (data[position++] & 0xff);
                }
            }
            int contentOffset = position - start;
            require(length);
            position += length;
            return new Element(tag, Arrays.copyOfRange(data, start, position), contentOffset);
        }

        Element next(int expectedTag)
        {
            return next().expect(expectedTag);
        }

        private void require(int count)
        {
            if (count < 0 || data.length - position < count) {
                throw new IllegalArgumentException("truncated DER data");
            }
        }
    }

    /** Reads {@code data}, which must be exactly one element. */
    static Element parse(byte[] data)
    {
        Reader reader = new Reader(data);
        Element element = reader.next();
        if (reader.hasMore()) {
            throw new IllegalArgumentException("trailing data after DER element");
        }
        return element;
    }

    static byte[] element(int tag, byte[]... parts)
    {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            contents.writeBytes(part);
        }
        int length = contents.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        }
        else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        }
        else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents.toByteArray());
        return out.toByteArray();
    }

    /** The dotted form of an OBJECT IDENTIFIER element. */
    static String objectIdentifier(Element element)
    {
        byte[] contents = element.expect(OBJECT_IDENTIFIER).contents();
        if (contents.length == 0) {
            throw new IllegalArgumentException("empty object identifier");
        }
        StringBuilder dotted = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte octet : contents) {
            value = (value << 7) | (octet & 0x7f);
            if ((octet & 0x80) == 0) {
                if (first) {
                    int arc = (int) Math.min(value / 40, 2);
                    dotted.append(arc).append('.').append(value - 40L * arc);
                    first = false;
                }
                else {
                    dotted.append('.').append(value);
                }
                value = 0;
            }
        }
        return dotted.toString();
    }
}
