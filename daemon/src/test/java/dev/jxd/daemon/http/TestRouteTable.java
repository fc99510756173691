package dev.jxd.daemon.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestRouteTable
{
    private static final RouteHandler NOTHING = _ -> ApiResponse.empty();

    @Test
    void routeWithoutAccessRuleStopsStartUp()
    {
        RouteProvider provider = () -> List.of(new Route("GET", "/1.0/unguarded", null, NOTHING));
        assertThatThrownBy(() -> new RouteTable(List.of(provider)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Route GET /1.0/unguarded declares no access rule");
    }

    @Test
    void internalRouteOpenToRemoteCallersStopsStartUp()
    {
        RouteProvider provider = () -> List.of(Route.post("/internal/testing/x", AccessRule.server("admin"), NOTHING));
        assertThatThrownBy(() -> new RouteTable(List.of(provider)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Route POST /internal/testing/x is internal and must be local only");
    }

    @Test
    void duplicateRouteStopsStartUp()
    {
        RouteProvider provider = () -> List.of(Route.get("/1.0/x", AccessRule.authenticated(), NOTHING), Route.get("/1.0/x", AccessRule.authenticated(), NOTHING));
        assertThatThrownBy(() -> new RouteTable(List.of(provider))).hasMessageContaining("declared twice");
    }

    @Test
    void literalSegmentsWinOverParameters()
    {
        Route current = Route.get("/1.0/auth/identities/current", AccessRule.authenticated(), NOTHING);
        Route byMethod = Route.get("/1.0/auth/identities/{method}", AccessRule.authenticated(), NOTHING);
        RouteTable table = new RouteTable(List.of(() -> List.of(byMethod, current)));
        assertThat(table.match("GET", List.of("1.0", "auth", "identities", "current"))).isEqualTo(new RouteTable.Match.Found(current, java.util.Map.of()));
        assertThat(table.match("GET", List.of("1.0", "auth", "identities", "tls"))).isEqualTo(new RouteTable.Match.Found(byMethod, java.util.Map.of("method", "tls")));
        assertThat(table.match("DELETE", List.of("1.0", "auth", "identities", "tls"))).isInstanceOf(RouteTable.Match.MethodNotAllowed.class);
        assertThat(table.match("GET", List.of("1.0", "nothing"))).isInstanceOf(RouteTable.Match.NotFound.class);
    }

    @Test
    void pathSegmentsAreDecodedOneByOne()
    {
        assertThat(ApiHandler.segments("/1.0/auth/groups/a%2Fb/")).containsExactly("1.0", "auth", "groups", "a/b");
        assertThat(ApiHandler.segments("/1.0/projects/a+b")).containsExactly("1.0", "projects", "a+b");
        assertThat(ApiHandler.query("recursion=1&project=p%20q&flag")).containsEntry("project", List.of("p q")).containsEntry("flag", List.of(""));
    }
}
