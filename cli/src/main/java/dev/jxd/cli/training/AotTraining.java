package dev.jxd.cli.training;

import dev.jxd.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * The training run that records jxc's AOT cache ({@code cli/target/jxc.aot}, JEP 483/514) at build time:
 * run with {@code -XX:AOTCacheOutput}, it runs a few commands ({@code query /1.0} above all) the way
 * {@code bin/jxc} does, against a stand-in daemon on a unix socket that answers with canned LXD responses.
 * That keeps the training offline, deterministic and free of daemon classes, which must not be in jxc's
 * class path.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=jxc.aot -cp jxc.jar dev.jxd.cli.training.AotTraining}
 */
public final class AotTraining
{
    // The query commands take Main's fast path (no picocli, no Jetty); the cache must hold what that path loads and
    // links, its error printing included, or every jxc query pays for it at run time
    private static final List<TrainingCommand> COMMANDS = List.of(
            new TrainingCommand(0, "query", "/1.0"),
            new TrainingCommand(0, "query", "/1.0"),
            new TrainingCommand(0, "query", "--raw", "/1.0"),
            new TrainingCommand(0, "query", "/1.0/projects?recursion=1"),
            new TrainingCommand(0, "query", "-X", "POST", "-d", "{\"name\":\"p1\",\"config\":{}}", "/1.0/projects"),
            new TrainingCommand(1, "query", "/1.0/missing"),
            new TrainingCommand(0, "project", "list"),
            new TrainingCommand(0, "--help"),
            new TrainingCommand(0, "query", "/1.0"));

    private static final String SERVER = """
            {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":{\
            "api_extensions":["certificate_token","explicit_trust_token","projects","access_management"],\
            "api_status":"stable","api_version":"1.0","auth":"trusted","public":false,"auth_methods":["tls"],\
            "client_certificate":false,"config":{"core.https_address":"127.0.0.1:8443"},"auth_user_name":"root",\
            "auth_user_method":"unix","environment":{"addresses":["127.0.0.1:8443"],"architectures":["x86_64"],\
            "certificate":"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",\
            "certificate_fingerprint":"cea9d04bf57e749299f50f201cf82f9573b7ba6c102c084fae2d6f54b7d82d4e",\
            "driver":"","driver_version":"","firewall":"","kernel":"Linux","kernel_architecture":"x86_64",\
            "kernel_version":"6.1.0","os_name":"jxd","os_version":"0.1.0","project":"default","server":"jxd",\
            "server_clustered":false,"server_event_mode":"full-mesh","server_name":"training","server_pid":1,\
            "server_version":"0.1.0","storage":"","storage_version":""}}}
            """;
    private static final String PROJECTS = """
            {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"",\
            "metadata":[{"name":"default","description":"Default LXD project","config":{},"used_by":[]}]}
            """;
    private static final String EMPTY = """
            {"type":"sync","status":"Success","status_code":200,"operation":"","error_code":0,"error":"","metadata":[]}
            """;
    private static final String NOT_FOUND = """
            {"type":"error","status":"","status_code":0,"operation":"","error_code":404,"error":"Not Found","metadata":null}
            """;

    private AotTraining() {}

    public static void main(String[] args)
            throws Exception
    {
        // A short path under the temporary directory: a unix socket path may not exceed 107 bytes, which one
        // deep inside a build directory easily does
        Path directory = Files.createTempDirectory("jxd-aot-training");
        Path daemonDirectory = Files.createDirectories(directory.resolve("daemon"));
        Map<String, String> environment = Map.of(
                "HOME", directory.toString(),
                "JXC_CONF", directory.resolve("config").toString(),
                "JXD_DIR", daemonDirectory.toString());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(daemonDirectory.resolve("unix.socket")));
            Thread.ofPlatform().daemon().name("stand-in-daemon").start(() -> serve(server));
            Main.configureProcess();
            for (TrainingCommand command : COMMANDS) {
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int status = Main.run(command.arguments().toArray(String[]::new), new ByteArrayInputStream(new byte[0]), new PrintStream(output, true, StandardCharsets.UTF_8),
                        new PrintStream(output, true, StandardCharsets.UTF_8), environment);
                if (status != command.exitCode()) {
                    // A training run that goes astray would record the wrong paths; say so loudly but still write a cache
                    System.err.println("jxc " + String.join(" ", command.arguments()) + " exited with " + status + " during AOT training: " + output.toString(StandardCharsets.UTF_8));
                }
            }
        }
        deleteRecursively(directory);
        // The HTTP client's lingering threads must not keep the run (and the cache dump) waiting
        System.exit(0);
    }

    private record TrainingCommand(int exitCode, List<String> arguments)
    {
        TrainingCommand(int exitCode, String... arguments)
        {
            this(exitCode, List.of(arguments));
        }
    }

    private static void serve(ServerSocketChannel server)
    {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                answer(Channels.newInputStream(channel), Channels.newOutputStream(channel));
            }
            catch (IOException _) {
                // closed at the end of the run, or a client that went away
            }
        }
    }

    private static void answer(InputStream input, OutputStream output)
            throws IOException
    {
        String head = readHead(input);
        input.readNBytes(contentLength(head));
        String[] requestLine = head.substring(0, Math.max(head.indexOf('\r'), 0)).split(" ");
        String path = requestLine.length > 1 ? requestLine[1] : "/";
        int queryStart = path.indexOf('?');
        String endpoint = queryStart < 0 ? path : path.substring(0, queryStart);
        String body = switch (endpoint) {
            case "/1.0" -> SERVER;
            case "/1.0/projects" -> PROJECTS;
            case "/1.0/missing" -> NOT_FOUND;
            default -> EMPTY;
        };
        String status = endpoint.equals("/1.0/missing") ? "404 Not Found" : "200 OK";
        byte[] content = body.strip().getBytes(StandardCharsets.UTF_8);
        output.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        output.write(content);
        output.flush();
    }

    private static int contentLength(String head)
    {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, "Content-Length:".length())) {
                return Integer.parseInt(line.substring("Content-Length:".length()).strip());
            }
        }
        return 0;
    }

    private static String readHead(InputStream input)
            throws IOException
    {
        StringBuilder head = new StringBuilder();
        int next;
        while ((next = input.read()) >= 0) {
            head.append((char) next);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException exception)
                    throws IOException
            {
                Files.delete(visited);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
