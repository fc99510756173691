package dev.jxd.daemon.link;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of cluster link (spec §4.1), with LXD's database codes. */
public enum ClusterLinkType
{
    BIDIRECTIONAL("bidirectional", 0),
    UNIDIRECTIONAL("unidirectional", 1),
    PUBLIC("public", 2);

    private final String apiName;
    private final int code;

    ClusterLinkType(String apiName, int code)
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

    public static Optional<ClusterLinkType> fromApiName(String name)
    {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    public static ClusterLinkType fromCode(int code)
    {
        return Arrays.stream(values())
                .filter(type -> type.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown cluster link type code " + code));
    }
}
