package dev.jxd.daemon.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * LXD's identity types (spec §2.2) with their database codes and properties.
 *
 * @param cacheable whether an identity of this type can authenticate (pending ones cannot)
 */
public enum IdentityType
{
    CLIENT_CERTIFICATE_RESTRICTED("Client certificate (restricted)", 1, AuthenticationMethod.TLS, false, false, false, true),
    CLIENT_CERTIFICATE_UNRESTRICTED("Client certificate (unrestricted)", 2, AuthenticationMethod.TLS, true, false, false, true),
    SERVER_CERTIFICATE("Server certificate", 3, AuthenticationMethod.TLS, true, false, false, true),
    METRICS_CERTIFICATE_RESTRICTED("Metrics certificate (restricted)", 4, AuthenticationMethod.TLS, false, false, false, true),
    OIDC_CLIENT("OIDC client", 5, AuthenticationMethod.OIDC, false, true, false, false),
    METRICS_CERTIFICATE_UNRESTRICTED("Metrics certificate (unrestricted)", 6, AuthenticationMethod.TLS, false, false, false, true),
    CLIENT_CERTIFICATE("Client certificate", 7, AuthenticationMethod.TLS, false, true, false, true),
    CLIENT_CERTIFICATE_PENDING("Client certificate (pending)", 8, AuthenticationMethod.TLS, false, true, true, false),
    DEVLXD_TOKEN_BEARER("DevLXD token bearer", 9, AuthenticationMethod.BEARER, false, true, false, true),
    CLIENT_TOKEN_BEARER("Client token bearer", 10, AuthenticationMethod.BEARER, false, true, false, true),
    INITIAL_UI_TOKEN_BEARER("Initial UI token bearer", 11, AuthenticationMethod.BEARER, true, false, false, true),
    CLUSTER_LINK_CERTIFICATE("Cluster link certificate", 12, AuthenticationMethod.TLS, false, true, false, true),
    CLUSTER_LINK_CERTIFICATE_PENDING("Cluster link certificate (pending)", 13, AuthenticationMethod.TLS, false, true, true, false);

    private final String apiName;
    private final int code;
    private final AuthenticationMethod method;
    private final boolean administrator;
    private final boolean fineGrained;
    private final boolean pending;
    private final boolean cacheable;

    IdentityType(String apiName, int code, AuthenticationMethod method, boolean administrator, boolean fineGrained, boolean pending, boolean cacheable)
    {
        this.apiName = apiName;
        this.code = code;
        this.method = method;
        this.administrator = administrator;
        this.fineGrained = fineGrained;
        this.pending = pending;
        this.cacheable = cacheable;
    }

    public String apiName()
    {
        return apiName;
    }

    public int code()
    {
        return code;
    }

    public AuthenticationMethod method()
    {
        return method;
    }

    public boolean administrator()
    {
        return administrator;
    }

    public boolean fineGrained()
    {
        return fineGrained;
    }

    public boolean pending()
    {
        return pending;
    }

    public boolean cacheable()
    {
        return cacheable;
    }

    /** The type a pending identity becomes when its token is redeemed. */
    public Optional<IdentityType> activeType()
    {
        return switch (this) {
            case CLIENT_CERTIFICATE_PENDING -> Optional.of(CLIENT_CERTIFICATE);
            case CLUSTER_LINK_CERTIFICATE_PENDING -> Optional.of(CLUSTER_LINK_CERTIFICATE);
            default -> Optional.empty();
        };
    }

    public static Optional<IdentityType> fromApiName(String name)
    {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    public static IdentityType fromCode(int code)
    {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown identity type code " + code));
    }
}
