package dev.jxd.daemon;

import dev.jxd.api.cert.CertificateAndKey;
import dev.jxd.api.cert.Certificates;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.common.DaemonServices;
import dev.jxd.daemon.group.GroupFeature;
import dev.jxd.daemon.identity.IdentityFeature;
import dev.jxd.daemon.identity.TrustTokenService;
import dev.jxd.daemon.link.ClusterLinkFeature;
import dev.jxd.daemon.metrics.MetricsHandler;
import dev.jxd.daemon.db.Database;
import dev.jxd.daemon.db.LocalStateStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    private Daemon(DaemonOptions options)
            throws Exception
    {
        this.options = requireNonNull(options, "options is null");
        Path stateDirectory = options.stateDirectory();
        createPrivateDirectory(stateDirectory);
        createPrivateDirectory(stateDirectory.resolve("database"));
        SqliteNativeLibrary.install(stateDirectory.resolve("native"));
        CertificateAndKey networkCertificate = Certificates.loadOrCreate(stateDirectory, "server", false);
        Path databaseFile = stateDirectory.resolve("database").resolve("local.db");
        boolean fresh = !Files.exists(databaseFile);
        this.database = Database.open(databaseFile);
        this.store = new LocalStateStore(database);

        EventBus events = new EventBus(options.clock(), "none");
        OperationManager operations = new OperationManager(options.clock(), "none");
        this.config = new ServerConfigService(store, events);
        if (fresh) {
            Map<String, String> initial = new TreeMap<>();
            initial.put(ServerConfigKeys.HTTPS_ADDRESS, options.initialHttpsAddress().orElse(DaemonOptions.DEFAULT_HTTPS_ADDRESS));
            store.execute(new ServerConfigStore.ReplaceServerConfig(initial));
        }
        Authorization authorization = new Authorization(store);
        ServerIdentity identity = new ServerIdentity(networkCertificate, options.serverName(), VERSION);
        ProjectService projects = new ProjectService(store, authorization, events);

        this.tasks = new TaskScheduler();
        DaemonServices services = new DaemonServices(store, authorization, events, operations, config, identity, projects, tasks, options.clock());

        List<RouteProvider> providers = new ArrayList<>();
        providers.add(new ServerHandler(config, identity));
        providers.add(new ProjectHandler(projects, authorization));
        providers.add(new OperationHandler(operations));
        // One token service: its failure limit must count failures at every entry point that redeems tokens
        TrustTokenService tokens = new TrustTokenService(services);
        providers.addAll(IdentityFeature.create(services, tokens));
        this.clusterLinks = new ClusterLinkFeature(services, tokens);
        providers.addAll(clusterLinks.routes());
        providers.addAll(GroupFeature.create(services, List.of(clusterLinks.entitySource())));
        providers.add(new MetricsHandler(List.of(clusterLinks.metricsSource())));
        this.routes = new RouteTable(providers);

        CallerResolver callers = new CallerResolver(authorization);
        ApiHandler apiHandler = new ApiHandler(routes, callers, authorization);
        this.apiServer = new ApiServer(stateDirectory.resolve("unix.socket"), () -> TlsContexts.server(networkCertificate), null);
        apiServer.jetty().setHandler(new EventsWebSocket(events, callers, authorization).wrap(apiServer.jetty(), apiHandler));
    }

    public static Daemon start(DaemonOptions options)
            throws Exception
    {
        Daemon daemon = new Daemon(options);
        try {
            daemon.apiServer.start();
            daemon.applyHttpsAddress(daemon.config.value(ServerConfigKeys.HTTPS_ADDRESS));
            daemon.config.addListener(changed -> daemon.applyHttpsAddressQuietly(changed.getOrDefault(ServerConfigKeys.HTTPS_ADDRESS, "")));
        }
        catch (Exception exception) {
            daemon.close();
            throw exception;
        }
        return daemon;
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
        tasks.close();
        apiServer.close();
        clusterLinks.close();
        database.close();
    }

    private static void createPrivateDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        }
    }
}
