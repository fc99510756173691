package dev.jxd.daemon.cluster;

import dev.jxd.api.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a member keeps outside the replicated database: its stable Raft id and the address its Raft
 * endpoint listens on, in {@code <state>/cluster.yaml}. The file's presence is what makes a state
 * directory a cluster member's; its name lives in the replicated member row, so a rename is one command.
 */
public record LocalMember(String raftId, String raftAddress)
{
    static final String FILE_NAME = "cluster.yaml";

    public LocalMember
    {
        requireNonNull(raftId, "raftId is null");
        requireNonNull(raftAddress, "raftAddress is null");
    }

    public static Optional<LocalMember> load(Path stateDirectory)
    {
        Path file = stateDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.readYaml(Files.readString(file, StandardCharsets.UTF_8), LocalMember.class));
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot read " + file, exception);
        }
    }

    public void save(Path stateDirectory)
    {
        Path file = stateDirectory.resolve(FILE_NAME);
        try {
            Path temporary = Files.createTempFile(stateDirectory, "." + FILE_NAME, ".tmp");
            Files.writeString(temporary, Json.writeYaml(this), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException exception) {
            throw new UncheckedIOException("Cannot write " + file, exception);
        }
    }
}
