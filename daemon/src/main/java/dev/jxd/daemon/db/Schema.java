package dev.jxd.daemon.db;

import java.util.List;

/**
 * The numbered schema history. Append new migrations at the end; never edit a released one.
 *
 * <p>Permissions store the entity URL rather than an entity id: the URL is what the API speaks and
 * what the authorization index keys on, and renames/deletes rewrite or drop the rows in the same
 * command that renames/deletes the entity.
 */
public final class Schema
{
    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "initial schema", List.of(
                    """
                    CREATE TABLE config (
                        key TEXT PRIMARY KEY,
                        value TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE projects (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        description TEXT NOT NULL DEFAULT ''
                    )""",
                    """
                    CREATE TABLE projects_config (
                        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        UNIQUE (project_id, key)
                    )""",
                    """
                    CREATE TABLE identities (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        auth_method INTEGER NOT NULL,
                        type INTEGER NOT NULL,
                        identifier TEXT NOT NULL,
                        name TEXT NOT NULL,
                        metadata TEXT NOT NULL DEFAULT '{}',
                        UNIQUE (auth_method, identifier),
                        UNIQUE (type, identifier)
                    )""",
                    "CREATE INDEX identities_name ON identities (name)",
                    """
                    CREATE TABLE certificates (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        fingerprint TEXT NOT NULL UNIQUE,
                        certificate TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE identities_certificates (
                        identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                        certificate_id INTEGER NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
                        UNIQUE (identity_id, certificate_id)
                    )""",
                    // A certificate belongs to exactly one owner; when the owner lets go of it, it goes.
                    """
                    CREATE TRIGGER identities_certificates_delete AFTER DELETE ON identities_certificates
                    BEGIN
                        DELETE FROM certificates WHERE id = OLD.certificate_id;
                    END""",
                    """
                    CREATE TABLE auth_groups (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        description TEXT NOT NULL DEFAULT ''
                    )""",
                    """
                    CREATE TABLE identities_auth_groups (
                        identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                        auth_group_id INTEGER NOT NULL REFERENCES auth_groups (id) ON DELETE CASCADE,
                        PRIMARY KEY (identity_id, auth_group_id)
                    )""",
                    """
                    CREATE TABLE auth_groups_permissions (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        auth_group_id INTEGER NOT NULL REFERENCES auth_groups (id) ON DELETE CASCADE,
                        entity_type TEXT NOT NULL,
                        entity_url TEXT NOT NULL,
                        entitlement TEXT NOT NULL,
                        UNIQUE (auth_group_id, entity_url, entitlement)
                    )""",
                    "CREATE INDEX auth_groups_permissions_entity ON auth_groups_permissions (entity_url)",
                    "INSERT INTO projects (name, description) VALUES ('default', 'Default LXD project')",
                    "INSERT INTO auth_groups (name, description) VALUES ('admins', 'Server administrators')",
                    """
                    INSERT INTO auth_groups_permissions (auth_group_id, entity_type, entity_url, entitlement)
                    SELECT id, 'server', '/1.0', 'admin' FROM auth_groups WHERE name = 'admins'""")),
            new Migration(2, "cluster links", List.of(
                    // Type codes as LXD: bidirectional 0, unidirectional 1, public 2. A bidirectional link
                    // belongs to its identity: deleting the identity deletes the link.
                    """
                    CREATE TABLE cluster_links (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        identity_id INTEGER UNIQUE REFERENCES identities (id) ON DELETE CASCADE,
                        name TEXT NOT NULL UNIQUE,
                        description TEXT NOT NULL DEFAULT '',
                        type INTEGER NOT NULL DEFAULT 0
                    )""",
                    """
                    CREATE TABLE cluster_links_config (
                        cluster_link_id INTEGER NOT NULL REFERENCES cluster_links (id) ON DELETE CASCADE,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        UNIQUE (cluster_link_id, key)
                    )""",
                    // Links without an identity (unidirectional, public) pin the remote certificate here
                    """
                    CREATE TABLE cluster_links_certificates (
                        cluster_link_id INTEGER NOT NULL UNIQUE REFERENCES cluster_links (id) ON DELETE CASCADE,
                        certificate_id INTEGER NOT NULL REFERENCES certificates (id) ON DELETE CASCADE
                    )""",
                    """
                    CREATE TRIGGER cluster_links_certificates_delete AFTER DELETE ON cluster_links_certificates
                    BEGIN
                        DELETE FROM certificates WHERE id = OLD.certificate_id;
                    END""")),
            // Members are keyed by a stable Raft id so that a rename never touches the Raft configuration
            new Migration(3, "cluster members and join tokens", List.of(
                    """
                    CREATE TABLE cluster_members (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        name TEXT NOT NULL UNIQUE,
                        raft_id TEXT NOT NULL UNIQUE,
                        address TEXT NOT NULL UNIQUE,
                        raft_address TEXT NOT NULL UNIQUE,
                        database_role TEXT NOT NULL,
                        description TEXT NOT NULL DEFAULT '',
                        failure_domain TEXT NOT NULL DEFAULT 'default',
                        config TEXT NOT NULL DEFAULT '{}',
                        architecture TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE cluster_join_tokens (
                        name TEXT PRIMARY KEY,
                        secret_hash TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    )""")),
            // The projects a restricted legacy certificate may use (LXD's certificates_projects). Deleting a
            // project takes it off every certificate's list, as in LXD; renaming it keeps the certificates on it.
            new Migration(4, "projects of restricted certificates", List.of(
                    """
                    CREATE TABLE identities_projects (
                        identity_id INTEGER NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                        project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                        PRIMARY KEY (identity_id, project_id)
                    )""")));

    private Schema() {}

    public static List<Migration> migrations()
    {
        return MIGRATIONS;
    }

    public static int latestVersion()
    {
        return MIGRATIONS.getLast().version();
    }
}
