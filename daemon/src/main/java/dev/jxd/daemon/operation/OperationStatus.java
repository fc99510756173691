package dev.jxd.daemon.operation;

/** LXD's operation status codes (spec §1.2) that jxd's operations pass through. */
public enum OperationStatus
{
    RUNNING(103, "Running"),
    SUCCESS(200, "Success"),
    FAILURE(400, "Failure"),
    CANCELLED(401, "Cancelled");

    private final int code;
    private final String text;

    OperationStatus(int code, String text)
    {
        this.code = code;
        this.text = text;
    }

    public int code()
    {
        return code;
    }

    public String text()
    {
        return text;
    }
}
