package dev.jxd.daemon.http;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns a Jetty request into a {@link Caller}: the unix socket is the local administrator; on HTTPS the
 * identity is looked up by the presented client certificate. Shared by plain requests and websocket
 * upgrades, which must see the same identity.
 */
public final class CallerResolver
{
    private final Authenticator authenticator;

    public CallerResolver(Authenticator authenticator)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    public Caller resolve(Request request)
    {
        if (request.getConnectionMetaData().getConnector() instanceof UnixDomainServerConnector) {
            return Caller.unix(unixUser(request.getConnectionMetaData().getConnection().getEndPoint()));
        }
        Optional<X509Certificate> certificate = peerCertificate(request);
        Caller caller = authenticator.authenticateTls(certificate, remoteAddress(request));
        String forwardedProtocol = request.getHeaders().get(RequestForwarder.FORWARDED_PROTOCOL);
        if (forwardedProtocol != null && Caller.PROTOCOL_CLUSTER.equals(caller.protocol())) {
            String username = request.getHeaders().get(RequestForwarder.FORWARDED_USERNAME);
            String address = request.getHeaders().get(RequestForwarder.FORWARDED_ADDRESS);
            return authenticator.authenticateForwarded(forwardedProtocol, username == null ? "" : username, address == null ? caller.address() : address);
        }
        return caller;
    }

    static Optional<X509Certificate> peerCertificate(Request request)
    {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData sslData) {
            X509Certificate[] chain = sslData.peerCertificates();
            if (chain != null && chain.length > 0) {
                // LXD uses the last certificate of the peer chain
                return Optional.of(chain[chain.length - 1]);
            }
        }
        return Optional.empty();
    }

    static String remoteAddress(Request request)
    {
        SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static String unixUser(EndPoint endPoint)
    {
        if (endPoint instanceof SelectableChannelEndPoint selectable && selectable.getChannel() instanceof SocketChannel channel) {
            try {
                return channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
            }
            catch (IOException | UnsupportedOperationException exception) {
                return "unknown";
            }
        }
        return "unknown";
    }

}
