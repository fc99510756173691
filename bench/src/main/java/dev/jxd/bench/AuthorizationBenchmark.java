package dev.jxd.bench;

import dev.jxd.api.entity.EntityUrl;
import dev.jxd.daemon.auth.model.Grant;
import dev.jxd.daemon.auth.model.PermissionIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fine-grained authorization checks against a realistic snapshot: 1,000 groups holding 10,000 permissions on the
 * server, projects, instances and cluster links, and 10,000 identities in a few groups each. The target is at least
 * one million checks per second on one thread.
 *
 * <p>Half of the checked triples are derived from a permission one of the identity's groups holds (mostly allowed,
 * often by implication), half are random (mostly denied), so both outcomes are exercised.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AuthorizationBenchmark
{
    private static final int GROUPS = 1_000;
    private static final int PERMISSIONS = 10_000;
    private static final int IDENTITIES = 10_000;
    private static final int PROJECTS = 50;
    private static final int INSTANCES_PER_PROJECT = 200;
    private static final int CLUSTER_LINKS = 20;
    // A power of two, so the rotation is a mask
    private static final int CHECKS = 1 << 14;

    private static final List<String> SERVER_ENTITLEMENTS = List.of("viewer", "can_view_projects", "can_view_cluster_links", "can_edit_cluster_links");
    private static final List<String> PROJECT_ENTITLEMENTS = List.of("operator", "viewer", "instance_manager", "can_view_instances",
            "can_operate_instances", "replicator_manager");
    private static final List<String> INSTANCE_ENTITLEMENTS = List.of("user", "operator", "can_view", "can_edit");
    private static final List<String> LINK_ENTITLEMENTS = List.of("can_view", "can_edit");
    private static final List<String> CHECKED_INSTANCE_ENTITLEMENTS = List.of("can_view", "can_exec", "can_edit", "can_update_state");
    private static final List<String> CHECKED_LINK_ENTITLEMENTS = List.of("can_view", "can_edit", "can_delete");
    private static final List<String> CHECKED_PROJECT_ENTITLEMENTS = List.of("can_view", "can_edit", "can_create_instances");

    private PermissionIndex index;
    private String[] identityUrls;
    private EntityUrl[] entities;
    private String[] entitlements;
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        Random random = new Random(42);
        Map<String, List<Grant>> grantsByGroup = new HashMap<>();
        for (int permission = 0; permission < PERMISSIONS; permission++) {
            grantsByGroup.computeIfAbsent(groupName(permission % GROUPS), _ -> new ArrayList<>()).add(randomGrant(random));
        }

        Map<String, Set<String>> groupsByIdentity = new HashMap<>();
        List<String> identities = new ArrayList<>();
        for (int identity = 0; identity < IDENTITIES; identity++) {
            String url = EntityUrl.identity("tls", "%064x".formatted(identity)).url();
            Set<String> groups = new LinkedHashSet<>();
            int count = 1 + random.nextInt(3);
            while (groups.size() < count) {
                groups.add(groupName(random.nextInt(GROUPS)));
            }
            groupsByIdentity.put(url, groups);
            identities.add(url);
        }
        index = PermissionIndex.build(groupsByIdentity, grantsByGroup);

        identityUrls = new String[CHECKS];
        entities = new EntityUrl[CHECKS];
        entitlements = new String[CHECKS];
        int allowed = 0;
        for (int check = 0; check < CHECKS; check++) {
            String identity = identities.get(random.nextInt(IDENTITIES));
            EntityUrl entity;
            if (check % 2 == 0) {
                entity = relatedEntity(random, grantsByGroup.get(groupsByIdentity.get(identity).iterator().next()));
            }
            else {
                entity = randomEntity(random);
            }
            identityUrls[check] = identity;
            entities[check] = entity;
            entitlements[check] = checkedEntitlement(random, entity);
            if (index.check(identity, entity, entitlements[check])) {
                allowed++;
            }
        }
        System.out.printf("%n%d of %d checked triples are allowed%n", allowed, CHECKS);
    }

    @Benchmark
    public boolean check()
    {
        int current = next++ & (CHECKS - 1);
        return index.check(identityUrls[current], entities[current], entitlements[current]);
    }

    private static Grant randomGrant(Random random)
    {
        int kind = random.nextInt(100);
        if (kind < 2) {
            return new Grant(EntityUrl.server().url(), pick(random, SERVER_ENTITLEMENTS));
        }
        if (kind < 32) {
            return new Grant(EntityUrl.project(projectName(random.nextInt(PROJECTS))).url(), pick(random, PROJECT_ENTITLEMENTS));
        }
        if (kind < 90) {
            return new Grant(randomInstance(random).url(), pick(random, INSTANCE_ENTITLEMENTS));
        }
        return new Grant(EntityUrl.clusterLink(linkName(random.nextInt(CLUSTER_LINKS))).url(), pick(random, LINK_ENTITLEMENTS));
    }

    // An entity the grant applies to, directly or as an ancestor
    private static EntityUrl relatedEntity(Random random, List<Grant> grants)
    {
        if (grants == null || grants.isEmpty()) {
            return randomEntity(random);
        }
        EntityUrl granted = EntityUrl.parse(grants.get(random.nextInt(grants.size())).entityUrl());
        return switch (granted.type()) {
            case SERVER -> randomEntity(random);
            case PROJECT -> EntityUrl.instance(granted.pathArguments().getFirst(), instanceName(random.nextInt(INSTANCES_PER_PROJECT)));
            default -> granted;
        };
    }

    private static EntityUrl randomEntity(Random random)
    {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return EntityUrl.clusterLink(linkName(random.nextInt(CLUSTER_LINKS)));
        }
        if (kind == 1) {
            return EntityUrl.project(projectName(random.nextInt(PROJECTS)));
        }
        return randomInstance(random);
    }

    private static EntityUrl randomInstance(Random random)
    {
        return EntityUrl.instance(projectName(random.nextInt(PROJECTS)), instanceName(random.nextInt(INSTANCES_PER_PROJECT)));
    }

    private static String checkedEntitlement(Random random, EntityUrl entity)
    {
        return switch (entity.type()) {
            case CLUSTER_LINK -> pick(random, CHECKED_LINK_ENTITLEMENTS);
            case PROJECT -> pick(random, CHECKED_PROJECT_ENTITLEMENTS);
            default -> pick(random, CHECKED_INSTANCE_ENTITLEMENTS);
        };
    }

    private static String pick(Random random, List<String> values)
    {
        return values.get(random.nextInt(values.size()));
    }

    private static String groupName(int group)
    {
        return "group-" + group;
    }

    private static String projectName(int project)
    {
        return "project-" + project;
    }

    private static String instanceName(int instance)
    {
        return "instance-" + instance;
    }

    private static String linkName(int link)
    {
        return "link-" + link;
    }
}
