package dev.jxd.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jxd.api.json.Json;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.util.Objects.requireNonNull;

/**
 * The client configuration directory ({@code $JXC_CONF}, default {@code ~/.config/jxc}), laid out like
 * {@code lxc}'s: {@code config.yml} with the remotes and the default remote, {@code servercerts/<remote>.crt}
 * with each remote's pinned certificate, and {@code client.crt}/{@code client.key}.
 *
 * <p>Until the first change is saved, the configuration is the built-in one: a {@code local} remote on the
 * daemon's unix socket, which is the default remote.
 */
final class ClientConfig
{
    static final String LOCAL_REMOTE = "local";
    static final String CONFIG_FILE = "config.yml";
    static final String CLIENT_CERTIFICATE_BASE_NAME = "client";
    static final String SOCKET_FILE = "unix.socket";

    private final Path directory;
    private final Path daemonDirectory;
    private final SortedMap<String, RemoteConfig> remotes;
    private final Map<String, String> aliases;
    private String defaultRemote;

    private ClientConfig(Path directory, Path daemonDirectory, String defaultRemote, Map<String, RemoteConfig> remotes, Map<String, String> aliases)
    {
        this.directory = requireNonNull(directory, "directory is null");
        this.daemonDirectory = requireNonNull(daemonDirectory, "daemonDirectory is null");
        this.defaultRemote = requireNonNull(defaultRemote, "defaultRemote is null");
        this.remotes = new TreeMap<>(remotes);
        this.aliases = new TreeMap<>(aliases);
    }

    /**
     * @param directory the client configuration directory
     * @param daemonDirectory the daemon's state directory ({@code $JXD_DIR}), where {@code unix://} remotes connect
     */
    static ClientConfig load(Path directory, Path daemonDirectory)
    {
        Path file = directory.resolve(CONFIG_FILE);
        if (!Files.exists(file)) {
            return new ClientConfig(directory, daemonDirectory, LOCAL_REMOTE, Map.of(LOCAL_REMOTE, RemoteConfig.local()), Map.of());
        }
        ConfigFile parsed;
        try {
            parsed = Json.readYaml(Files.readString(file, StandardCharsets.UTF_8), ConfigFile.class);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
        catch (JacksonException e) {
            throw new CliException("Failed to parse %s: %s".formatted(file, e.getOriginalMessage()), e);
        }
        if (parsed == null) {
            parsed = new ConfigFile(LOCAL_REMOTE, Map.of(), Map.of());
        }
        return new ClientConfig(
                directory,
                daemonDirectory,
                parsed.defaultRemote() == null || parsed.defaultRemote().isEmpty() ? LOCAL_REMOTE : parsed.defaultRemote(),
                parsed.remotes() == null ? Map.of() : parsed.remotes(),
                parsed.aliases() == null ? Map.of() : parsed.aliases());
    }

    /** Writes {@code config.yml} atomically, creating the directory if needed. */
    void save()
    {
        try {
            createDirectory(directory);
            String yaml = Yaml.write(new ConfigFile(defaultRemote, remotes, aliases));
            Path temporary = Files.createTempFile(directory, "." + CONFIG_FILE, ".tmp");
            try {
                Files.writeString(temporary, yaml, StandardCharsets.UTF_8);
                Files.move(temporary, directory.resolve(CONFIG_FILE), ATOMIC_MOVE, REPLACE_EXISTING);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Failed to write " + directory.resolve(CONFIG_FILE), e);
        }
    }

    Path directory()
    {
        return directory;
    }

    String defaultRemote()
    {
        return defaultRemote;
    }

    void setDefaultRemote(String name)
    {
        requireNonNull(name, "name is null");
        if (!remotes.containsKey(name)) {
            throw new CliException("Remote %s doesn't exist".formatted(name));
        }
        defaultRemote = name;
    }

    SortedMap<String, RemoteConfig> remotes()
    {
        return Collections.unmodifiableSortedMap(remotes);
    }

    Optional<RemoteConfig> remote(String name)
    {
        return Optional.ofNullable(remotes.get(name));
    }

    /** The remote's configuration, or the error {@code lxc} prints for an unknown remote. */
    RemoteConfig requireRemote(String name)
    {
        RemoteConfig remote = remotes.get(name);
        if (remote == null) {
            throw new CliException("Remote %s doesn't exist".formatted(name));
        }
        return remote;
    }

    void putRemote(String name, RemoteConfig remote)
    {
        remotes.put(requireNonNull(name, "name is null"), requireNonNull(remote, "remote is null"));
    }

    void removeRemote(String name)
    {
        remotes.remove(name);
    }

    /** Where the pinned certificate of a remote lives, as {@code lxc} keeps it. */
    Path serverCertificatePath(String remoteName)
    {
        return directory.resolve("servercerts").resolve(remoteName + ".crt");
    }

    Path clientCertificatePath()
    {
        return directory.resolve(CLIENT_CERTIFICATE_BASE_NAME + ".crt");
    }

    Path clientKeyPath()
    {
        return directory.resolve(CLIENT_CERTIFICATE_BASE_NAME + ".key");
    }

    /** The socket a {@code unix:} remote connects to: the daemon directory's socket for plain {@code unix://}. */
    Path socketPath(RemoteConfig remote)
    {
        String path = remote.addr().substring(RemoteConfig.UNIX_SCHEME.length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        return path.isEmpty() ? daemonDirectory.resolve(SOCKET_FILE) : Path.of(path);
    }

    static void createDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        }
    }

    @JsonPropertyOrder({"default-remote", "remotes", "aliases"})
    record ConfigFile(
            @JsonProperty("default-remote") String defaultRemote,
            Map<String, RemoteConfig> remotes,
            Map<String, String> aliases)
    {
    }
}
