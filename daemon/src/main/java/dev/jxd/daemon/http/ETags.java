package dev.jxd.daemon.http;

import dev.jxd.api.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ETags are the SHA-256 of a stable JSON encoding of the hashed value (spec §1.3): map keys sorted, so
 * the same state always yields the same tag.
 */
public final class ETags
{
    private static final JsonMapper SORTED = Json.lenient().rebuild()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ETags() {}

    public static String of(Object value)
    {
        try {
            JsonNode tree = SORTED.valueToTree(value);
            byte[] json = SORTED.writeValueAsBytes(tree);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(json);
            digest.update((byte) '\n');
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException(exception);
        }
    }

    /** Enforces {@code If-Match} when the client sent one (no header means no check). */
    public static void check(RequestContext request, Object currentValue)
    {
        String given = request.header("If-Match");
        if (given == null || given.isEmpty()) {
            return;
        }
        String current = of(currentValue);
        String unquoted = given.strip();
        if (unquoted.startsWith("\"") && unquoted.endsWith("\"") && unquoted.length() >= 2) {
            unquoted = unquoted.substring(1, unquoted.length() - 1);
        }
        if (!MessageDigest.isEqual(current.getBytes(StandardCharsets.US_ASCII), unquoted.getBytes(StandardCharsets.US_ASCII))) {
            throw new HttpStatusException(412, "ETag does not match: " + current + " vs " + unquoted
                    + ". The configuration has been modified since this change began. Please retrieve the updated configuration before proceeding.");
        }
    }
}
