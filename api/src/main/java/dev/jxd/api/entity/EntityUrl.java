package dev.jxd.api.entity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A reference to one entity, as used in permissions, {@code used_by} lists and operation metadata (spec §1.5, §2.8).
 *
 * <p>Path arguments are held unescaped. {@link #url()} produces LXD's canonical form: path arguments escaped like Go's
 * {@code url.PathEscape}, {@code ?project=} always present for project-scoped types (even {@code default}) and
 * {@code target} after it when a location is set, so canonical URLs can be compared as strings.
 *
 * @param project the project for project-scoped types, {@code null} otherwise
 * @param location the cluster member ({@code ?target=}) for types that allow it, otherwise {@code null}
 */
public record EntityUrl(EntityType type, List<String> pathArguments, String project, String location)
{
    public static final String DEFAULT_PROJECT = "default";

    private static final EntityUrl SERVER = new EntityUrl(EntityType.SERVER, List.of(), null, null);
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    public EntityUrl
    {
        requireNonNull(type, "type is null");
        requireNonNull(pathArguments, "pathArguments is null");
        pathArguments = List.copyOf(pathArguments);
        List<String> names = type.pathArgumentNames();
        if (pathArguments.size() != names.size()) {
            throw new IllegalArgumentException("Entity type %s requires %d path arguments (%s) but %d were given"
                    .formatted(quote(type.wireName()), names.size(), String.join(", ", names), pathArguments.size()));
        }
        for (int i = 0; i < pathArguments.size(); i++) {
            if (pathArguments.get(i).isEmpty()) {
                throw new IllegalArgumentException("Entity type %s requires a non-empty %s"
                        .formatted(quote(type.wireName()), names.get(i)));
            }
        }
        if (type.isProjectScoped()) {
            if (project == null || project.isEmpty()) {
                throw new IllegalArgumentException("Entities of type %s require a project".formatted(quote(type.wireName())));
            }
        }
        else if (project != null) {
            throw new IllegalArgumentException("Entities of type %s do not belong to a project".formatted(quote(type.wireName())));
        }
        if (location != null) {
            if (!type.isLocationAllowed()) {
                throw new IllegalArgumentException("Entities of type %s cannot have a location".formatted(quote(type.wireName())));
            }
            if (location.isEmpty()) {
                throw new IllegalArgumentException("Location must not be empty; use null for no location");
            }
        }
    }

    public static EntityUrl server()
    {
        return SERVER;
    }

    public static EntityUrl project(String name)
    {
        return new EntityUrl(EntityType.PROJECT, List.of(name), null, null);
    }

    public static EntityUrl instance(String project, String name)
    {
        return of(EntityType.INSTANCE, project, name);
    }

    public static EntityUrl clusterLink(String name)
    {
        return new EntityUrl(EntityType.CLUSTER_LINK, List.of(name), null, null);
    }

    public static EntityUrl replicator(String project, String name)
    {
        return of(EntityType.REPLICATOR, project, name);
    }

    public static EntityUrl identity(String authenticationMethod, String identifier)
    {
        return new EntityUrl(EntityType.IDENTITY, List.of(authenticationMethod, identifier), null, null);
    }

    public static EntityUrl group(String name)
    {
        return new EntityUrl(EntityType.GROUP, List.of(name), null, null);
    }

    /**
     * Builds a URL from unescaped path arguments. Like LXD, a project-scoped type without a project gets
     * {@code default}, and a project given for a type that is not project-scoped is ignored, so callers can pass
     * the request's project regardless of the type.
     */
    public static EntityUrl of(EntityType type, String project, String... pathArguments)
    {
        requireNonNull(type, "type is null");
        requireNonNull(pathArguments, "pathArguments is null");
        String effectiveProject = null;
        if (type.isProjectScoped()) {
            effectiveProject = (project == null || project.isEmpty()) ? DEFAULT_PROJECT : project;
        }
        return new EntityUrl(type, List.of(pathArguments), effectiveProject, null);
    }

    /** This URL with {@code ?target=} set; {@code null}, empty or {@code none} clear it, as in LXD. */
    public EntityUrl withLocation(String location)
    {
        String effectiveLocation = (location == null || location.isEmpty() || location.equals("none")) ? null : location;
        return new EntityUrl(type, pathArguments, project, effectiveLocation);
    }

    /**
     * Parses an entity URL such as {@code /1.0/instances/c1?project=p}.
     *
     * <p>As in LXD: a project-scoped URL without {@code project} refers to project {@code default}; the
     * {@code project} parameter of other types is ignored; {@code target} is kept only for types that may have a
     * location (an empty value or {@code none} means no location).
     *
     * @throws IllegalArgumentException if the URL does not have the shape of any entity type
     */
    public static EntityUrl parse(String url)
    {
        requireNonNull(url, "url is null");
        if (url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("Entity URL %s must not have a fragment".formatted(quote(url)));
        }
        int queryStart = url.indexOf('?');
        String path = queryStart < 0 ? url : url.substring(0, queryStart);
        String query = queryStart < 0 ? "" : url.substring(queryStart + 1);

        if (path.equals(EntityType.API_PREFIX)) {
            return SERVER;
        }
        if (!path.startsWith(EntityType.API_PREFIX + "/")) {
            throw new IllegalArgumentException("URL %s does not contain LXD API version".formatted(quote(url)));
        }
        String[] segments = path.substring(EntityType.API_PREFIX.length() + 1).split("/", -1);
        EntityType type = match(segments);
        if (type == null) {
            throw new IllegalArgumentException("Failed to match entity URL %s".formatted(quote(url)));
        }

        List<String> pathArguments = new ArrayList<>();
        List<String> template = type.pathSegments();
        for (int i = 0; i < segments.length; i++) {
            if (template.get(i) == null) {
                try {
                    pathArguments.add(percentDecode(segments[i], false));
                }
                catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Failed to unescape path element %s from URL %s: %s"
                            .formatted(quote(segments[i]), quote(url), e.getMessage()), e);
                }
            }
        }

        String project = null;
        if (type.isProjectScoped()) {
            project = queryParameter(query, "project", url);
            if (project == null || project.isEmpty()) {
                project = DEFAULT_PROJECT;
            }
        }
        String location = null;
        if (type.isLocationAllowed()) {
            location = queryParameter(query, "target", url);
            if (location != null && (location.isEmpty() || location.equals("none"))) {
                location = null;
            }
        }
        try {
            return new EntityUrl(type, pathArguments, project, location);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid entity URL %s: %s".formatted(quote(url), e.getMessage()), e);
        }
    }

    /** The canonical URL string. */
    public String url()
    {
        StringBuilder builder = new StringBuilder(64).append(EntityType.API_PREFIX);
        int argument = 0;
        for (String segment : type.pathSegments()) {
            builder.append('/');
            if (segment == null) {
                appendEscaped(builder, pathArguments.get(argument), false);
                argument++;
            }
            else {
                builder.append(segment);
            }
        }
        // Query keys in Go's url.Values.Encode order (sorted): project before target
        char separator = '?';
        if (project != null) {
            builder.append(separator).append("project=");
            appendEscaped(builder, project, true);
            separator = '&';
        }
        if (location != null) {
            builder.append(separator).append("target=");
            appendEscaped(builder, location, true);
        }
        return builder.toString();
    }

    /**
     * The entity this one belongs to for authorization (instance → project → server, snapshot → instance,
     * global entities → server); empty for the server.
     */
    public Optional<EntityUrl> parent()
    {
        return type.parentType().map(parentType -> switch (parentType) {
            case SERVER -> SERVER;
            case PROJECT -> project(project);
            default -> new EntityUrl(
                    parentType,
                    pathArguments.subList(0, parentType.pathArgumentNames().size()),
                    parentType.isProjectScoped() ? project : null,
                    parentType.isLocationAllowed() ? location : null);
        });
    }

    @Override
    public String toString()
    {
        return url();
    }

    private static EntityType match(String[] segments)
    {
        for (EntityType candidate : EntityType.values()) {
            List<String> template = candidate.pathSegments();
            if (template.size() != segments.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < segments.length && matches; i++) {
                String literal = template.get(i);
                matches = literal == null || literal.equals(segments[i]);
            }
            if (matches) {
                return candidate;
            }
        }
        return null;
    }

    // First occurrence wins, as with Go's url.Values.Get
    private static String queryParameter(String query, String name, String url)
    {
        if (query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                if (percentDecode(key, true).equals(name)) {
                    return percentDecode(value, true);
                }
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid query in URL %s: %s".formatted(quote(url), e.getMessage()), e);
            }
        }
        return null;
    }

    private static String percentDecode(String value, boolean plusIsSpace)
    {
        if (value.indexOf('%') < 0 && !(plusIsSpace && value.indexOf('+') >= 0)) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte current = bytes[i];
            if (current == '%') {
                if (i + 2 >= bytes.length) {
                    throw new IllegalArgumentException("invalid URL escape " + quote(new String(bytes, i, bytes.length - i, StandardCharsets.UTF_8)));
                }
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("invalid URL escape " + quote(new String(bytes, i, 3, StandardCharsets.UTF_8)));
                }
                decoded.write((high << 4) | low);
                i += 2;
            }
            else if (plusIsSpace && current == '+') {
                decoded.write(' ');
            }
            else {
                decoded.write(current);
            }
        }
        return decoded.toString(StandardCharsets.UTF_8);
    }

    // Mirrors Go's url.PathEscape (path segment) and url.QueryEscape (query component), which LXD uses
    private static void appendEscaped(StringBuilder builder, String value, boolean queryComponent)
    {
        for (byte current : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = current & 0xFF;
            if (isUnreserved(unsigned) || (!queryComponent && isAllowedInPathSegment(unsigned))) {
                builder.append((char) unsigned);
            }
            else if (queryComponent && unsigned == ' ') {
                builder.append('+');
            }
            else {
                builder.append('%').append(HEX_DIGITS[unsigned >> 4]).append(HEX_DIGITS[unsigned & 0x0F]);
            }
        }
    }

    private static boolean isUnreserved(int character)
    {
        return (character >= 'a' && character <= 'z')
                || (character >= 'A' && character <= 'Z')
                || (character >= '0' && character <= '9')
                || character == '-' || character == '_' || character == '.' || character == '~';
    }

    private static boolean isAllowedInPathSegment(int character)
    {
        return character == '$' || character == '&' || character == '+' || character == ':' || character == '=' || character == '@';
    }

    private static String quote(String value)
    {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
