package dev.jxd.daemon.link;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.link.ClusterLink;
import dev.jxd.api.link.ClusterLinkMemberState;
import dev.jxd.api.link.ClusterLinkPut;
import dev.jxd.api.link.ClusterLinkState;
import dev.jxd.api.operation.Requestor;
import dev.jxd.api.validate.Names;
import dev.jxd.api.validate.ValidationException;
import dev.jxd.client.ApiException;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.auth.AuthenticationMethod;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.identity.IdentityEvents;
import dev.jxd.daemon.link.ClusterLinkStore.DeletedLink;
import dev.jxd.daemon.link.ClusterLinkStore.LinkRow;
import dev.jxd.daemon.link.peer.HealthTarget;
import dev.jxd.daemon.link.peer.MemberHealth;
import dev.jxd.daemon.link.peer.PeerConnector;
import dev.jxd.daemon.link.peer.PeerCredentials;
import dev.jxd.daemon.link.peer.PeerException;
import dev.jxd.daemon.link.peer.PeerHealthMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Reading and managing existing cluster links (spec §4.9–4.15), their health, and their address refresh. */
final class ClusterLinkService
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterLinkService.class);

    private final StateStore store;
    private final Authorization authorization;
    private final ClusterLinkEvents events;
    private final IdentityEvents identityEvents;
    private final PeerConnector peers;
    private final PeerHealthMonitor health;
    private final CertificateAndKey networkCertificate;

    ClusterLinkService(
            StateStore store,
            Authorization authorization,
            ClusterLinkEvents events,
            IdentityEvents identityEvents,
            PeerConnector peers,
            PeerHealthMonitor health,
            CertificateAndKey networkCertificate)
    {
        this.store = requireNonNull(store, "store is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
        this.events = requireNonNull(events, "events is null");
        this.identityEvents = requireNonNull(identityEvents, "identityEvents is null");
        this.peers = requireNonNull(peers, "peers is null");
        this.health = requireNonNull(health, "health is null");
        this.networkCertificate = requireNonNull(networkCertificate, "networkCertificate is null");
    }

    /** The links the caller may view, ordered by name. */
    List<ClusterLink> list(Caller caller)
    {
        return store.read(connection -> ClusterLinkStore.list(connection).stream()
                .filter(link -> authorization.canView(caller, link.url()))
                .map(link -> view(link, ClusterLinkStore.usedBy(connection, link.name())))
                .toList());
    }

    ClusterLink get(String name)
    {
        return store.read(connection -> {
            LinkRow link = ClusterLinkStore.require(connection, name);
            return view(link, ClusterLinkStore.usedBy(connection, name));
        });
    }

    /** PUT ({@code patch} false) or PATCH (spec §4.10); {@code checkEtag} enforces {@code If-Match} on {@code {description, config}}. */
    void update(String name, ClusterLinkPut request, boolean patch, Consumer<ClusterLinkPut> checkEtag, Requestor requestor)
    {
        LinkRow link = store.read(connection -> ClusterLinkStore.require(connection, name));
        checkEtag.accept(writable(link));
        Map<String, String> config = ClusterLinkConfig.merge(link.config(), request.config(), patch);
        String requestedDescription = request.description() == null ? "" : request.description();
        String description = patch && requestedDescription.isEmpty() ? link.description() : requestedDescription;
        store.execute(new ClusterLinkStore.UpdateLink(name, description, config));
        events.updated(name, requestor);
    }

    void rename(String name, String newName, Requestor requestor)
    {
        try {
            Names.validateClusterLinkName(newName);
        }
        catch (ValidationException exception) {
            throw HttpStatusException.badRequest(exception.getMessage());
        }
        LinkRow before = store.execute(new ClusterLinkStore.RenameLink(name, newName));
        if (name.equals(newName)) {
            return;
        }
        health.forget(name);
        events.renamed(newName, name, requestor);
        // A bidirectional link's identity was renamed with it
        store.read(connection -> ClusterLinkStore.identity(connection, before))
                .ifPresent(row -> identityEvents.updated(AuthenticationMethod.TLS, row.identifier(), row.name(), row.type(), requestor, true));
    }

    void delete(String name, Requestor requestor)
    {
        DeletedLink deleted = store.execute(new ClusterLinkStore.DeleteLink(name));
        health.forget(name);
        events.deleted(name, requestor);
        deleted.identity().ifPresent(row -> identityEvents.deleted(AuthenticationMethod.TLS, row.identifier(), row.name(), row.type(), requestor, true));
    }

    /**
     * Probes every remote member now (spec §4.15), in parallel, with the prober's history (last contact) merged in.
     * A pending link has no members yet; LXD answers it with a 500.
     */
    ClusterLinkState state(String name)
    {
        LinkRow link = store.read(connection -> ClusterLinkStore.require(connection, name));
        Optional<HealthTarget> target = store.read(connection -> target(connection, link));
        if (target.isEmpty()) {
            return new ClusterLinkState(List.of());
        }
        return new ClusterLinkState(health.probe(target.get()).stream().map(ClusterLinkService::memberState).toList());
    }

    /** Every active link the prober watches. */
    List<HealthTarget> healthTargets()
    {
        return store.read(connection -> {
            List<HealthTarget> targets = new ArrayList<>();
            for (LinkRow link : ClusterLinkStore.list(connection)) {
                target(connection, link).ifPresent(targets::add);
            }
            return targets;
        });
    }

    /**
     * Replaces {@code volatile.addresses} with the remote's current member addresses (spec §4.13), after checking that
     * they serve the pinned certificate. Unlike LXD, an unclustered remote answers with its own addresses from
     * {@code GET /1.0} (LXD's refresh only works between clusters), and only the addresses are written, compared and
     * set in one command, so concurrent edits of other keys survive.
     */
    void refreshAddresses(String name)
    {
        LinkRow link = store.read(connection -> ClusterLinkStore.find(connection, name)).orElse(null);
        if (link == null || !link.active() || link.type() == ClusterLinkType.PUBLIC) {
            // Public links call anonymously, and an anonymous caller may not list the remote's members (spec §9.2 item 25)
            return;
        }
        Optional<HealthTarget> target = store.read(connection -> target(connection, link));
        if (target.isEmpty()) {
            return;
        }
        PeerCredentials credentials = target.get().credentials();
        List<String> current = link.addresses();
        List<String> remote = peers.callFirst(current, credentials, ClusterLinkService::memberAddresses).value();
        if (remote.isEmpty() || new HashSet<>(remote).equals(new HashSet<>(current))) {
            return;
        }
        peers.verifyCertificate(remote, Certificates.fingerprint(credentials.pinned()));
        String expected = link.config().getOrDefault(ClusterLinkConfig.ADDRESSES, "");
        if (store.execute(new ClusterLinkStore.ReplaceAddresses(name, expected, String.join(",", remote)))) {
            LOG.info("Cluster link \"{}\": addresses refreshed from {} to {}", name, current, remote);
        }
    }

    /** {@link #refreshAddresses} for a link that was just created or activated: failures are only logged. */
    void refreshAddressesQuietly(String name)
    {
        try {
            refreshAddresses(name);
        }
        catch (PeerException | HttpStatusException exception) {
            LOG.warn("Cluster link \"{}\": could not refresh addresses: {}", name, exception.getMessage());
        }
    }

    /** Refreshes every link (LXD's daily task); one link's failure does not stop the others. */
    void refreshAllAddresses()
    {
        for (String name : store.read(ClusterLinkStore::names)) {
            refreshAddressesQuietly(name);
        }
    }

    /** The remote's members, or the remote itself when it is not clustered. */
    private static List<String> memberAddresses(JxdClient client)
    {
        try {
            JsonNode members = client.get("/1.0/cluster/members?recursion=1").metadata();
            List<String> addresses = new ArrayList<>();
            for (JsonNode member : members) {
                String url = member.path("url").asString("");
                if (!url.isEmpty()) {
                    addresses.add(url.startsWith("https://") ? url.substring("https://".length()) : url);
                }
            }
            if (!addresses.isEmpty()) {
                return addresses;
            }
        }
        catch (ApiException exception) {
            if (exception.statusCode() != 404 && exception.statusCode() != 500) {
                throw exception;
            }
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : client.get("/1.0").metadata().path("environment").path("addresses")) {
            addresses.add(address.asString(""));
        }
        addresses.removeIf(String::isEmpty);
        return addresses;
    }

    private Optional<HealthTarget> target(Connection connection, LinkRow link)
    {
        if (!link.active()) {
            return Optional.empty();
        }
        return ClusterLinkStore.pinnedCertificate(connection, link)
                .map(pem -> new HealthTarget(link.name(), link.addresses(), credentials(link.type(), Certificates.parsePem(pem))));
    }

    /** Spec §4.11: links present this cluster's network certificate, except public links, which call anonymously. */
    PeerCredentials credentials(ClusterLinkType type, X509Certificate pinned)
    {
        return new PeerCredentials(pinned, type == ClusterLinkType.PUBLIC ? Optional.empty() : Optional.of(networkCertificate));
    }

    static ClusterLinkPut writable(LinkRow link)
    {
        return new ClusterLinkPut(link.description(), link.config());
    }

    private static ClusterLink view(LinkRow link, List<EntityUrl> usedBy)
    {
        return new ClusterLink(null, link.name(), link.description(), link.type().apiName(), link.config(), usedBy.stream().map(EntityUrl::url).toList());
    }

    private static ClusterLinkMemberState memberState(MemberHealth member)
    {
        return new ClusterLinkMemberState(
                member.serverName(),
                member.address(),
                member.status().apiName(),
                member.lastContact().orElse(null),
                member.roundTrip().map(duration -> duration.toNanos() / 1_000_000.0).orElse(null),
                member.certificateExpiresAt().orElse(null),
                member.failure().map(failure -> failure.describe()).orElse(""));
    }
}
