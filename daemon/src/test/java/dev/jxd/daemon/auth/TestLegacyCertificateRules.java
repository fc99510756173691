package dev.jxd.daemon.auth;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Spec §2.7.5, one row per rule of LXD's TLS authorizer, for a certificate restricted to {@code default} and {@code web}. */
class TestLegacyCertificateRules
{
    private static final String SELF = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final Set<String> PROJECTS = Set.of("default", "web");
    private static final String RESTRICTED = "Certificate is restricted";
    private static final Optional<String> GRANTED = Optional.empty();

    static Stream<Arguments> restrictedClient()
    {
        return Stream.of(
                // server: only viewing resources, metrics and unmanaged networks
                arguments(EntityUrl.server(), "can_view_resources", GRANTED),
                arguments(EntityUrl.server(), "can_view_metrics", GRANTED),
                arguments(EntityUrl.server(), "can_view_unmanaged_networks", GRANTED),
                arguments(EntityUrl.server(), "can_view_operations", Optional.of(RESTRICTED)),
                arguments(EntityUrl.server(), "can_view_events", Optional.of(RESTRICTED)),
                arguments(EntityUrl.server(), "can_create_projects", Optional.of(RESTRICTED)),
                arguments(EntityUrl.server(), "can_create_identities", Optional.of(RESTRICTED)),
                arguments(EntityUrl.server(), "admin", Optional.of(RESTRICTED)),
                // itself, as an identity and as a certificate: view only
                arguments(EntityUrl.identity("tls", SELF), "can_view", GRANTED),
                arguments(EntityUrl.identity("tls", SELF), "can_edit", Optional.of(RESTRICTED)),
                arguments(EntityUrl.identity("tls", SELF), "can_delete", Optional.of(RESTRICTED)),
                arguments(EntityUrl.identity("tls", OTHER), "can_view", Optional.of(RESTRICTED)),
                arguments(EntityUrl.identity("oidc", SELF), "can_view", Optional.of(RESTRICTED)),
                arguments(EntityUrl.of(EntityType.CERTIFICATE, null, SELF), "can_view", GRANTED),
                arguments(EntityUrl.of(EntityType.CERTIFICATE, null, SELF), "can_edit", Optional.of(RESTRICTED)),
                arguments(EntityUrl.of(EntityType.CERTIFICATE, null, OTHER), "can_view", Optional.of(RESTRICTED)),
                // its projects: viewing and creating things in them, not editing or deleting them
                arguments(EntityUrl.project("default"), "can_view", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_instances", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_images", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_image_aliases", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_networks", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_network_acls", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_network_zones", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_profiles", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_storage_volumes", GRANTED),
                arguments(EntityUrl.project("web"), "can_create_storage_buckets", GRANTED),
                arguments(EntityUrl.project("web"), "can_view_events", GRANTED),
                arguments(EntityUrl.project("web"), "can_view_operations", GRANTED),
                arguments(EntityUrl.project("web"), "can_view_metrics", GRANTED),
                arguments(EntityUrl.project("web"), "can_edit", Optional.of(RESTRICTED)),
                arguments(EntityUrl.project("web"), "can_delete", Optional.of(RESTRICTED)),
                arguments(EntityUrl.project("web"), "can_create_replicators", Optional.of(RESTRICTED)),
                arguments(EntityUrl.project("web"), "can_create_placement_groups", Optional.of(RESTRICTED)),
                arguments(EntityUrl.project("web"), "operator", Optional.of(RESTRICTED)),
                arguments(EntityUrl.project("secret"), "can_view", Optional.of(RESTRICTED)),
                // anything inside its projects, with every entitlement; nothing inside other projects
                arguments(EntityUrl.instance("web", "c1"), "can_exec", GRANTED),
                arguments(EntityUrl.instance("default", "c1"), "can_delete", GRANTED),
                arguments(EntityUrl.replicator("web", "r1"), "can_edit", GRANTED),
                arguments(EntityUrl.instance("secret", "c1"), "can_view", Optional.of("User does not have permission for project \"secret\"")),
                arguments(EntityUrl.replicator("secret", "r1"), "can_view", Optional.of("User does not have permission for project \"secret\"")),
                // every other global entity
                arguments(EntityUrl.group("admins"), "can_view", Optional.of(RESTRICTED)),
                arguments(EntityUrl.clusterLink("peer"), "can_view", Optional.of(RESTRICTED)),
                arguments(EntityUrl.of(EntityType.STORAGE_POOL, null, "pool"), "can_edit", Optional.of(RESTRICTED)));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("restrictedClient")
    void restrictedClientCertificate(EntityUrl entity, String entitlement, Optional<String> expected)
    {
        assertThat(LegacyCertificateRules.denial(IdentityType.CLIENT_CERTIFICATE_RESTRICTED, SELF, PROJECTS, entity, entitlement)).isEqualTo(expected);
        // A restricted metrics certificate is authorized by the same rules
        assertThat(LegacyCertificateRules.denial(IdentityType.METRICS_CERTIFICATE_RESTRICTED, SELF, PROJECTS, entity, entitlement)).isEqualTo(expected);
    }

    static Stream<Arguments> unrestrictedMetrics()
    {
        return Stream.of(
                arguments(EntityUrl.server(), "can_view_metrics", GRANTED),
                arguments(EntityUrl.project("any"), "can_view_metrics", GRANTED),
                arguments(EntityUrl.instance("any", "c1"), "can_view_metrics", GRANTED),
                arguments(EntityUrl.server(), "can_view_resources", GRANTED),
                arguments(EntityUrl.project("any"), "can_view", Optional.of(RESTRICTED)),
                arguments(EntityUrl.server(), "can_view_operations", Optional.of(RESTRICTED)),
                arguments(EntityUrl.instance("any", "c1"), "can_view", Optional.of("User does not have permission for project \"any\"")));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @MethodSource("unrestrictedMetrics")
    void unrestrictedMetricsCertificate(EntityUrl entity, String entitlement, Optional<String> expected)
    {
        assertThat(LegacyCertificateRules.denial(IdentityType.METRICS_CERTIFICATE_UNRESTRICTED, SELF, Set.of(), entity, entitlement)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("typesAndWhetherTheRulesApply")
    void theRulesApplyToNonAdministratorsWithoutGroupsOnly(IdentityType type, boolean applies)
    {
        assertThat(LegacyCertificateRules.applies(type)).isEqualTo(applies);
    }

    static Stream<Arguments> typesAndWhetherTheRulesApply()
    {
        return Stream.of(IdentityType.values()).map(type -> arguments(type, switch (type) {
            case CLIENT_CERTIFICATE_RESTRICTED, METRICS_CERTIFICATE_RESTRICTED, METRICS_CERTIFICATE_UNRESTRICTED -> true;
            default -> false;
        }));
    }
}
