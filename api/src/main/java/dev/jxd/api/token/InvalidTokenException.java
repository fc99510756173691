package dev.jxd.api.token;

/** A trust token that cannot be decoded or lacks a required field; the message is LXD's where LXD has one. */
public class InvalidTokenException
        extends RuntimeException
{
    public InvalidTokenException(String message)
    {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
