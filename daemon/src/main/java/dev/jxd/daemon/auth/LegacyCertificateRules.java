package dev.jxd.daemon.auth;

import dev.jxd.api.entity.EntityUrl;

import java.util.Optional;
import java.util.Set;

/**
 * LXD's TLS authorizer for certificates that do not use fine-grained authorization (spec §2.7.5, LXD's
 * {@code lxd/auth/drivers/tls.go}): restricted client certificates and metrics certificates. They hold no
 * groups; what they may do follows from their type and the projects they are restricted to.
 *
 * <p>Denials are 403 with LXD's message, never the 404 of fine-grained callers: LXD's TLS authorizer does
 * not hide existence from these callers either.
 */
final class LegacyCertificateRules
{
    static final String RESTRICTED = "Certificate is restricted";

    private static final Set<String> SERVER_ENTITLEMENTS = Set.of("can_view_resources", "can_view_metrics", "can_view_unmanaged_networks");
    private static final Set<String> PROJECT_ENTITLEMENTS = Set.of(
            "can_view",
            "can_create_images",
            "can_create_image_aliases",
            "can_create_instances",
            "can_create_networks",
            "can_create_network_acls",
            "can_create_network_zones",
            "can_create_profiles",
            "can_create_storage_volumes",
            "can_create_storage_buckets",
            "can_view_events",
            "can_view_operations",
            "can_view_metrics");

    private LegacyCertificateRules() {}

    /**
     * Why {@code entitlement} on {@code entity} is denied to the certificate, or empty when it is granted.
     *
     * @param fingerprint the caller's identifier: it may view its own identity and certificate
     * @param projects the projects the certificate is restricted to
     */
    static Optional<String> denial(IdentityType type, String fingerprint, Set<String> projects, EntityUrl entity, String entitlement)
    {
        if (type == IdentityType.METRICS_CERTIFICATE_UNRESTRICTED && entitlement.equals("can_view_metrics")) {
            return Optional.empty();
        }
        if (entity.type().isProjectScoped()) {
            if (projects.contains(entity.project())) {
                return Optional.empty();
            }
            return Optional.of("User does not have permission for project \"" + entity.project() + "\"");
        }
        boolean granted = switch (entity.type()) {
            case SERVER -> SERVER_ENTITLEMENTS.contains(entitlement);
            case IDENTITY -> entitlement.equals("can_view")
                    && entity.pathArguments().get(0).equals(AuthenticationMethod.TLS.apiName())
                    && entity.pathArguments().get(1).equals(fingerprint);
            case CERTIFICATE -> entitlement.equals("can_view") && entity.pathArguments().getFirst().equals(fingerprint);
            case PROJECT -> projects.contains(entity.pathArguments().getFirst()) && PROJECT_ENTITLEMENTS.contains(entitlement);
            default -> false;
        };
        return granted ? Optional.empty() : Optional.of(RESTRICTED);
    }

    /** Whether callers of this type are authorized by these rules rather than by groups. */
    static boolean applies(IdentityType type)
    {
        return !type.fineGrained() && !type.administrator() && type.method() == AuthenticationMethod.TLS && !type.pending();
    }
}
