package io.patchproof.job;

import io.patchproof.report.ManifestSigning;
import io.patchproof.report.SigningException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signing of the published sets ({@code patchproof.signing.*}); without a keystore the sets are
 * unsigned and their manifests say so.
 *
 * @param keystore a PKCS#12 file (a path, or {@code file:} and a path)
 * @param alias    the key pair's alias in it; empty: the keystore's only key pair
 * @param password the keystore's password: from {@code PATCHPROOF_SIGNING_PASSWORD}, not a
 *                 configuration file or the command line
 */
@ConfigurationProperties("patchproof.signing")
public record SigningProperties(String keystore, String alias, String password) {

    /**
     * The settings as the publisher takes them.
     *
     * @throws UsageException when they contradict each other (an alias without a keystore)
     */
    public ManifestSigning signing() {
        try {
            return ManifestSigning.of(keystore, alias, password);
        } catch (SigningException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Signing[keystore=" + keystore + ", alias=" + alias + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
