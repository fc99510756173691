package dev.jxd.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /1.0/cluster/links} (spec §4.3, §4.7). One body serves every mode: pending creation,
 * creation with a token, server-to-server activation, and the two phases of public links.
 */
public record ClusterLinksPost(
        String name,
        String type,
        String description,
        Map<String, String> config,
        String trustToken,
        List<String> authGroups,
        String clusterCertificate,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String remoteAddress)
{
}
