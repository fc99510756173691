package dev.jxd.cli;

import dev.jxd.api.json.Json;
import dev.jxd.client.FakeApiServer;
import dev.jxd.client.FakeApiServer.Exchange;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests a fake daemon received, for CLI tests. */
final class Exchanges
{
    private Exchanges() {}

    /** The requests with this method to this path, with or without a query. */
    static List<Exchange> requests(FakeApiServer server, String method, String path)
    {
        return server.exchanges().stream()
                .filter(exchange -> exchange.method().equals(method))
                .filter(exchange -> exchange.pathAndQuery().equals(path) || exchange.pathAndQuery().startsWith(path + "?"))
                .toList();
    }

    static Exchange last(FakeApiServer server, String method, String path)
    {
        List<Exchange> matching = requests(server, method, path);
        assertThat(matching).as("%s %s in %s", method, path, server.exchanges()).isNotEmpty();
        return matching.getLast();
    }

    static Exchange only(FakeApiServer server, String method, String path)
    {
        List<Exchange> matching = requests(server, method, path);
        assertThat(matching).as("%s %s in %s", method, path, server.exchanges()).hasSize(1);
        return matching.getFirst();
    }

    static JsonNode body(Exchange exchange)
    {
        return Json.lenient().readTree(exchange.body());
    }

    static JsonNode json(String text)
    {
        return Json.lenient().readTree(text);
    }
}
