package io.patchproof.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS#12 keystores for the signing tests, made with the JDK's own {@code keytool}, as a user
 * would make one. Every keystore's password is {@link #PASSWORD} (test keys only).
 */
public final class TestKeystores {

    /** The password of every test keystore: a test-only secret. */
    public static final String PASSWORD = "test-only-Pw-42";

    private TestKeystores() {
    }

    /** A keystore with one RSA 2048 key pair under {@code alias}, valid for ten years from now. */
    public static Path rsa(Path dir, String file, String alias) {
        return genkeypair(dir.resolve(file), alias, "CN=patchproof test " + alias + ", O=Test", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3650");
    }

    /** A keystore with one EC P-256 key pair. */
    public static Path ec(Path dir, String file, String alias) {
        return genkeypair(dir.resolve(file), alias, "CN=patchproof test " + alias + ", O=Test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "3650");
    }

    /** A keystore whose one RSA certificate ended a year ago (it ran from two years ago for 30 days). */
    public static Path expired(Path dir, String file, String alias) {
        return genkeypair(dir.resolve(file), alias, "CN=patchproof expired " + alias, "-keyalg", "RSA", "-keysize", "2048",
                "-startdate", "-730d", "-validity", "30");
    }

    /** A keystore with a DSA key pair, a type patchproof does not sign with. */
    public static Path dsa(Path dir, String file, String alias) {
        return genkeypair(dir.resolve(file), alias, "CN=dsa " + alias, "-keyalg", "DSA", "-keysize", "2048",
                "-validity", "3650");
    }

    /** Adds the certificate (only) of {@code fromAlias} in {@code from} to {@code into} as {@code alias}. */
    public static void addCertificateOnly(Path from, String fromAlias, Path into, String alias) {
        Path cert = from.resolveSibling(from.getFileName() + "." + fromAlias + ".cer");
        keytool("-exportcert", "-keystore", from.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", fromAlias, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-keystore", into.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", alias, "-file", cert.toString());
    }

    /** Adds a second RSA key pair to an existing keystore. */
    public static void addRsa(Path store, String alias) {
        genkeypair(store, alias, "CN=second " + alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650");
    }

    /** A key pair under {@code alias} in the PKCS#12 keystore {@code store} (made if absent), with its own certificate. */
    private static Path genkeypair(Path store, String alias, String dname, String... keyArgs) {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-alias", alias));
        args.addAll(List.of(keyArgs));
        args.addAll(List.of("-dname", dname));
        keytool(args.toArray(String[]::new));
        return store;
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + said);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
