package dev.jxd.api.cert;

/**
 * A parseable certificate that jxd refuses to trust. The message is LXD's exact text, which the
 * HTTP layer returns to the caller unchanged (spec §2.6.1).
 */
public class InvalidCertificateException
        extends RuntimeException
{
    public InvalidCertificateException(String message)
    {
        super(message);
    }
}
