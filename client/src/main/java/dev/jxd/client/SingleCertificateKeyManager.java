package dev.jxd.client;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import static java.util.Objects.requireNonNull;

/**
 * Offers the one client certificate it holds. It replaces a PKCS #12 key store, whose password-based encryption of
 * the key (thousands of PBKDF2 rounds) made every new TLS client cost milliseconds; servers calling their peers create
 * such clients routinely. A JDK-only twin of the api module's key manager, which the client cannot use without loading
 * BouncyCastle.
 */
final class SingleCertificateKeyManager
        extends X509ExtendedKeyManager
{
    private static final String ALIAS = "client";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final String keyType;

    SingleCertificateKeyManager(X509Certificate certificate, PrivateKey privateKey)
    {
        this.certificate = requireNonNull(certificate, "certificate is null");
        this.privateKey = requireNonNull(privateKey, "privateKey is null");
        this.keyType = privateKey.getAlgorithm();
    }

    private String aliasFor(String[] keyTypes)
    {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String type : keyTypes) {
            // TLS 1.2 asks for "EC" or "EC_EC"; TLS 1.3 uses the key algorithm
            if (type.equals(keyType) || type.startsWith(keyType + "_") || (keyType.equals("EC") && type.equals("ECDSA"))) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers)
    {
        return aliasFor(new String[] {keyType}) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket)
    {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine)
    {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers)
    {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket)
    {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias)
    {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias)
    {
        return ALIAS.equals(alias) ? privateKey : null;
    }
}
