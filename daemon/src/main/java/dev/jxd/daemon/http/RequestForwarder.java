package dev.jxd.daemon.http;

import org.eclipse.jetty.server.Request;

import java.util.Optional;

/**
 * Sends a request that another cluster member must answer ({@code ?target=<member>}) there, and returns
 * that member's answer. Empty means "answer here".
 */
@FunctionalInterface
public interface RequestForwarder
{
    /** Headers a member adds when it forwards, naming the original caller; honoured only from members. */
    String FORWARDED_PROTOCOL = "X-Jxd-Forwarded-Protocol";
    String FORWARDED_USERNAME = "X-Jxd-Forwarded-Username";
    String FORWARDED_ADDRESS = "X-Jxd-Forwarded-Address";

    RequestForwarder NONE = (_, _, _) -> Optional.empty();

    Optional<ApiResponse> forward(Request request, byte[] body, Caller caller);
}
