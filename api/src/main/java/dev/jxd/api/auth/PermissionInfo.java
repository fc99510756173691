package dev.jxd.api.auth;

import java.util.List;

/** A permission with the groups that hold it ({@code GET /1.0/auth/permissions?recursion=1}). */
public record PermissionInfo(String entityType, String url, String entitlement, List<String> groups)
{
}
