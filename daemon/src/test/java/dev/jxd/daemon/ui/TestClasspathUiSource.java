package dev.jxd.daemon.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class TestClasspathUiSource
{
    @TempDir
    Path temporary;

    @Test
    void readsTheUiFromAJar()
            throws Exception
    {
        Path jar = temporary.resolve("jxd-ui.jar");
        try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar))) {
            directory(output, "webui/");
            directory(output, "webui/assets/");
            file(output, "webui/index.html", "<html>index</html>");
            file(output, "webui/assets/index-1a.js", "console.log(1);");
            file(output, "outside.txt", "not part of the UI");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            UiSource source = UiSource.classpath(loader, UiSource.CLASSPATH_PREFIX);
            assertThat(source.available()).isTrue();
            assertThat(source.file("index.html").orElseThrow().content()).asString(StandardCharsets.UTF_8).isEqualTo("<html>index</html>");
            assertThat(source.file("assets/index-1a.js").orElseThrow().content()).asString(StandardCharsets.UTF_8).isEqualTo("console.log(1);");
            assertThat(source.file("assets")).isEmpty();
            assertThat(source.file("assets/")).isEmpty();
            assertThat(source.file("missing.js")).isEmpty();
            assertThat(source.file("../outside.txt")).isEmpty();
            // The same file twice is one read
            assertThat(source.file("index.html").orElseThrow()).isSameAs(source.file("index.html").orElseThrow());
        }
    }

    @Test
    void readsTheUiFromAnExplodedClasspath()
            throws Exception
    {
        Path classes = temporary.resolve("classes");
        Files.createDirectories(classes.resolve("webui/assets"));
        Files.writeString(classes.resolve("webui/index.html"), "<html>index</html>");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            UiSource source = UiSource.classpath(loader, "webui");
            assertThat(source.file("index.html")).isPresent();
            // A directory opens as a listing of its names: it must not be served as a file
            assertThat(source.file("assets")).isEmpty();
        }
    }

    @Test
    void aBuildWithoutTheUiHasNone()
            throws Exception
    {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertThat(UiSource.classpath(loader, UiSource.CLASSPATH_PREFIX).available()).isFalse();
        }
    }

    @Test
    void theEnvironmentVariableChoosesADirectory()
            throws Exception
    {
        Path directory = Files.createDirectories(temporary.resolve("ui"));
        Files.writeString(directory.resolve("index.html"), "<html>from JXD_UI</html>");
        UiSource configured = UiSource.fromEnvironment(Map.of(UiSource.ENVIRONMENT_VARIABLE, directory.toString()));
        assertThat(configured.file("index.html").orElseThrow().content()).asString(StandardCharsets.UTF_8).isEqualTo("<html>from JXD_UI</html>");

        // Not a directory, or not set: the bundled UI (whatever this build holds)
        boolean bundled = UiSource.class.getClassLoader().getResource("webui/index.html") != null;
        assertThat(UiSource.fromEnvironment(Map.of(UiSource.ENVIRONMENT_VARIABLE, directory.resolve("missing").toString())).available()).isEqualTo(bundled);
        assertThat(UiSource.fromEnvironment(Map.of()).available()).isEqualTo(bundled);
    }

    private static void directory(JarOutputStream output, String name)
            throws IOException
    {
        output.putNextEntry(new JarEntry(name));
        output.closeEntry();
    }

    private static void file(JarOutputStream output, String name, String content)
            throws IOException
    {
        output.putNextEntry(new JarEntry(name));
        OutputStream stream = output;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        output.closeEntry();
    }
}
