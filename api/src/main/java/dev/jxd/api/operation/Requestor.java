package dev.jxd.api.operation;

/** Who made a request: carried by operations and lifecycle events. */
public record Requestor(String username, String protocol, String address)
{
}
