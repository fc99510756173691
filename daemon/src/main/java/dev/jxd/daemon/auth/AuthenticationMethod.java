package dev.jxd.daemon.auth;

import java.util.Arrays;
import java.util.Optional;

/** Authentication methods with their database codes (spec §2.3). */
public enum AuthenticationMethod
{
    TLS("tls", 1),
    OIDC("oidc", 2),
    BEARER("bearer", 3);

    private final String apiName;
    private final int code;

    AuthenticationMethod(String apiName, int code)
    {
        this.apiName = apiName;
        this.code = code;
    }

    public String apiName()
    {
        return apiName;
    }

    public int code()
    {
        return code;
    }

    public static Optional<AuthenticationMethod> fromApiName(String name)
    {
        return Arrays.stream(values()).filter(method -> method.apiName.equals(name)).findFirst();
    }

    public static AuthenticationMethod fromCode(int code)
    {
        return Arrays.stream(values()).filter(method -> method.code == code).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown authentication method code " + code));
    }
}
