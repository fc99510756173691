package dev.jxd.client;

/** Operation status codes (spec §1.2) that decide how a wait ends. */
public final class OperationStatus
{
    public static final int RUNNING = 103;
    public static final int SUCCESS = 200;
    public static final int FAILURE = 400;
    public static final int CANCELLED = 401;

    private OperationStatus() {}
}
