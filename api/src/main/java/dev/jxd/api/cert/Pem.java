package dev.jxd.api.cert;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * PEM blocks read with the JDK alone (RFC 7468, plus the RFC 1421 headers openssl writes for encrypted
 * legacy keys), so that reading the daemon's certificate and key at start-up loads no BouncyCastle.
 * Text outside the blocks is ignored, as Go's {@code pem.Decode} and BouncyCastle's {@code PemReader} do.
 */
final class Pem
{
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    record Block(String type, Map<String, String> headers, byte[] content)
    {
        Block
        {
            requireNonNull(type, "type is null");
            headers = Map.copyOf(headers);
            requireNonNull(content, "content is null");
        }

        boolean encrypted()
        {
            return headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
        }
    }

    /**
     * Every block of {@code text}, in order.
     *
     * @throws IllegalArgumentException for a block without its END line or with bad base64
     */
    static List<Block> read(String text)
    {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int index = 0;
        while (index < lines.size()) {
            String line = lines.get(index++).strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String endLine = END + type + DASHES;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            while (index < lines.size()) {
                String content = lines.get(index++).strip();
                if (content.equals(endLine)) {
                    ended = true;
                    break;
                }
                int colon = content.indexOf(':');
                if (colon > 0 && body.isEmpty()) {
                    headers.put(content.substring(0, colon).strip(), content.substring(colon + 1).strip());
                }
                else {
                    body.append(content);
                }
            }
            if (!ended) {
                throw new IllegalArgumentException(endLine + " not found");
            }
            blocks.add(new Block(type, headers, Base64.getDecoder().decode(body.toString())));
        }
        return blocks;
    }
}
