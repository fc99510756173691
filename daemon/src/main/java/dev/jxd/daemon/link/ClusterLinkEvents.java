package dev.jxd.daemon.link;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.operation.Requestor;
import dev.jxd.daemon.event.EventBus;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The lifecycle events of cluster links (spec §4.16), and the health prober's status changes. */
final class ClusterLinkEvents
{
    static final String CREATED = "cluster-link-created";
    static final String UPDATED = "cluster-link-updated";
    static final String RENAMED = "cluster-link-renamed";
    static final String DELETED = "cluster-link-deleted";
    static final String MEMBER_STATUS_CHANGED = "cluster-link-member-status-changed";

    private final EventBus events;

    ClusterLinkEvents(EventBus events)
    {
        this.events = requireNonNull(events, "events is null");
    }

    void created(String name, Requestor requestor)
    {
        publish(CREATED, name, Map.of(), requestor);
    }

    void updated(String name, Requestor requestor)
    {
        publish(UPDATED, name, Map.of(), requestor);
    }

    void renamed(String newName, String oldName, Requestor requestor)
    {
        publish(RENAMED, newName, Map.of("old_name", oldName), requestor);
    }

    void deleted(String name, Requestor requestor)
    {
        publish(DELETED, name, Map.of(), requestor);
    }

    /** jxd's own event: a remote member of a link changed status (Active, Unreachable, Unauthenticated). */
    void memberStatusChanged(String name, String address, String serverName, String previousStatus, String status, String error)
    {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("address", address);
        context.put("server_name", serverName);
        context.put("old_status", previousStatus);
        context.put("status", status);
        if (!error.isEmpty()) {
            context.put("error", error);
        }
        publish(MEMBER_STATUS_CHANGED, name, context, new Requestor("", "", ""));
    }

    private void publish(String action, String name, Map<String, Object> context, Requestor requestor)
    {
        events.lifecycle(action, EntityUrl.clusterLink(name).url(), context, requestor, "");
    }
}
