package dev.jxd.it.cluster;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one member serves of the replicated state, read locally over its unix socket: auth groups, identities,
 * cluster links and projects, each listed with {@code recursion=1}. Members that have applied the same log serve
 * equal values.
 */
record ReplicatedState(JsonNode groups, JsonNode identities, JsonNode links, JsonNode projects)
{
    ReplicatedState
    {
        requireNonNull(groups, "groups is null");
        requireNonNull(identities, "identities is null");
        requireNonNull(links, "links is null");
        requireNonNull(projects, "projects is null");
    }

    static ReplicatedState of(DaemonProcess member)
    {
        return new ReplicatedState(
                member.admin().get("/1.0/auth/groups?recursion=1").metadata(),
                member.admin().get("/1.0/auth/identities?recursion=1").metadata(),
                member.admin().get("/1.0/cluster/links?recursion=1").metadata(),
                member.admin().get("/1.0/projects?recursion=1").metadata());
    }

    /** Every member's state, by member name. */
    static Map<String, ReplicatedState> ofEach(List<DaemonProcess> members)
    {
        Map<String, ReplicatedState> states = new LinkedHashMap<>();
        members.forEach(member -> states.put(member.name(), of(member)));
        return states;
    }

    /** Group names in the order listed, duplicates kept. */
    List<String> groupNames()
    {
        return names(groups);
    }

    List<String> linkNames()
    {
        return names(links);
    }

    /** Names of the pending identities that pending bidirectional links made. */
    List<String> pendingLinkIdentityNames()
    {
        List<String> names = new ArrayList<>();
        for (JsonNode identity : identities) {
            if (identity.path("type").asString("").equals("Cluster link certificate (pending)")) {
                names.add(identity.path("name").asString(""));
            }
        }
        return names;
    }

    private static List<String> names(JsonNode entries)
    {
        List<String> names = new ArrayList<>();
        for (JsonNode entry : entries) {
            names.add(entry.path("name").asString(""));
        }
        return names;
    }
}
