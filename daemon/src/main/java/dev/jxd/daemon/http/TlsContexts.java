package dev.jxd.daemon.http;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/** TLS settings of the daemon's HTTPS listener. */
public final class TlsContexts
{
    private static final String PROTOCOL = "TLS";

    private TlsContexts() {}

    /**
     * Loads the JDK's TLS implementation (its classes and their provider set-up, tens of milliseconds the
     * first time) so that {@link #server} is quick when it is needed; start-up calls it on a spare thread.
     */
    public static void prepare()
    {
        try {
            SSLContext.getInstance(PROTOCOL);
        }
        catch (GeneralSecurityException _) {
            // server() reports it when it matters
        }
    }

    /**
     * A server context that asks every client for a certificate and accepts whatever it sends: trust is
     * decided afterwards by looking the fingerprint up among identities, not by a CA.
     */
    public static SSLContext server(CertificateAndKey certificate)
    {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(Certificates.keyManagers(certificate), new TrustManager[] {new AcceptAnyClient()}, new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException exception) {
            throw new IllegalStateException("Cannot build the server TLS context", exception);
        }
    }

    /**
     * Extends {@link X509ExtendedTrustManager} (not the plain interface, which the JDK would wrap with
     * extra hostname checks) and names no acceptable issuers, so clients send any certificate they have.
     */
    private static final class AcceptAnyClient
            extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException
        {
            throw new java.security.cert.CertificateException("The daemon's server context never verifies servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException
        {
            throw new java.security.cert.CertificateException("The daemon's server context never verifies servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException
        {
            throw new java.security.cert.CertificateException("The daemon's server context never verifies servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
