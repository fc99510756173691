/**
 * The jxd daemon. Packages, one per feature, each layered handler → service → store:
 * {@code server} (/1.0 and configuration), {@code project}, {@code identity} (identities, trust tokens,
 * legacy certificates), {@code group} (groups and permissions), {@code operation}, {@code event}.
 * Shared plumbing: {@code http} (router, access rules, envelope), {@code db} (schema, state store),
 * {@code auth} (authentication and the authorizer), {@code auth.model} (entitlement rules),
 * {@code task} (schedules), {@code common} (the services features are built from).
 * This root package only wires features together; nothing imports it.
 */
package dev.jxd.daemon;
