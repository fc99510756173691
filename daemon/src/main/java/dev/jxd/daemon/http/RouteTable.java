package dev.jxd.daemon.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The one routing table. Built once at start-up from every feature's routes; a route without an access
 * rule, or two routes for the same method and path, stop the daemon from starting.
 */
public final class RouteTable
{
    private final List<Route> routes;
    private final List<CompiledPath> paths;

    public RouteTable(Collection<RouteProvider> providers)
    {
        List<Route> all = new ArrayList<>();
        for (RouteProvider provider : providers) {
            all.addAll(provider.routes());
        }
        Set<String> seen = new HashSet<>();
        Map<String, CompiledPath> byTemplate = new LinkedHashMap<>();
        for (Route route : all) {
            if (route.accessRule() == null) {
                throw new IllegalStateException("Route " + route + " declares no access rule");
            }
            if (route.pathTemplate().startsWith("/internal/") && !(route.accessRule() instanceof AccessRule.LocalOnly)) {
                // LXD refuses /internal/ to remote callers whatever their permissions (spec §7)
                throw new IllegalStateException("Route " + route + " is internal and must be local only");
            }
            if (!seen.add(route.method() + " " + route.pathTemplate())) {
                throw new IllegalStateException("Route " + route + " is declared twice");
            }
            byTemplate.computeIfAbsent(route.pathTemplate(), CompiledPath::new).routes.put(route.method(), route);
        }
        this.routes = List.copyOf(all);
        // Literal segments win over parameters: /1.0/auth/identities/current before /1.0/auth/identities/{method}
        List<CompiledPath> ordered = new ArrayList<>(byTemplate.values());
        ordered.sort((left, right) -> Integer.compare(right.literalSegments, left.literalSegments));
        this.paths = List.copyOf(ordered);
    }

    public List<Route> routes()
    {
        return routes;
    }

    /** The result of looking up a request path. */
    public sealed interface Match
    {
        record Found(Route route, Map<String, String> pathParameters)
                implements Match {}

        /** The path exists but not for this method. */
        record MethodNotAllowed(Set<String> allowed)
                implements Match {}

        record NotFound()
                implements Match {}
    }

    public Match match(String method, List<String> segments)
    {
        requireNonNull(method, "method is null");
        for (CompiledPath path : paths) {
            Optional<Map<String, String>> parameters = path.match(segments);
            if (parameters.isPresent()) {
                Route route = path.routes.get(method);
                if (route == null) {
                    return new Match.MethodNotAllowed(path.routes.keySet());
                }
                return new Match.Found(route, parameters.get());
            }
        }
        return new Match.NotFound();
    }

    private static final class CompiledPath
    {
        private final String[] segments;
        private final int literalSegments;
        private final Map<String, Route> routes = new HashMap<>();

        CompiledPath(String template)
        {
            this.segments = template.substring(1).split("/");
            int literals = 0;
            for (String segment : segments) {
                if (!segment.startsWith("{")) {
                    literals++;
                }
            }
            this.literalSegments = literals;
        }

        Optional<Map<String, String>> match(List<String> requestSegments)
        {
            if (requestSegments.size() != segments.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = null;
            for (int index = 0; index < segments.length; index++) {
                String template = segments[index];
                String actual = requestSegments.get(index);
                if (template.startsWith("{")) {
                    if (actual.isEmpty()) {
                        return Optional.empty();
                    }
                    if (parameters == null) {
                        parameters = new HashMap<>(4);
                    }
                    parameters.put(template.substring(1, template.length() - 1), actual);
                }
                else if (!template.equals(actual)) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters == null ? Map.of() : parameters);
        }
    }
}
