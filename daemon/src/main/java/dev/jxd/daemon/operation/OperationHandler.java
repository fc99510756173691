package dev.jxd.daemon.operation;

import dev.jxd.api.operation.Operation;
import dev.jxd.daemon.http.AccessRule;
import dev.jxd.daemon.http.ApiResponse;
import dev.jxd.daemon.http.HttpStatusException;
import dev.jxd.daemon.http.RequestContext;
import dev.jxd.daemon.http.Route;
import dev.jxd.daemon.http.RouteProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /1.0/operations}: listing, reading, waiting for and cancelling operations. Token operations show
 * their token's secret to whoever may view operations (as in LXD, where {@code lxc config trust list-tokens}
 * reads it back from there), so viewing needs {@code can_view_operations} on the server.
 */
public final class OperationHandler
        implements RouteProvider
{
    private final OperationManager operations;

    public OperationHandler(OperationManager operations)
    {
        this.operations = requireNonNull(operations, "operations is null");
    }

    @Override
    public List<Route> routes()
    {
        return List.of(
                Route.get("/1.0/operations", AccessRule.server("can_view_operations"), this::list),
                Route.get("/1.0/operations/{id}", AccessRule.server("can_view_operations"), this::get),
                // Cancelling revokes tokens (cluster join tokens among them), so viewing is not enough: LXD asks
                // for server can_edit (it also lets the operation's requestor cancel; jxd does not tell them apart)
                Route.delete("/1.0/operations/{id}", AccessRule.server("can_edit"), this::cancel),
                Route.get("/1.0/operations/{id}/wait", AccessRule.server("can_view_operations"), this::await));
    }

    private ApiResponse list(RequestContext request)
    {
        // LXD groups operations by status name: {"running": [...], "success": [...]}
        Map<String, List<Object>> grouped = new LinkedHashMap<>();
        for (Operation operation : operations.list()) {
            Object entry = request.recursion() > 0 ? operation : "/1.0/operations/" + operation.id();
            grouped.computeIfAbsent(operation.status().toLowerCase(Locale.ROOT), _ -> new ArrayList<>()).add(entry);
        }
        return ApiResponse.sync(grouped);
    }

    private ApiResponse get(RequestContext request)
    {
        return ApiResponse.sync(operations.get(request.pathParameter("id")).orElseThrow(() -> HttpStatusException.notFound("Operation not found")));
    }

    private ApiResponse cancel(RequestContext request)
    {
        operations.cancel(request.pathParameter("id"), request.requestor());
        return ApiResponse.empty();
    }

    private ApiResponse await(RequestContext request)
    {
        Duration timeout = Duration.ofSeconds(-1);
        String value = request.queryParameter("timeout");
        if (value != null) {
            try {
                timeout = Duration.ofSeconds(Long.parseLong(value));
            }
            catch (NumberFormatException exception) {
                throw HttpStatusException.badRequest("Invalid timeout \"" + value + "\"");
            }
        }
        return ApiResponse.sync(operations.await(request.pathParameter("id"), timeout));
    }
}
