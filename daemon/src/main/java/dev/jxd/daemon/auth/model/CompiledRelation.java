package dev.jxd.daemon.auth.model;

import dev.jxd.api.entity.EntityType;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One entitlement of one entity type, flattened: {@code masks[d]} holds the relations on the ancestor at distance
 * {@code d} (of type {@code chain[d]}) any of which implies the entitlement. The arrays are never exposed.
 */
final class CompiledRelation
{
    private final EntityType[] chain;
    private final long[] masks;
    private final List<ImplicationSource> sources;

    CompiledRelation(EntityType[] chain, long[] masks, List<ImplicationSource> sources)
    {
        this.chain = requireNonNull(chain, "chain is null");
        this.masks = requireNonNull(masks, "masks is null");
        this.sources = List.copyOf(sources);
        if (chain.length != masks.length) {
            throw new IllegalArgumentException("chain and masks differ in length");
        }
    }

    int depth()
    {
        return masks.length;
    }

    EntityType ancestorType(int distance)
    {
        return chain[distance];
    }

    long mask(int distance)
    {
        return masks[distance];
    }

    List<ImplicationSource> sources()
    {
        return sources;
    }
}
