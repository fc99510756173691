package dev.jxd.api.cert;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import static java.util.Objects.requireNonNull;

/**
 * A key manager that always offers the one certificate it holds. It replaces a PKCS #12 key store,
 * whose password-based encryption of the key (thousands of PBKDF2 rounds, run cold) dominated start-up.
 */
final class FixedKeyManager
        extends X509ExtendedKeyManager
{
    private static final String ALIAS = "jxd";

    private final CertificateAndKey certificateAndKey;
    private final String keyType;

    FixedKeyManager(CertificateAndKey certificateAndKey)
    {
        this.certificateAndKey = requireNonNull(certificateAndKey, "certificateAndKey is null");
        this.keyType = certificateAndKey.privateKey().getAlgorithm();
    }

    private String aliasFor(String[] keyTypes)
    {
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String type : keyTypes) {
            // TLS 1.2 asks for "EC" or "EC_EC"; TLS 1.3 and server-side selection use the key algorithm
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
        return aliasFor(new String[] {keyType}) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket)
    {
        return aliasFor(new String[] {keyType});
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine)
    {
        return aliasFor(new String[] {keyType});
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias)
    {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificateAndKey.certificate()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias)
    {
        return ALIAS.equals(alias) ? certificateAndKey.privateKey() : null;
    }
}
