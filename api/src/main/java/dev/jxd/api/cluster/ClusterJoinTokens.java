package dev.jxd.api.cluster;

import dev.jxd.api.json.Json;
import dev.jxd.api.token.InvalidTokenException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

import java.util.Base64;

import static java.util.Objects.requireNonNull;

/** Encodes and decodes {@link ClusterMemberJoinToken}s as LXD does: standard base64 of the JSON. */
public final class ClusterJoinTokens
{
    private static final ObjectReader TOKEN_READER = Json.lenient()
            .readerFor(ClusterMemberJoinToken.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClusterJoinTokens() {}

    public static String encode(ClusterMemberJoinToken token)
    {
        requireNonNull(token, "token is null");
        return Base64.getEncoder().encodeToString(Json.writeBytes(token));
    }

    /**
     * @throws InvalidTokenException if the token is malformed or lacks a field a join needs
     */
    public static ClusterMemberJoinToken decode(String encoded)
    {
        requireNonNull(encoded, "encoded is null");
        String text = encoded.strip().replace("\r", "").replace("\n", "");
        ClusterMemberJoinToken token;
        try {
            if (text.length() % 4 != 0) {
                throw new IllegalArgumentException("length is not a multiple of 4");
            }
            token = TOKEN_READER.readValue(Base64.getDecoder().decode(text));
        }
        catch (IllegalArgumentException | JacksonException exception) {
            throw new InvalidTokenException("Invalid cluster join token: " + exception.getMessage(), exception);
        }
        if (token == null || isEmpty(token.serverName())) {
            throw new InvalidTokenException("No server name in cluster join token");
        }
        if (isEmpty(token.secret())) {
            throw new InvalidTokenException("No secret in cluster join token");
        }
        if (isEmpty(token.fingerprint())) {
            throw new InvalidTokenException("No certificate fingerprint in cluster join token");
        }
        if (token.addresses().isEmpty()) {
            throw new InvalidTokenException("No cluster member addresses in cluster join token");
        }
        return token;
    }

    private static boolean isEmpty(String value)
    {
        return value == null || value.isEmpty();
    }
}
