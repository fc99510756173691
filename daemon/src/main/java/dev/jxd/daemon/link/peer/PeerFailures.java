package dev.jxd.daemon.link.peer;

import dev.jxd.client.ApiException;
import dev.jxd.client.InvalidApiResponseException;
import dev.jxd.client.PinnedCertificateMismatchException;
import org.eclipse.jetty.client.HttpResponseException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;

/**
 * Turns the exception of a failed peer request into a {@link PeerFailure}. The client wraps transport errors, so the
 * whole cause chain is searched, most specific kind first: a pin mismatch surfaces wrapped in an SSL handshake
 * exception, which itself would otherwise read as a plain TLS failure.
 */
final class PeerFailures
{
    private PeerFailures() {}

    static PeerFailure classify(String address, Throwable failure, Duration timeout)
    {
        List<Throwable> chain = causeChain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof PinnedCertificateMismatchException mismatch) {
                return fingerprintMismatch(address, mismatch.expectedFingerprint(), mismatch.presentedFingerprint());
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof ApiException api) {
                return new PeerFailure(address, PeerFailureKind.HTTP_ERROR, OptionalInt.of(api.statusCode()), messageOf(api));
            }
            if (cause instanceof InvalidApiResponseException invalid) {
                // No HTTP status on the failure: callers treat one as "the peer answered with an error"
                return PeerFailure.of(address, PeerFailureKind.NOT_LXD, "not an LXD API response (HTTP %d)".formatted(invalid.httpStatus()));
            }
            if (cause instanceof HttpResponseException) {
                return PeerFailure.of(address, PeerFailureKind.NOT_LXD, "not an HTTP API server (HTTP protocol violation)");
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof UnknownHostException) {
                return PeerFailure.of(address, PeerFailureKind.UNRESOLVED_HOST, "unknown host: " + messageOf(cause));
            }
            if (isTimeout(cause)) {
                return timeout(address, timeout);
            }
            if (cause instanceof ConnectException) {
                return PeerFailure.of(address, PeerFailureKind.REFUSED, "connection refused");
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof SSLException ssl) {
                return PeerFailure.of(address, PeerFailureKind.TLS, "TLS handshake failed: " + sslMessage(ssl));
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof EOFException || cause instanceof ClosedChannelException) {
                return PeerFailure.of(address, PeerFailureKind.OTHER, "connection closed by the peer");
            }
            if (cause instanceof InterruptedException) {
                return PeerFailure.of(address, PeerFailureKind.OTHER, "interrupted");
            }
        }
        return PeerFailure.of(address, PeerFailureKind.OTHER, messageOf(chain.getLast()));
    }

    /** The fingerprint of the certificate a server presented instead of the pinned one, when that is why the request failed. */
    static Optional<String> presentedFingerprint(Throwable failure)
    {
        return causeChain(failure).stream()
                .filter(PinnedCertificateMismatchException.class::isInstance)
                .map(cause -> ((PinnedCertificateMismatchException) cause).presentedFingerprint())
                .findFirst();
    }

    static PeerFailure timeout(String address, Duration timeout)
    {
        return PeerFailure.of(address, PeerFailureKind.TIMEOUT, "timed out after %d ms".formatted(timeout.toMillis()));
    }

    static PeerFailure fingerprintMismatch(String address, String expected, String presented)
    {
        return PeerFailure.of(address, PeerFailureKind.FINGERPRINT_MISMATCH,
                "certificate fingerprint mismatch (expected %s, got %s)".formatted(expected, presented));
    }

    /**
     * Verifying that a server is an LXD API server: any answer but a successful {@code GET /1.0} (an HTTP error, a web
     * page, a protocol violation) means something else listens there. Transport failures keep their own kind.
     */
    static PeerFailure asNotLxd(PeerFailure failure)
    {
        return switch (failure.kind()) {
            case HTTP_ERROR -> new PeerFailure(failure.address(), PeerFailureKind.NOT_LXD, failure.httpStatus(), failure.reason());
            default -> failure;
        };
    }

    private static boolean isTimeout(Throwable cause)
    {
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return true;
        }
        // Linux reports an unanswered SYN as a ConnectException
        return cause instanceof ConnectException && cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
    }

    private static String sslMessage(SSLException ssl)
    {
        // The JDK wraps the trust manager's explanation; the wrapper's text adds nothing
        if (ssl instanceof SSLHandshakeException && ssl.getCause() != null && ssl.getCause().getMessage() != null) {
            return ssl.getCause().getMessage();
        }
        return messageOf(ssl);
    }

    private static List<Throwable> causeChain(Throwable failure)
    {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable current = failure; current != null && !chain.contains(current) && chain.size() < 16; current = current.getCause()) {
            chain.add(current);
        }
        return chain;
    }

    private static String messageOf(Throwable throwable)
    {
        String message = throwable.getMessage();
        return message == null || message.isBlank() ? throwable.getClass().getSimpleName() : message;
    }
}
