package dev.jxd.api.validate;

/** User input that breaks a naming or syntax rule. The HTTP layer maps it to 400 with this message. */
public class ValidationException
        extends RuntimeException
{
    public ValidationException(String message)
    {
        super(message);
    }
}
