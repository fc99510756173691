package dev.jxd.api.validate;

import java.util.List;

/** Name rules for entities that appear in API paths, with LXD's messages where LXD has them. */
public final class Names
{
    // Characters that would change the meaning of a URL if they appeared in a path segment
    private static final List<String> URL_UNSAFE = List.of("/", "?", "&", "+");

    private Names() {}

    /**
     * LXD's {@code validateClusterLinkName} (spec §4.5), checked in LXD's order: non-empty, URL-segment
     * safe, no path traversal, ASCII only.
     *
     * @throws ValidationException with LXD's message
     */
    public static void validateClusterLinkName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("Cluster link name cannot be empty");
        }
        for (String unsafe : URL_UNSAFE) {
            if (name.contains(unsafe)) {
                throw new ValidationException("Cannot contain " + GoStrings.quote(unsafe));
            }
        }
        if (!isFileName(name)) {
            throw new ValidationException("Invalid name " + GoStrings.quote(name) + ", may not contain slashes or consecutive dots");
        }
        for (int index = 0; index < name.length(); ) {
            int codePoint = name.codePointAt(index);
            if (codePoint > 0x7F) {
                throw new ValidationException("Name contains non-ASCII character " + GoStrings.quoteRune(codePoint));
            }
            index += Character.charCount(codePoint);
        }
    }

    /**
     * Authorization group names (spec §2.9).
     *
     * @throws ValidationException with LXD's message
     */
    public static void validateGroupName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("Group name cannot be empty");
        }
        if (name.contains("/")) {
            throw new ValidationException("Group name cannot contain a forward slash");
        }
        if (name.contains(":")) {
            throw new ValidationException("Group name cannot contain a colon");
        }
    }

    /**
     * Identity names. LXD asks only for a name; jxd also refuses what would make the name unusable where it
     * appears: in paths ({@code /1.0/auth/identities/tls/<name>}, {@code jxc ... tls/<name>}), tables and logs.
     *
     * @throws ValidationException naming the rule broken
     */
    public static void validateIdentityName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("Identity name must be provided");
        }
        if (name.contains("/")) {
            throw new ValidationException("Identity name cannot contain a forward slash");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new ValidationException("Identity name cannot be \".\" or \"..\"");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException("Identity name cannot contain control characters");
        }
    }

    /**
     * LXD's project name rules ({@code projectValidateName}).
     *
     * @throws ValidationException with LXD's message
     */
    public static void validateProjectName(String name)
    {
        if (name == null || name.isEmpty()) {
            throw new ValidationException("No name provided");
        }
        if (name.contains("/")) {
            throw new ValidationException("Project names may not contain slashes");
        }
        if (name.contains(" ")) {
            throw new ValidationException("Project names may not contain spaces");
        }
        if (name.contains("_")) {
            throw new ValidationException("Project names may not contain underscores");
        }
        if (name.contains("'") || name.contains("\"")) {
            throw new ValidationException("Project names may not contain quotes");
        }
        if (name.equals("*")) {
            throw new ValidationException("Reserved project name");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new ValidationException("Invalid project name " + GoStrings.quote(name));
        }
    }

    /**
     * A generic rule for names that become path segments or file names: non-empty, not {@code .} and
     * without {@code /}, {@code \}, {@code ..} or control characters.
     *
     * @param kind what is named, for the message, e.g. {@code "replicator"}
     * @throws ValidationException naming the kind and the offending name
     */
    public static void validateEntityName(String kind, String name)
    {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("kind is null or empty");
        }
        if (name == null || name.isEmpty()) {
            throw new ValidationException(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " name cannot be empty");
        }
        String prefix = "Invalid " + kind + " name " + GoStrings.quote(name) + ": ";
        if (name.contains("/") || name.contains("\\")) {
            throw new ValidationException(prefix + "may not contain slashes");
        }
        if (name.equals(".") || name.contains("..")) {
            throw new ValidationException(prefix + "may not be \".\" or contain consecutive dots");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(prefix + "may not contain control characters");
        }
    }

    // LXD's shared.IsFileName: nothing that lets a name escape its directory
    private static boolean isFileName(String name)
    {
        return !name.contains("/") && !name.contains("\\") && !name.contains("..");
    }
}
