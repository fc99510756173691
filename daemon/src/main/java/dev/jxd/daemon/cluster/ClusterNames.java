package dev.jxd.daemon.cluster;

import dev.jxd.daemon.http.HttpStatusException;

import java.util.regex.Pattern;

/** Member names become host-name-like labels in URLs and certificates, as LXD requires. */
final class ClusterNames
{
    private static final Pattern MEMBER_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private ClusterNames() {}

    static void validateMemberName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw HttpStatusException.badRequest("Member name must not be empty");
        }
        if (name.equals("none") || !MEMBER_NAME.matcher(name).matches() || name.chars().allMatch(Character::isDigit)) {
            throw HttpStatusException.badRequest("Invalid member name \"" + name
                    + "\": it must be 1 to 63 letters, digits and hyphens, not start or end with a hyphen, not be all digits, and not be \"none\"");
        }
    }
}
