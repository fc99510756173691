package dev.jxd.api.cert;

/** Thrown when text that should hold a PEM certificate or private key cannot be parsed. */
public class CertificateParseException
        extends RuntimeException
{
    public CertificateParseException(String message)
    {
        super(message);
    }

    public CertificateParseException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
