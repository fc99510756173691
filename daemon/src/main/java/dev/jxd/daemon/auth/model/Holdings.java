package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;
import dev.jxd.api.entity.EntityUrl;

/**
 * The relations one identity (or, while building, one group) holds directly: a mask for the server and an
 * open-addressing table from {@link EntityIds} id to mask for everything else. The table interleaves keys and masks in
 * one array so that a probe touches one cache line, and checks allocate nothing. Immutable once built.
 */
final class Holdings
{
    // Keys are stored as id + 1 so that 0 marks an empty slot
    private static final long EMPTY = 0;
    private static final long SELF_BITS = AuthorizationModel.bit(EntityType.IDENTITY, "can_view") | AuthorizationModel.bit(EntityType.IDENTITY, "can_delete");

    private final EntityIds ids;
    private final long serverMask;
    // Bit per EntityType ordinal with anything held on entities of that type, so most id lookups can be skipped
    private final long presentTypes;
    // [key, mask] pairs; the number of pairs is a power of two
    private final long[] table;
    // Identities may always view and delete themselves; kept apart because unknown identities have no id
    private final EntityUrl self;

    private Holdings(EntityIds ids, long serverMask, long presentTypes, long[] table, EntityUrl self)
    {
        this.ids = ids;
        this.serverMask = serverMask;
        this.presentTypes = presentTypes;
        this.table = table;
        this.self = self;
    }

    static Builder builder(EntityIds ids)
    {
        return new Builder(ids);
    }

    /** Whether these holdings imply {@code relation}, which must have been compiled for {@code entity}'s type. */
    boolean holds(EntityUrl entity, CompiledRelation relation)
    {
        // Farthest ancestor first: the server mask is a field read, a project one lookup by name
        for (int distance = relation.depth() - 1; distance >= 0; distance--) {
            long mask = relation.mask(distance);
            if (mask != 0 && (held(entity, distance, relation.ancestorType(distance)) & mask) != 0) {
                return true;
            }
        }
        return false;
    }

    private long held(EntityUrl entity, int distance, EntityType ancestorType)
    {
        if (ancestorType == EntityType.SERVER) {
            return serverMask;
        }
        if ((presentTypes & typeBit(ancestorType)) == 0 && ancestorType != EntityType.IDENTITY) {
            return 0;
        }
        if (ancestorType == EntityType.PROJECT) {
            return maskOf(ids.project(distance == 0 ? entity.pathArguments().getFirst() : entity.project()));
        }
        EntityUrl ancestor = entity;
        for (int step = 0; step < distance; step++) {
            ancestor = ancestor.parent().orElseThrow();
        }
        long held = (presentTypes & typeBit(ancestorType)) == 0 ? 0 : maskOf(ids.entity(ancestor));
        if (ancestorType == EntityType.IDENTITY && ancestor.equals(self)) {
            held |= SELF_BITS;
        }
        return held;
    }

    private long maskOf(int id)
    {
        if (id == EntityIds.ABSENT) {
            return 0;
        }
        return find(table, id + 1);
    }

    private static long find(long[] table, long key)
    {
        int last = table.length / 2 - 1;
        for (int slot = spread(key) & last; ; slot = (slot + 1) & last) {
            long candidate = table[2 * slot];
            if (candidate == key) {
                return table[2 * slot + 1];
            }
            if (candidate == EMPTY) {
                return 0;
            }
        }
    }

    private static long typeBit(EntityType type)
    {
        return 1L << type.ordinal();
    }

    private static int spread(long key)
    {
        return (int) key * 0x9E3779B9 >>> 7;
    }

    /** Collects holdings; also used for the grants of one group. Not thread-safe. */
    static final class Builder
    {
        private final EntityIds ids;
        private long serverMask;
        private long presentTypes;
        private long[] table = new long[2 * 8];
        private int size;
        private EntityUrl self;

        private Builder(EntityIds ids)
        {
            this.ids = ids;
        }

        /** Adds bits on an entity, assigning it an id if needed (only while the index is built). */
        Builder add(EntityUrl entity, long bits)
        {
            if (entity.type() == EntityType.SERVER) {
                serverMask |= bits;
            }
            else {
                addId(entity.type(), ids.assign(entity), bits);
            }
            return this;
        }

        /** Adds bits on the entity with this id, which must be of {@code type}. */
        Builder addId(EntityType type, int id, long bits)
        {
            presentTypes |= typeBit(type);
            put(id + 1, bits);
            return this;
        }

        Builder addAll(Holdings holdings)
        {
            serverMask |= holdings.serverMask;
            presentTypes |= holdings.presentTypes;
            for (int slot = 0; slot < holdings.table.length; slot += 2) {
                if (holdings.table[slot] != EMPTY) {
                    put(holdings.table[slot], holdings.table[slot + 1]);
                }
            }
            return this;
        }

        Builder self(EntityUrl self)
        {
            this.self = self;
            return this;
        }

        Holdings build()
        {
            // At most half full, and as small as that allows, since there is one table per identity
            int pairs = Integer.highestOneBit(Math.max(1, size * 2 - 1)) << 1;
            return new Holdings(ids, serverMask, presentTypes, rehash(table, pairs), self);
        }

        private void put(long key, long bits)
        {
            if ((size + 1) * 4 > table.length) {
                table = rehash(table, table.length);
            }
            if (insert(table, key, bits)) {
                size++;
            }
        }

        private static long[] rehash(long[] source, int pairs)
        {
            long[] target = new long[2 * pairs];
            for (int slot = 0; slot < source.length; slot += 2) {
                if (source[slot] != EMPTY) {
                    insert(target, source[slot], source[slot + 1]);
                }
            }
            return target;
        }

        // Returns true when the key was new
        private static boolean insert(long[] table, long key, long bits)
        {
            int last = table.length / 2 - 1;
            for (int slot = spread(key) & last; ; slot = (slot + 1) & last) {
                if (table[2 * slot] == key) {
                    table[2 * slot + 1] |= bits;
                    return false;
                }
                if (table[2 * slot] == EMPTY) {
                    table[2 * slot] = key;
                    table[2 * slot + 1] = bits;
                    return true;
                }
            }
        }
    }
}
