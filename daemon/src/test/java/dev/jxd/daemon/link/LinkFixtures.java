package dev.jxd.daemon.link;

import dev.jxd.api.token.CertificateAddToken;
import dev.jxd.api.token.TrustTokens;
import dev.jxd.client.ApiException;
import dev.jxd.client.ApiResponse;
import dev.jxd.client.JxdClient;
import dev.jxd.daemon.db.Sql;
import dev.jxd.daemon.db.StateCommand;
import dev.jxd.daemon.testing.TestDaemon;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests and assertions shared by the cluster-link tests. */
final class LinkFixtures
{
    static final String LINKS = "/1.0/cluster/links";

    private LinkFixtures() {}

    static void createGroup(JxdClient admin, String name, String entityType, String url, String entitlement)
    {
        admin.post("/1.0/auth/groups", Map.of("name", name, "description", "",
                "permissions", List.of(Map.of("entity_type", entityType, "url", url, "entitlement", entitlement))));
    }

    /** Step 1 of a bidirectional link: a pending link and its token. */
    static ApiResponse createPending(JxdClient admin, String name, List<String> groups)
    {
        return admin.post(LINKS, Map.of("name", name, "type", "bidirectional", "auth_groups", groups));
    }

    static String pendingToken(JxdClient admin, String name, List<String> groups)
    {
        return TrustTokens.encode(createPending(admin, name, groups).metadataAs(CertificateAddToken.class));
    }

    /** Step 1 of a unidirectional link, on the target: a pending identity and its token. */
    static String unidirectionalToken(JxdClient admin, String name, List<String> groups)
    {
        return TrustTokens.encode(admin.post(LINKS, Map.of("name", name, "type", "unidirectional", "auth_groups", groups)).metadataAs(CertificateAddToken.class));
    }

    static ApiResponse createWithToken(JxdClient admin, String name, String type, String token, List<String> groups)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("trust_token", token);
        if (!groups.isEmpty()) {
            body.put("auth_groups", groups);
        }
        return admin.post(LINKS, body);
    }

    /** A bidirectional link from {@code first} (named {@code nameOnFirst} there) to {@code second}, both sides in {@code group}. */
    static void linkBidirectional(TestDaemon first, String nameOnFirst, TestDaemon second, String nameOnSecond, String group)
    {
        String token = pendingToken(first.unixClient(), nameOnFirst, List.of(group));
        createWithToken(second.unixClient(), nameOnSecond, "bidirectional", token, List.of(group));
    }

    static JsonNode link(JxdClient admin, String name)
    {
        return admin.get(LINKS + "/" + name).metadata();
    }

    static List<String> linkNames(JxdClient admin)
    {
        List<String> names = new ArrayList<>();
        for (JsonNode link : admin.get(LINKS + "?recursion=1").metadata()) {
            names.add(link.get("name").asString());
        }
        return names;
    }

    /** (name, type) of every TLS identity. */
    static List<String> identities(JxdClient admin)
    {
        List<String> identities = new ArrayList<>();
        for (JsonNode identity : admin.get("/1.0/auth/identities/tls?recursion=1").metadata()) {
            identities.add(identity.get("name").asString() + ": " + identity.get("type").asString());
        }
        return identities;
    }

    static List<String> memberStatuses(JxdClient admin, String name)
    {
        List<String> statuses = new ArrayList<>();
        for (JsonNode member : admin.get(LINKS + "/" + name + "/state").metadata().get("cluster_link_members")) {
            statuses.add(member.get("address").asString() + " " + member.get("status").asString());
        }
        return statuses;
    }

    static void assertError(ThrowingCallable call, int status, String message)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(status);
                    assertThat(exception.getMessage()).isEqualTo(message);
                });
    }

    static void assertErrorStartsWith(ThrowingCallable call, int status, String prefix)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, exception -> {
                    assertThat(exception.statusCode()).isEqualTo(status);
                    assertThat(exception.getMessage()).startsWith(prefix);
                });
    }

    /** Overwrites a link's addresses in the database, as a refresh would, to point it at addresses a test controls. */
    static void setAddresses(TestDaemon server, String link, String addresses)
    {
        StateCommand<Void> command = transaction -> {
            Sql.update(transaction, """
                    UPDATE cluster_links_config SET value = ?
                    WHERE key = 'volatile.addresses' AND cluster_link_id = (SELECT id FROM cluster_links WHERE name = ?)""", addresses, link);
            return null;
        };
        server.daemon().store().execute(command);
    }

    static long rowCount(TestDaemon server, String table)
    {
        return server.daemon().store().read(connection -> Sql.queryLong(connection, "SELECT COUNT(*) FROM " + table));
    }
}
