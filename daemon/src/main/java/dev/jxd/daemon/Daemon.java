package dev.jxd.daemon;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.cluster.ClusterFeature;
import dev.jxd.daemon.cluster.ClusterForwarder;
import dev.jxd.daemon.cluster.ClusterJoiner;
import dev.jxd.daemon.cluster.ClusterStore;
import dev.jxd.daemon.cluster.StateCommandCatalog;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.group.GroupStore;
import dev.jxd.daemon.identity.IdentityStore;
import dev.jxd.daemon.identity.TrustTokenStore;
import dev.jxd.daemon.project.ProjectStore;
import dev.jxd.daemon.group.GroupFeature;
import dev.jxd.daemon.identity.IdentityFeature;
import dev.jxd.daemon.identity.TrustTokenService;
import dev.jxd.daemon.link.ClusterLinkFeature;
import dev.jxd.daemon.metrics.MetricsHandler;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.SqliteNativeLibrary;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.event.EventsWebSocket;
import dev.jxd.daemon.http.ApiHandler;
import dev.jxd.daemon.http.ApiServer;
import dev.jxd.daemon.http.CallerResolver;
import dev.jxd.daemon.http.RouteProvider;
import dev.jxd.daemon.http.RouteTable;
import dev.jxd.daemon.http.TlsContexts;
import dev.jxd.daemon.operation.OperationHandler;
import dev.jxd.daemon.operation.OperationManager;
import dev.jxd.daemon.project.ProjectHandler;
import dev.jxd.daemon.project.ProjectService;
import dev.jxd.daemon.server.ListenAddress;
import dev.jxd.daemon.server.ServerConfigKeys;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerHandler;
import dev.jxd.daemon.server.ServerIdentity;
import dev.jxd.daemon.server.ServerConfigStore;
import dev.jxd.daemon.task.TaskScheduler;
import dev.jxd.daemon.ui.UiHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * One running jxd: wires the features together (constructor injection all the way down) and owns
 * their lifecycle.
 */
public final class Daemon
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    public static final String VERSION = "0.1.0";

    private final DaemonOptions options;
    private final Database database;
    private final ApiServer apiServer;
    private final ServerConfigService config;
    private final StateStore store;
    private final RouteTable routes;
    private final TaskScheduler tasks;
    private final ClusterLinkFeature clusterLinks;
    private final ClusterFeature cluster;
    private final ClusterForwarder forwarder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<String> leftCluster = new CompletableFuture<>();

    private Daemon(DaemonOptions options, Optional<ClusterJoiner.Accepted> joining)
            throws Exception
    {
        this.options = requireNonNull(options, "options is null");
        Path stateDirectory = options.stateDirectory();
        createPrivateDirectory(stateDirectory);
        createPrivateDirectory(stateDirectory.resolve("database"));
        // Creating a P-384 key (first start) or parsing one, and loading the security providers, is as much work
        // as opening the database: the two run side by side
        CompletableFuture<CertificateAndKey> certificateLoad = new CompletableFuture<>();
        Thread.ofPlatform().name("jxd-certificate").start(() -> {
            try {
                certificateLoad.complete(Certificates.loadOrCreate(stateDirectory, "server", false));
            }
            catch (RuntimeException | Error failure) {
                certificateLoad.completeExceptionally(failure);
                return;
            }
            // What the HTTPS listener needs next, prepared before the main thread gets there
            TlsContexts.prepare();
        });
        SqliteNativeLibrary.install(stateDirectory.resolve("native"));
        Path databaseFile = stateDirectory.resolve("database").resolve("local.db");
        boolean fresh = !Files.exists(databaseFile);
        this.database = Database.open(databaseFile);
        // Needs neither the certificate nor the state (its TLS context is made when HTTPS listens), so a first
        // start builds it while the key is still being generated; it holds no resource until started
        this.apiServer = new ApiServer(stateDirectory.resolve("unix.socket"), this::serverTlsContext, null);
        CertificateAndKey networkCertificate;
        try {
            networkCertificate = result(certificateLoad);
        }
        catch (Exception exception) {
            database.close();
            throw exception;
        }
        this.cluster = new ClusterFeature(stateDirectory, database, networkCertificate, () -> StateCommandCatalog.codec(List.of(
                ServerConfigStore.class, ProjectStore.class, IdentityStore.class, TrustTokenStore.class, GroupStore.class,
                ClusterLinkFeature.stateCommandHolder(), ClusterStore.class)));
        this.store = cluster.store();
        if (joining.isPresent()) {
            cluster.startJoinedMember(joining.get());
        }
        else if (cluster.member()) {
            cluster.restartMember();
        }

        // LXD's event location: the member name, or "none" on a standalone server
        EventBus events = new EventBus(options.clock(), () -> cluster.context().memberName().orElse("none"));
        OperationManager operations = new OperationManager(options.clock(), "none");
        this.config = new ServerConfigService(store, events, cluster.context());
        if (fresh && joining.isEmpty()) {
            Map<String, String> initial = new TreeMap<>();
            initial.put(ServerConfigKeys.HTTPS_ADDRESS, options.initialHttpsAddress().orElse(DaemonOptions.DEFAULT_HTTPS_ADDRESS));
            store.execute(new ServerConfigStore.ReplaceServerConfig(initial));
        }
        Authorization authorization = new Authorization(store);
        authorization.trustClusterCertificate(cluster::clusterFingerprint);
        // A member presents the cluster certificate, so linked clusters pin one certificate for all members
        ServerIdentity identity = new ServerIdentity(cluster.servedCertificate(), options.serverName(), VERSION);
        ProjectService projects = new ProjectService(store, authorization, events);

        this.tasks = new TaskScheduler();
        DaemonServices services = new DaemonServices(store, authorization, events, operations, config, identity, projects, tasks, options.clock());

        List<RouteProvider> providers = new ArrayList<>();
        providers.add(new ServerHandler(config, identity, cluster.context()));
        providers.add(new ProjectHandler(projects, authorization));
        providers.add(new OperationHandler(operations));
        // One token service: its failure limit must count failures at every entry point that redeems tokens
        TrustTokenService tokens = new TrustTokenService(services);
        providers.addAll(IdentityFeature.create(services, tokens));
        this.clusterLinks = new ClusterLinkFeature(services, tokens);
        providers.addAll(clusterLinks.routes());
        providers.addAll(GroupFeature.create(services, List.of(clusterLinks.entitySource())));
        providers.add(new MetricsHandler(List.of(clusterLinks.metricsSource())));
        providers.addAll(cluster.routes(services));
        this.routes = new RouteTable(providers);

        CallerResolver callers = new CallerResolver(authorization);
        this.forwarder = new ClusterForwarder(cluster);
        ApiHandler apiHandler = new ApiHandler(routes, callers, authorization, forwarder);
        // Graceful: stopping waits for the API requests in flight, so the answer to a leave notice reaches the leader
        apiServer.jetty().setHandler(new UiHandler(new EventsWebSocket(events, callers, authorization).wrap(apiServer.jetty(), new GracefulHandler(apiHandler))));
        cluster.removedFromCluster().thenRun(() -> Thread.ofPlatform().name("jxd-leave-cluster").start(this::leaveCluster));
    }

    /**
     * Completes, with this member's HTTPS address, once the cluster removed this member and the daemon
     * stopped and forgot the cluster; the state directory then starts as a standalone server.
     */
    public CompletableFuture<String> leftCluster()
    {
        return leftCluster;
    }

    private void leaveCluster()
    {
        try {
            String httpsAddress = config.value(ServerConfigKeys.HTTPS_ADDRESS);
            close();
            ClusterFeature.forgetCluster(options.stateDirectory());
            leftCluster.complete(httpsAddress);
        }
        catch (RuntimeException | Error failure) {
            LOG.error("Leaving the cluster failed", failure);
            leftCluster.completeExceptionally(failure);
        }
    }

    public static Daemon start(DaemonOptions options)
            throws Exception
    {
        if (options.join().isPresent()) {
            return join(options, options.join().get());
        }
        Daemon daemon = new Daemon(options, Optional.empty());
        try {
            daemon.startListening();
        }
        catch (Exception exception) {
            daemon.close();
            throw exception;
        }
        return daemon;
    }

    /**
     * Joins a cluster: nothing is written until the cluster accepts the token, and a join that fails after
     * that removes what it wrote, so the state directory is either a member's or as it was.
     */
    private static Daemon join(DaemonOptions options, DaemonOptions.JoinOptions join)
            throws Exception
    {
        Path stateDirectory = options.stateDirectory();
        ClusterJoiner.Accepted accepted = ClusterJoiner.requestAdmission(join.token(), join.address(), join.raftAddress(), stateDirectory);
        boolean directoryExisted = Files.isDirectory(stateDirectory);
        Daemon daemon = null;
        try {
            createPrivateDirectory(stateDirectory);
            ClusterJoiner.writeMemberFiles(accepted, stateDirectory);
            daemon = new Daemon(options, Optional.of(accepted));
            daemon.cluster.activateJoinedMember(accepted, JOIN_CATCH_UP_TIMEOUT);
            daemon.config.invalidate();
            daemon.startListening();
            return daemon;
        }
        catch (Exception | Error exception) {
            if (daemon != null) {
                daemon.close();
            }
            ClusterJoiner.removeMemberFiles(stateDirectory, directoryExisted);
            throw exception;
        }
    }

    private static final Duration JOIN_CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

    private void startListening()
            throws Exception
    {
        apiServer.start();
        applyHttpsAddress(config.value(ServerConfigKeys.HTTPS_ADDRESS));
        // The member's own value, not the changed map: a member's address is not part of the shared configuration
        config.addListener(_ -> applyHttpsAddressQuietly(config.value(ServerConfigKeys.HTTPS_ADDRESS)));
    }

    private void applyHttpsAddressQuietly(String address)
    {
        try {
            applyHttpsAddress(address);
        }
        catch (Exception exception) {
            LOG.error("Cannot listen on core.https_address \"{}\": {}", address, exception.getMessage());
        }
    }

    private void applyHttpsAddress(String address)
            throws Exception
    {
        if (address.isEmpty()) {
            apiServer.listenHttps(null, 0);
            return;
        }
        ListenAddress listen = ListenAddress.parse(address, ServerConfigService.DEFAULT_PORT);
        apiServer.listenHttps(listen.wildcard() ? "" : listen.host(), listen.port());
        apiServer.httpsPort().ifPresent(config::boundHttpsPort);
    }

    // A member presents the cluster certificate, so linked clusters pin one certificate for all members
    private SSLContext serverTlsContext()
    {
        return TlsContexts.server(cluster.servedCertificate());
    }

    public Path stateDirectory()
    {
        return options.stateDirectory();
    }

    public Path socketPath()
    {
        return options.stateDirectory().resolve("unix.socket");
    }

    public Optional<Integer> httpsPort()
    {
        return apiServer.httpsPort();
    }

    public RouteTable routes()
    {
        return routes;
    }

    public StateStore store()
    {
        return store;
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tasks.close();
        apiServer.close();
        forwarder.close();
        clusterLinks.close();
        cluster.close();
        database.close();
    }

    /** The future's result, or what it failed with. */
    private static <T> T result(CompletableFuture<T> future)
            throws Exception
    {
        try {
            return future.get();
        }
        catch (ExecutionException exception) {
            if (exception.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) exception.getCause();
        }
    }

    private static void createPrivateDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        }
    }
}
