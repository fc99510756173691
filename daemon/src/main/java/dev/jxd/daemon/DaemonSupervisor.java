package dev.jxd.daemon;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the process's daemon running until the process is told to stop. When the cluster removes this
 * member, the daemon stops and forgets the cluster, and the supervisor starts it again as a standalone
 * server on the same HTTPS address, as LXD's daemon restarts itself after leaving.
 */
final class DaemonSupervisor
{
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();
    private Daemon daemon; // guarded by this

    DaemonSupervisor(Daemon daemon)
    {
        this.daemon = requireNonNull(daemon, "daemon is null");
    }

    /** Returns once {@link #shutdown} was called; fails if the daemon cannot start again after leaving its cluster. */
    void run(DaemonOptions options)
            throws Exception
    {
        while (true) {
            Daemon current;
            synchronized (this) {
                current = daemon;
            }
            CompletableFuture.anyOf(current.leftCluster(), shutdown).join();
            synchronized (this) {
                if (shutdown.isDone()) {
                    return;
                }
                String httpsAddress = current.leftCluster().join();
                daemon = Daemon.start(options.standalone(httpsAddress));
            }
            System.err.printf("jxd was removed from its cluster and runs again as a standalone server on %s%n", options.stateDirectory());
        }
    }

    /** Stops the daemon; called by the process's shutdown hook. */
    void shutdown()
    {
        shutdown.complete(null);
        synchronized (this) {
            daemon.close();
        }
    }
}
