package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.PatchproofApplication;
import io.patchproof.job.Versions;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/patchproof}, run with {@code sh} as a user runs it, from an installation laid out as
 * the repository is ({@code bin/} beside {@code target/patchproof.jar}). The jar is not built yet
 * when the tests run, so the installation's jar is a small one whose manifest starts patchproof
 * from the test class path: the launcher cannot tell, and the code it starts is patchproof's.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherIntegrationTests {

    @TempDir
    static Path installation;

    @TempDir
    Path work;

    @BeforeAll
    static void install() throws IOException {
        Path bin = Files.createDirectories(installation.resolve("bin"));
        Files.copy(Path.of("bin", "patchproof"), bin.resolve("patchproof"));
        Files.createDirectories(installation.resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PatchproofApplication.class.getName());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream out = Files.newOutputStream(installation.resolve("target").resolve("patchproof.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result sh(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, installation.resolve("bin").resolve("patchproof").toString(), args);
    }

    private Result run(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("PATCHPROOF_JAR");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Path out = work.resolve("launcher.out");
        Path err = work.resolve("launcher.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void versionRunsThroughTheLauncherWithTheJarBesideIt() throws Exception {
        Result result = sh(Map.of(), "--version");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("patchproof " + Versions.TOOL + " (rules version " + Versions.RULES + ")\n");
    }

    @Test
    void optionsPassThroughAndTheWorkingFoldersConfigIsRead() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(work.resolve("config").resolve("application.yml"), "patchproof:\n  store:\n    keep-snapshot: 2\n",
                StandardCharsets.UTF_8);
        Result result = sh(Map.of(), "status", "--spring.datasource.url=jdbc:h2:file:" + work.resolve("store/patchproof"),
                "--logging.file.name=" + work.resolve("logs/patchproof.log"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("keep-snapshot").contains("patchproof.store.keep-snapshots");
    }

    @Test
    void aJavaOlderThan17IsNamedWithTheVersionNeeded() throws Exception {
        Path oldJava = Files.createDirectories(work.resolve("jdk8").resolve("bin"));
        Path java = Files.writeString(oldJava.resolve("java"), "#!/bin/sh\necho 'java version \"1.8.0_402\"' >&2\n"
                + "echo 'Java(TM) SE Runtime Environment (build 1.8.0_402-b06)' >&2\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = sh(Map.of("JAVA_HOME", work.resolve("jdk8").toString()), "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("patchproof needs Java 17 or later, but " + java + " (from JAVA_HOME")
                .contains("is Java 8 (1.8.0_402)");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Result result = sh(Map.of("JAVA_HOME", work.resolve("nothing-here").toString()), "--version");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("JAVA_HOME is '" + work.resolve("nothing-here") + "'")
                .contains("point JAVA_HOME at a Java 17 or later installation");
    }

    @Test
    void withoutAJarBesideItTheLauncherSaysWhereItLookedAndPatchproofJarNamesOne() throws Exception {
        Path bare = Files.createDirectories(work.resolve("bare").resolve("bin"));
        Files.copy(Path.of("bin", "patchproof"), bare.resolve("patchproof"));
        String script = bare.resolve("patchproof").toString();

        Result none = run(Map.of(), script, "--version");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no jar found at " + work.resolve("bare").toRealPath().resolve("target/patchproof.jar"))
                .contains("set PATCHPROOF_JAR to the jar");

        Result missing = run(Map.of("PATCHPROOF_JAR", work.resolve("patchproof.jar").toString()), script, "--version");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("PATCHPROOF_JAR is '" + work.resolve("patchproof.jar") + "', which is not a file");

        Path jar = installation.resolve("target").resolve("patchproof.jar");
        Result named = run(Map.of("PATCHPROOF_JAR", jar.toString()), script, "--version");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out()).startsWith("patchproof " + Versions.TOOL);
    }

    @Test
    void javaOptsReachTheJvm() throws Exception {
        Path store = work.resolve("elsewhere").resolve("store");
        Result result = sh(Map.of("JAVA_OPTS", "-Xmx256m -Dspring.datasource.url=jdbc:h2:file:" + store), "status",
                "--logging.file.name=" + work.resolve("logs/patchproof.log"));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(work.resolve("elsewhere").resolve("store.mv.db")).isRegularFile();
    }
}
