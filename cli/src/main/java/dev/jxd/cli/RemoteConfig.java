package dev.jxd.cli;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code remotes:} in {@code config.yml}, with {@code lxc}'s field names.
 *
 * @param addr {@code unix://} (the daemon's default socket), {@code unix:///path/to/socket} or {@code https://host:port}
 * @param project the remote's current project; empty for {@code default}
 */
@JsonPropertyOrder({"addr", "auth_type", "project", "protocol", "public"})
record RemoteConfig(
        String addr,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String authType,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String project,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String protocol,
        @JsonProperty("public") boolean isPublic)
{
    static final String UNIX_SCHEME = "unix:";
    static final String PROTOCOL = "lxd";
    static final String AUTH_TYPE_TLS = "tls";

    RemoteConfig
    {
        requireNonNull(addr, "addr is null");
        authType = authType == null ? "" : authType;
        project = project == null ? "" : project;
        protocol = protocol == null ? "" : protocol;
    }

    static RemoteConfig local()
    {
        return new RemoteConfig("unix://", "", "", "", false);
    }

    static RemoteConfig https(String url)
    {
        return new RemoteConfig(url, AUTH_TYPE_TLS, "", PROTOCOL, false);
    }

    @JsonIgnore
    boolean isUnixSocket()
    {
        return addr.startsWith(UNIX_SCHEME);
    }

    RemoteConfig withProject(String newProject)
    {
        return new RemoteConfig(addr, authType, newProject, protocol, isPublic);
    }
}
