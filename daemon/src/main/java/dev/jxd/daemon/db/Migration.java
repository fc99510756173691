package dev.jxd.daemon.db;

import java.util.List;

/**
 * One numbered schema update, LXD style ({@code updateFromV<N>}). Statements must be deterministic so
 * that every member of a cluster, applying the same list, ends with the same schema and rows.
 */
public record Migration(int version, String description, List<String> statements)
{
    public Migration
    {
        statements = List.copyOf(statements);
    }
}
