package dev.jxd.daemon.common;

import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.db.StateStore;
import dev.jxd.daemon.event.EventBus;
import dev.jxd.daemon.operation.OperationManager;
import dev.jxd.daemon.project.ProjectService;
import dev.jxd.daemon.server.ServerConfigService;
import dev.jxd.daemon.server.ServerIdentity;
import dev.jxd.daemon.task.TaskScheduler;

import java.time.InstantSource;

import static java.util.Objects.requireNonNull;

/** The shared services a feature is built from. */
public record DaemonServices(
        StateStore store,
        Authorization authorization,
        EventBus events,
        OperationManager operations,
        ServerConfigService config,
        ServerIdentity identity,
        ProjectService projects,
        TaskScheduler tasks,
        InstantSource clock)
{
    public DaemonServices
    {
        requireNonNull(store, "store is null");
        requireNonNull(authorization, "authorization is null");
        requireNonNull(events, "events is null");
        requireNonNull(operations, "operations is null");
        requireNonNull(config, "config is null");
        requireNonNull(identity, "identity is null");
        requireNonNull(projects, "projects is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(clock, "clock is null");
    }
}
