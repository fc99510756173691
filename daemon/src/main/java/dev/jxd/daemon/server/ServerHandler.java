package dev.jxd.daemon.server;

import dev.jxd.api.server.Environment;
import dev.jxd.api.server.ServerInfo;
import dev.jxd.api.server.ServerPut;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiHandler;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.ETags;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code /} and {@code /1.0}. */
public final class ServerHandler
        implements RouteProvider
{
    private final ServerConfigService config;
    private final ServerIdentity identity;
    private final MembershipView membership;
    // Computed once: GET /1.0 is the hottest route
    private final String certificatePem;
    private final String certificateFingerprint;
    /** The ETag of the last configuration seen; config() returns the same map until the configuration changes. */
    private volatile TaggedConfig taggedConfig = new TaggedConfig(null, "");

    private record TaggedConfig(Map<String, String> config, String etag) {}

    public ServerHandler(ServerConfigService config, ServerIdentity identity)
    {
        this(config, identity, MembershipView.standalone());
    }

    public ServerHandler(ServerConfigService config, ServerIdentity identity, MembershipView membership)
    {
        this.membership = requireNonNull(membership, "membership is null");
        this.config = requireNonNull(config, "config is null");
        this.identity = requireNonNull(identity, "identity is null");
        this.certificatePem = identity.networkCertificate().certificatePem();
        this.certificateFingerprint = identity.networkCertificate().fingerprint();
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/", AccessRule.untrustedAllowed(), _ -> ApiResponse.sync(List.of("/1.0"))),
                Route.get("/1.0", AccessRule.untrustedAllowed(), this::get),
                Route.put("/1.0", AccessRule.server("can_edit"), request -> update(request, false)),
                Route.patch("/1.0", AccessRule.server("can_edit"), request -> update(request, true)));
    }

    private ApiResponse get(RequestContext request)
    {
        Caller caller = request.caller();
        if (!caller.trusted()) {
            Map<String, Object> publicConfig = new LinkedHashMap<>();
            config.config().forEach((key, value) -> {
                if (ServerConfigKeys.find(key).map(ConfigKey::publicKey).orElse(false)) {
                    publicConfig.put(key, value);
                }
            });
            return ApiResponse.sync(new ServerInfo(ApiExtensions.all(), "stable", "1.0", "untrusted", false, List.of("tls"),
                    caller.peerCertificate().isPresent(), publicConfig, null, null, null));
        }
        Map<String, String> stored = config.config();
        TaggedConfig tagged = taggedConfig;
        if (tagged.config() != stored) {
            tagged = new TaggedConfig(stored, ETags.of(new ServerPut(new LinkedHashMap<>(stored))));
            taggedConfig = tagged;
        }
        ServerInfo info = trustedInfo(new LinkedHashMap<>(stored), caller.username(), caller.protocol(), caller.peerCertificate().isPresent(), environment(
                membership.memberAddress().map(List::of).orElseGet(config::listenAddresses),
                certificatePem,
                certificateFingerprint,
                membership.clustered(),
                membership.memberName().orElse(identity.serverName()),
                identity.version()));
        return ApiResponse.syncWithEtag(info, tagged.etag());
    }

    private ApiResponse update(RequestContext request, boolean merge)
    {
        ETags.check(request, new ServerPut(new LinkedHashMap<>(config.config())));
        ServerPut body = request.body(ServerPut.class);
        config.update(body.config(), merge, request.requestor());
        return ApiResponse.empty();
    }

    private static ServerInfo trustedInfo(Map<String, Object> config, String username, String protocol, boolean clientCertificate, Environment environment)
    {
        return new ServerInfo(ApiExtensions.all(), "stable", "1.0", "trusted", false, List.of("tls"), clientCertificate, config, username, protocol, environment);
    }

    private static Environment environment(List<String> addresses, String certificatePem, String certificateFingerprint, boolean clustered, String serverName, String version)
    {
        return new Environment(
                addresses,
                List.of(architecture()),
                certificatePem,
                certificateFingerprint,
                "",
                "",
                "",
                "Linux",
                architecture(),
                System.getProperty("os.version"),
                "jxd",
                version,
                "default",
                "jxd",
                clustered,
                "full-mesh",
                serverName,
                ProcessHandle.current().pid(),
                version,
                "",
                "");
    }

    /**
     * Builds and encodes a {@code GET /1.0} answer with made-up values, so that a daemon that is starting can
     * prepare the serializers of the most common first request on a spare core (see {@link ApiHandler#prepareSerializers}).
     */
    public static void prepareSerializers()
    {
        Map<String, String> config = Map.of(ServerConfigKeys.HTTPS_ADDRESS, "127.0.0.1:8443");
        ETags.of(new ServerPut(new LinkedHashMap<>(config)));
        ApiHandler.prepareSerializers(trustedInfo(new LinkedHashMap<>(config), "", Caller.PROTOCOL_UNIX, false,
                environment(List.of("127.0.0.1:8443"), "", "", false, "", "")));
    }

    /** This machine's architecture in LXD's naming, as the server and its cluster member record report it. */
    public static String architecture()
    {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        };
    }
}
