package dev.jxd.api.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /1.0}. Untrusted callers get {@code ServerUntrusted}: the fields after {@code auth_methods}
 * other than {@code config} are omitted for them, as LXD does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerInfo(
        List<String> apiExtensions,
        String apiStatus,
        String apiVersion,
        String auth,
        @JsonProperty("public") boolean isPublic,
        List<String> authMethods,
        boolean clientCertificate,
        Map<String, Object> config,
        String authUserName,
        String authUserMethod,
        Environment environment)
{
}
