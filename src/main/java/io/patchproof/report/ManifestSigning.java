package io.patchproof.report;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether and with what the sets are signed: {@code patchproof.signing.*}. Holds the settings,
 * not the key: {@link #load} opens the keystore each time it is asked (a few milliseconds), so a
 * long-running schedule sees a renewed keystore and refuses a certificate that has expired since
 * it started. Immutable; {@code toString} never shows the password.
 */
public final class ManifestSigning {

    /** Unsigned sets. */
    public static final ManifestSigning NONE = new ManifestSigning(null, null, null);

    private final Path keystore;
    private final String alias;
    private final char[] password;

    private ManifestSigning(Path keystore, String alias, char[] password) {
        this.keystore = keystore;
        this.alias = alias;
        this.password = password;
    }

    /**
     * From the properties as given: no keystore is unsigned; an alias without a keystore is a
     * configuration error (the intent to sign is plain, the key is not).
     *
     * @param keystore a path, or {@code file:} and a path; null or blank: unsigned
     * @throws SigningException when an alias is given without a keystore
     */
    public static ManifestSigning of(String keystore, String alias, String password) {
        if (keystore == null || keystore.isBlank()) {
            if (alias != null && !alias.isBlank()) {
                throw new SigningException("patchproof.signing.alias is set ('" + alias + "') but"
                        + " patchproof.signing.keystore is not: give the PKCS#12 keystore that holds it, or remove the alias"
                        + " to publish unsigned sets");
            }
            return NONE;
        }
        String path = keystore.trim();
        if (path.startsWith("classpath:")) {
            throw new SigningException("patchproof.signing.keystore: '" + keystore + "' is on the class path; give the"
                    + " keystore's path on disk (a key belongs in a file only its owner can read, not in the jar)");
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return new ManifestSigning(Path.of(path), alias, password == null ? null : password.toCharArray());
    }

    public boolean configured() {
        return keystore != null;
    }

    /**
     * The signer as of {@code now}, or null for unsigned sets.
     *
     * @throws SigningException when the keystore, alias, password or certificate cannot be used
     */
    public ManifestSigner load(Instant now) {
        return keystore == null ? null : ManifestSigner.load(keystore, alias, password, now);
    }

    @Override
    public String toString() {
        return keystore == null ? "unsigned" : "signed with '" + (alias == null ? "(the only key)" : alias) + "' from "
                + keystore + ", password " + (password == null ? "none" : "****");
    }
}
