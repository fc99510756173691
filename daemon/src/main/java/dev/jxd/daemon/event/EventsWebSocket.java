package dev.jxd.daemon.event;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.api.event.Event;
import dev.jxd.daemon.auth.Authorization;
import dev.jxd.daemon.http.ApiHandler;
import dev.jxd.daemon.http.Caller;
import dev.jxd.daemon.http.CallerResolver;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code /1.0/events} as a websocket in front of the API handler. The upgrade is authenticated
 * exactly like any request; {@code ?type=lifecycle,security} filters by type.
 */
public final class EventsWebSocket
{
    private final EventBus bus;
    private final CallerResolver callers;
    private final Authorization authorization;

    public EventsWebSocket(EventBus bus, CallerResolver callers, Authorization authorization)
    {
        this.bus = requireNonNull(bus, "bus is null");
        this.callers = requireNonNull(callers, "callers is null");
        this.authorization = requireNonNull(authorization, "authorization is null");
    }

    public Handler wrap(Server server, Handler next)
    {
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> container.addMapping("/1.0/events", (request, response, callback) -> {
            Caller caller = callers.resolve(request);
            if (!caller.trusted()) {
                ApiHandler.writeError(response, callback, 403, "Forbidden");
                return null;
            }
            Set<String> types = new HashSet<>();
            String query = request.getHttpURI().getQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith("type=")) {
                        types.addAll(Arrays.stream(pair.substring("type=".length()).split("%2C|,")).filter(type -> !type.isBlank()).toList());
                    }
                }
            }
            for (String type : types) {
                if (!EventBus.TYPES.contains(type)) {
                    ApiHandler.writeError(response, callback, 400, "Invalid event type \"" + type + "\"");
                    return null;
                }
            }
            return EventsEndpoint.subscribe(bus, types, event -> visible(caller, event));
        }));
        upgrade.setHandler(next);
        return upgrade;
    }

    private boolean visible(Caller caller, Event event)
    {
        if (event.project() != null && !event.project().isEmpty()
                && authorization.hasEntitlement(caller, EntityUrl.project(event.project()), "can_view_events")) {
            return true;
        }
        return authorization.hasEntitlement(caller, EntityUrl.server(), "can_view_events");
    }
}
